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
#   LOG_LEVEL [warn]            the server's; at info it writes one line per request
#   UNIQUE_EVENTS, PURCHASE_EVENTS   20,000-seat events for holds_unique and hold_purchase
#                               [enough for 20,000 operations per second]
#   BOXOFFICE_BIN               a server binary to use instead of building one
set -euo pipefail
cd "$(dirname "$0")/.."

CONNS=${CONNS:-64}
SECONDS_PER_SCENARIO=${SECONDS_PER_SCENARIO:-5}
THREADS=${THREADS:-1}
BUYERS=${BUYERS:-256}
BACKENDS=${BACKENDS:-sqlite sqlite-full postgres}
LOG_LEVEL=${LOG_LEVEL:-warn}
ceil() { awk "BEGIN { x = $1; n = int(x); print (n < x ? n + 1 : n) }"; }
UNIQUE_EVENTS=${UNIQUE_EVENTS:-$(ceil "$SECONDS_PER_SCENARIO")}
PURCHASE_EVENTS=${PURCHASE_EVENTS:-$(ceil "$SECONDS_PER_SCENARIO / 2")}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
ADMIN_EMAIL=bench-admin@bench.test
ADMIN_PASSWORD=bench-admin-password

began=$(date +%s)
log() { echo "bench: $*" >&2; }

scripts/deps.sh
command -v curl >/dev/null || { log "curl is needed"; exit 1; }
if [[ -n ${BOXOFFICE_BIN:-} ]]; then
  server_bin=$BOXOFFICE_BIN
else
  log "building the server (scripts/build.sh release)"
  server_bin=$(scripts/build.sh release | tail -n 1)/boxoffice
fi
log "building the load generator (build-bench/)"
mkdir -p build-bench
cmake -S bench -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
if ! cmake --build build-bench -j "$(nproc)" >build-bench/build.log 2>&1; then
  cat build-bench/build.log >&2
  exit 1
fi
loadgen=build-bench/loadgen

work=$(mktemp -d /tmp/boxoffice-bench.XXXXXX)
chmod 755 "$work" # the postgres user must reach its cluster inside
results=$work/results.txt
server_pid=
pg_dir=

stop_server() {
  [[ -n $server_pid ]] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
cleanup() {
  stop_server
  [[ -z $pg_dir ]] || scripts/pg-cluster.sh stop "$pg_dir" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_postgres() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg-cluster.sh runs PostgreSQL with fsync=off, right for tests but not for a benchmark of holds
# that must be durable when acknowledged: restart the cluster it made on the same port with
# PostgreSQL's defaults (fsync and synchronous_commit on). Prints the URL.
start_postgres() {
  local url port pg_log=$work/pg-cluster.log
  if ! url=$(scripts/pg-cluster.sh start "$pg_dir" 2>>"$pg_log") ||
    ! scripts/pg-cluster.sh stop "$pg_dir" 2>>"$pg_log"; then
    cat "$pg_log" >&2
    exit 1
  fi
  port=${url##*:}
  port=${port%%/*}
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-p $port -k '$pg_dir/run' -c listen_addresses=127.0.0.1 -c max_connections=300" \
    start >>"$pg_log" 2>&1; then
    cat "$pg_log" "$pg_dir/server.log" >&2
    exit 1
  fi
  echo "$url"
}

# Starts the server on a free port with default settings except the log level; sets $url.
start_server() {
  local database=$1 label=$2 port
  port=$(free_port)
  url=http://127.0.0.1:$port
  "$server_bin" serve --listen "127.0.0.1:$port" --database "$database" \
    --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" --log-level "$LOG_LEVEL" \
    >"$work/$label.server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 200); do
    curl -sf "$url/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  log "the server did not start ($label):"
  cat "$work/$label.server.log" >&2
  exit 1
}

failed=0
run_backend() {
  local label=$1 database
  case $label in
    sqlite) database="sqlite:$work/sqlite.db" ;; # the default: WAL, synchronous=NORMAL
    sqlite-full) database="sqlite:$work/sqlite-full.db?sync=full" ;;
    postgres)
      pg_dir=$work/pg # set here: start_postgres runs in a subshell
      database=$(start_postgres)
      ;;
    *) log "unknown backend $label"; exit 2 ;;
  esac
  start_server "$database" "$label"
  log "$label: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  log "$label: creating $BUYERS buyers and $((UNIQUE_EVENTS + PURCHASE_EVENTS + 2)) events"
  "$loadgen" setup --url "$url" --manager-email "$ADMIN_EMAIL" --manager-password "$ADMIN_PASSWORD" \
    --buyers "$BUYERS" --unique-events "$UNIQUE_EVENTS" --purchase-events "$PURCHASE_EVENTS" \
    --out "$work/$label.setup.json" | sed "s/^setup /setup backend=$label /" | tee -a "$results"
  log "$label: running the scenarios"
  "$loadgen" run --url "$url" --setup "$work/$label.setup.json" --conns "$CONNS" \
    --threads "$THREADS" --seconds "$SECONDS_PER_SCENARIO" --label "$label" \
    --server-pid "$server_pid" |
    tee -a "$results" || failed=1
  stop_server
  if grep -qE '^[0-9TZ:.-]+ (error|critical) ' "$work/$label.server.log"; then
    log "$label: the server logged errors (the first 5):"
    grep -E '^[0-9TZ:.-]+ (error|critical) ' "$work/$label.server.log" | head -n 5 >&2
  fi
  if [[ $label == postgres ]]; then
    scripts/pg-cluster.sh stop "$pg_dir" 2>>"$work/pg-cluster.log"
    pg_dir=
  fi
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "server: $server_bin, default options but --log-level $LOG_LEVEL (info logs one line per request)"
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
