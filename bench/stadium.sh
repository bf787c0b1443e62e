#!/usr/bin/env bash
# The stadium figures of bench/RESULTS.md in one command: builds the server, starts it fresh on
# SQLite, makes a 100,000-seat event with a quarter of its seats taken, and prints the whole seat
# map's size (plain and gzipped), its latency, one section's latency, /healthz's, and the server's
# memory per seat (bench/stadium.py), and where the server's memory is (bench/heap.sh, with gdb).
#
#   bash bench/stadium.sh
#   BOXOFFICE_BIN=build/boxoffice bash bench/stadium.sh   # use that server instead of building one
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
scripts/deps.sh
server_bin=${BOXOFFICE_BIN:-$(scripts/build.sh release | tail -n 1)/boxoffice}
start_server "sqlite:$work/stadium.db" stadium
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/stadium.py "$url" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$server_pid"
if command -v gdb >/dev/null; then
  bash bench/heap.sh "$server_pid" "$work/stadium.server.log"
else
  log "no gdb: the heap's breakdown (bench/heap.sh) is left out"
fi
close_backend stadium
