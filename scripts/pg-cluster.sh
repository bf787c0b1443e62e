#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for tests, never the system one.
#
#   scripts/pg-cluster.sh start DIR   creates a cluster in DIR (or restarts the stopped one there) on a
#                                     free port of 127.0.0.1, with trust authentication, and prints
#                                     postgresql://postgres@127.0.0.1:PORT/postgres
#   scripts/pg-cluster.sh stop DIR    stops it; the files stay until DIR is removed
#
# The URL is the only output on stdout, so that URL=$(scripts/pg-cluster.sh start DIR) works;
# everything else goes to stderr. The server's own log is DIR/server.log.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

die() {
  echo "pg-cluster: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}

# initdb refuses to run as root, so as root every PostgreSQL program runs as the postgres user.
as_owner() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  [[ -x $PG_BIN/pg_ctl && -x $PG_BIN/initdb ]] ||
    die "PostgreSQL 15 is not in $PG_BIN (apt-get install postgresql, or set PG_BIN)"
  command -v python3 >/dev/null || die "python3 is needed to find a free port"
  if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    die "running as root needs a 'postgres' user to own the cluster"
  fi
  # pg_ctl hands its -o options to a shell, and a socket path has a length limit.
  [[ $dir != *[[:space:]\'\"\\]* ]] || die "DIR must not contain spaces, quotes or backslashes: $dir"
  local data=$dir/data sockets=$dir/run log=$dir/server.log
  ((${#sockets} <= 90)) || die "DIR is too long for a Unix socket path; choose a shorter one: $dir"

  mkdir -p "$dir"
  [[ $EUID -ne 0 ]] || chown postgres: "$dir"
  as_owner test -w "$dir" -a -x "$dir" ||
    die "the postgres user cannot write to $dir (is one of its parent directories closed to it?)"
  cd "$dir"

  if [[ -f $data/PG_VERSION ]]; then
    if as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      die "a cluster is already running in $dir; stop it first: $0 stop $dir"
    fi
    echo "pg-cluster: restarting the stopped cluster in $data" >&2
  else
    as_owner "$PG_BIN/initdb" -D "$data" --username=postgres --auth=trust --encoding=UTF8 \
      --no-sync >&2 || die "initdb failed for $data"
  fi
  as_owner mkdir -p "$sockets"

  # Another process may take the port between the probe and the bind; then try another one.
  local attempt port logged
  for attempt in 1 2 3 4 5; do
    port=$(free_port) || die "could not find a free port"
    logged=0
    [[ ! -f $log ]] || logged=$(wc -l <"$log")
    if as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 \
      -o "-p $port -k '$sockets' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
      start >&2; then
      echo "postgresql://postgres@127.0.0.1:$port/postgres"
      return
    fi
    if ! tail -n +"$((logged + 1))" "$log" 2>/dev/null | grep -q "Address already in use"; then
      break
    fi
    echo "pg-cluster: port $port was taken (attempt $attempt), trying another" >&2
  done
  echo "pg-cluster: the server did not start; the end of $log:" >&2
  tail -n 20 "$log" >&2 2>/dev/null || true
  exit 1
}

stop() {
  local data=$dir/data
  [[ -f $data/PG_VERSION ]] || die "there is no cluster in $dir"
  cd "$dir"
  if ! as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "pg-cluster: the cluster in $dir is not running" >&2
    return
  fi
  as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >&2 || die "pg_ctl stop failed for $data"
}

[[ $# -eq 2 ]] || usage
command=$1
dir=$(realpath -m -- "$2")
case $command in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
