# shellcheck shell=bash
# What bench/run.sh and bench/queue.sh share: building, a fresh server per backend and cleaning up
# after it. Sourced from the repository's root under `set -euo pipefail`.
#
# Environment (defaults in brackets):
#   LOG_LEVEL [warn]   the server's; at info it writes one line per request
#   BOXOFFICE_BIN      a server binary to use instead of building one
#   PG_BIN [/usr/lib/postgresql/15/bin]

LOG_LEVEL=${LOG_LEVEL:-warn}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
ADMIN_EMAIL=bench-admin@bench.test
ADMIN_PASSWORD=bench-admin-password

log() { echo "bench: $*" >&2; }

# Installs what is missing and builds the server (unless BOXOFFICE_BIN names one) and the load
# generator; sets server_bin and loadgen.
build_all() {
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
  # shellcheck disable=SC2034 # used by the sourcing script
  loadgen=build-bench/loadgen
}

# A temporary folder for databases, logs and results, removed at exit with whatever still runs.
work=$(mktemp -d /tmp/boxoffice-bench.XXXXXX)
chmod 755 "$work" # the postgres user must reach its cluster inside
# shellcheck disable=SC2034 # used by the sourcing script
results=$work/results.txt # the loadgen lines of every backend, for the table at the end
# shellcheck disable=SC2034
failed=0                  # set to 1 by a run whose checks failed
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

# Starts the server on a free port with default settings except the log level and any further
# options given after the label; sets $url.
start_server() {
  local database=$1 label=$2 port
  shift 2
  port=$(free_port)
  url=http://127.0.0.1:$port
  "$server_bin" serve --listen "127.0.0.1:$port" --database "$database" \
    --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" --log-level "$LOG_LEVEL" \
    "$@" >"$work/$label.server.log" 2>&1 &
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

# Starts a fresh database of backend LABEL and a server on it; sets url, server_pid and
# database_url (the server's --database).
open_backend() {
  local label=$1 database
  case $label in
    sqlite) database="sqlite:$work/$label.db" ;; # the default: WAL, synchronous=NORMAL
    sqlite-full) database="sqlite:$work/$label.db?sync=full" ;;
    postgres)
      pg_dir=$work/pg # set here: start_postgres runs in a subshell
      database=$(start_postgres)
      ;;
    *) log "unknown backend $label"; exit 2 ;;
  esac
  # shellcheck disable=SC2034 # used by the sourcing script
  database_url=$database
  start_server "$database" "$label"
  log "$label: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Stops the server and the database open_backend started, and shows the errors the server logged.
close_backend() {
  local label=$1
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

describe_machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "server: $server_bin, default options but --log-level $LOG_LEVEL (info logs one line per request)"
}
