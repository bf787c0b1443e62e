#!/usr/bin/env bash
# The waiting-room benchmark of bench/README.md in one command: builds the server and the load
# generator, then for each backend starts a fresh server, makes an event whose waiting room is
# not yet admitting anyone, and runs join, poll and /healthz (the polls' ceiling, same connections
# and duration, the two in turns) and verify on it, reading the server's memory before the joins,
# after them and after the polls. Ends with a table and polls/healthz beside its target (>= 0.8);
# exits non-zero when a join failed for good, a poll was not answered 200 "waiting", /healthz not
# 200, or the positions were not exactly 1..JOINS.
#
#   bash bench/queue.sh
#   JOINS=20000 SECONDS_PER_SCENARIO=5 bash bench/queue.sh
#
# Environment (defaults in brackets):
#   JOINS [1000000]             joins that must succeed, all into one event's line
#   CONNS [64]                  concurrent connections of every scenario
#   SECONDS_PER_SCENARIO [10]   how long the poll and healthz scenarios run (join and verify run
#                               to the end)
#   THREADS [1]                 load generator threads
#   BACKENDS [sqlite]           any of "sqlite sqlite-full postgres"
#   LOG_LEVEL, BOXOFFICE_BIN    as bench/lib.sh says
set -euo pipefail
cd "$(dirname "$0")/.."

JOINS=${JOINS:-1000000}
CONNS=${CONNS:-64}
SECONDS_PER_SCENARIO=${SECONDS_PER_SCENARIO:-10}
THREADS=${THREADS:-1}
BACKENDS=${BACKENDS:-sqlite}
began=$(date +%s)
source bench/lib.sh
build_all

run_backend() {
  local label=$1
  open_backend "$label"
  log "$label: $JOINS joins, ${SECONDS_PER_SCENARIO}s of polls, then every token once"
  "$loadgen" queue --url "$url" --manager-email "$ADMIN_EMAIL" \
    --manager-password "$ADMIN_PASSWORD" --joins "$JOINS" --conns "$CONNS" --threads "$THREADS" \
    --seconds "$SECONDS_PER_SCENARIO" --label "$label" --server-pid "$server_pid" |
    tee -a "$results" || failed=1
  close_backend "$label"
}

describe_machine
echo "load: $JOINS joins into one waiting room (sales open tomorrow, so all stay waiting)," \
  "$CONNS connections, $THREADS load generator thread(s) on the same $(nproc) cores," \
  "${SECONDS_PER_SCENARIO}s of polls"
for backend in $BACKENDS; do run_backend "$backend"; done

echo
awk '
  function fields() {
    delete f
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = substr($i, length(kv[1]) + 2) }
  }
  function row(a, b, c, d, e, f_, g, h, i, j) {
    printf "%-13s %-12s %9s %10s %8s %8s %8s %6s %-15s %s\n", a, b, c, d, e, f_, g, h, i, j
  }
  BEGIN { row("scenario", "backend", "ops", "ok/s", "p50_ms", "p99_ms", "max_ms", "errors",
              "cpu srv/lg/rest", "check") }
  /^scenario=/ {
    fields(); split($1, s, "=")
    row(s[2], f["backend"], f["ops"], f["ok_per_s"], f["p50_ms"], f["p99_ms"], f["max_ms"],
        f["other"], f["cpu_server"] "/" f["cpu_loadgen"] "/" f["cpu_rest"], f["check"])
  }
  /^scenario=queue_poll / { ratio[f["backend"]] = f["ratio_to_healthz"] }
  /^memory / { fields(); memory[++m] = sprintf("%-12s %14s %14s %14s %10s", f["backend"],
    f["before_joins_rss_mib"] "/" f["before_joins_hwm_mib"],
    f["after_joins_rss_mib"] "/" f["after_joins_hwm_mib"],
    f["after_polls_rss_mib"] "/" f["after_polls_hwm_mib"], f["rss_bytes_per_join"]) }
  END {
    printf "\nserver memory, VmRSS/VmHWM in MiB:\n%-12s %14s %14s %14s %10s\n", "backend",
      "before joins", "after joins", "after polls", "bytes/join"
    for (i = 1; i <= m; i++) print memory[i]
    print ""
    for (b in ratio) printf "%s: polls/healthz = %s of the same run (target >= 0.8)\n", b, ratio[b]
  }
' "$results"
echo "cpu: average cores used during the scenario by the server / the load generator / everything"
echo "     else; the machine has $(nproc). errors: answers other than the scenario expects."
echo "total time: $(($(date +%s) - began)) s"
exit "$failed"
