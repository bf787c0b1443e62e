#!/usr/bin/env bash
# The benchmark of bench/README.md in one command: installs what is missing, builds the server
# (release) and the load generator, then for each backend starts a fresh server with its default,
# durable settings, creates the data through the API, runs every scenario and prints a table.
#
#   bash bench/run.sh
#
# Environment (defaults in brackets):
#   CONNS [64]                  concurrent connections of every scenario
#   SECONDS_PER_SCENARIO [5]    how long each scenario runs (it ends sooner if its seats run out)
#   THREADS [1]                 load generator threads
#   BUYERS [256]                buyer accounts (at least 200: the per-buyer limit is 100)
#   BACKENDS ["sqlite sqlite-full postgres"]
#   UNIQUE_EVENTS, PURCHASE_EVENTS   20,000-seat events for holds_unique and hold_purchase
#                               [enough for 20,000 operations per second]
#   LOG_LEVEL, BOXOFFICE_BIN    as bench/lib.sh says
set -euo pipefail
cd "$(dirname "$0")/.."

CONNS=${CONNS:-64}
SECONDS_PER_SCENARIO=${SECONDS_PER_SCENARIO:-5}
THREADS=${THREADS:-1}
BUYERS=${BUYERS:-256}
BACKENDS=${BACKENDS:-sqlite sqlite-full postgres}
ceil() { awk "BEGIN { x = $1; n = int(x); print (n < x ? n + 1 : n) }"; }
UNIQUE_EVENTS=${UNIQUE_EVENTS:-$(ceil "$SECONDS_PER_SCENARIO")}
PURCHASE_EVENTS=${PURCHASE_EVENTS:-$(ceil "$SECONDS_PER_SCENARIO / 2")}
began=$(date +%s)
source bench/lib.sh
build_all

run_backend() {
  local label=$1
  open_backend "$label"
  log "$label: creating $BUYERS buyers and $((UNIQUE_EVENTS + PURCHASE_EVENTS + 2)) events"
  "$loadgen" setup --url "$url" --manager-email "$ADMIN_EMAIL" --manager-password "$ADMIN_PASSWORD" \
    --buyers "$BUYERS" --unique-events "$UNIQUE_EVENTS" --purchase-events "$PURCHASE_EVENTS" \
    --out "$work/$label.setup.json" | sed "s/^setup /setup backend=$label /" | tee -a "$results"
  log "$label: running the scenarios"
  "$loadgen" run --url "$url" --setup "$work/$label.setup.json" --conns "$CONNS" \
    --threads "$THREADS" --seconds "$SECONDS_PER_SCENARIO" --label "$label" \
    --server-pid "$server_pid" |
    tee -a "$results" || failed=1
  if [[ $label == postgres ]]; then
    log "postgres: the row-lock baseline (bench/pgbench_rowlock.sh) on the same cluster"
    CONNS=$CONNS SECONDS_PER_SCENARIO=$SECONDS_PER_SCENARIO bench/pgbench_rowlock.sh "$database_url" |
      tee -a "$results" || failed=1
  fi
  close_backend "$label"
}

describe_machine
echo "durability: sqlite = default WAL + synchronous=NORMAL (a commit survives a crash of the" \
  "server, not of the machine); sqlite-full = ?sync=full (fsync per commit); postgres = fsync on," \
  "synchronous_commit on"
echo "load: $CONNS connections, $THREADS load generator thread(s) on the same $(nproc) cores," \
  "${SECONDS_PER_SCENARIO}s per scenario"
for backend in $BACKENDS; do run_backend "$backend"; done

echo
awk '
  function row(a, b, c, d, e, f, g, h, i) {
    printf "%-16s %-12s %10s %9s %9s %9s %8s %-15s %s\n", a, b, c, d, e, f, g, h, i
  }
  BEGIN { row("scenario", "backend", "ok/s", "p50_ms", "p99_ms", "/healthz", "refused",
              "cpu srv/lg/rest", "check") }
  /^scenario=/ {
    delete f
    for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = substr($i, length(kv[1]) + 2) }
    check = f["check"]; sub(/\(.*/, "", check)
    row(f["scenario"], f["backend"], f["ok_per_s"], f["p50_ms"], f["p99_ms"],
        (f["ratio_to_healthz"] == "" ? "1" : f["ratio_to_healthz"]),
        (f["refused"] > 0 ? f["refused"] : "-"),
        f["cpu_server"] "/" f["cpu_loadgen"] "/" f["cpu_rest"], check)
  }
' "$results"
echo "cpu: average cores used during the scenario by the server / the load generator / everything"
echo "     else (for postgres that includes PostgreSQL's own processes); the machine has $(nproc)."
echo "total time: $(($(date +%s) - began)) s"
exit "$failed"
