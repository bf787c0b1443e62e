#!/usr/bin/env bash
# The stadium figures of bench/RESULTS.md in one command: builds the server and the load
# generator, starts the server fresh on SQLite, then
#   - makes a 100,000-seat event with a quarter of its seats taken and prints the whole seat map's
#     size (plain and gzipped), its latency, one section's latency, /healthz's, and the server's
#     memory per seat, as made and as read back by a fresh process (bench/stadium.py);
#   - opens WATCHERS updates streams of another event and times one seat change after another
#     reaching all of them, with the server's memory per open stream (loadgen fanout);
#   - where the server's memory is (bench/heap.sh, with gdb), last, as it trims the heap;
#   - then, on a server of its own, the waiting room with a million in line: polls against
#     /healthz and bytes per queued buyer (bench/queue.sh, unless QUEUE=0).
# So every figure of issue 16 ("Stadium scale") comes from this one command; bench/RESULTS.md sets
# them beside their targets.
#
#   bash bench/stadium.sh
#   BOXOFFICE_BIN=build/boxoffice WATCHERS=2000 bash bench/stadium.sh
#
# Environment (defaults in brackets):
#   WATCHERS [10000]   open updates streams
#   CHANGES [20]       seat changes timed, one after another
#   QUEUE [1]          0 leaves out bench/queue.sh (JOINS and its other settings pass through)
#   LOG_LEVEL, BOXOFFICE_BIN    as bench/lib.sh says
set -euo pipefail
cd "$(dirname "$0")/.."
WATCHERS=${WATCHERS:-10000}
CHANGES=${CHANGES:-20}
source bench/lib.sh
build_all
# Every stream is a connection: the default --max-connections (10,000) would turn the last of
# 10,000 watchers and the bench's own requests away.
start_server "sqlite:$work/stadium.db" stadium --max-connections $((WATCHERS + 1000))
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/stadium.py "$url" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$server_pid" |
  tee "$work/stadium.out"
# The same event read back by a fresh process: its memory without the making's leftovers.
stop_server
start_server "sqlite:$work/stadium.db" stadium --max-connections $((WATCHERS + 1000))
python3 bench/stadium.py --reload "$url" "$server_pid" \
  "$(sed -n 's/^stadium_event=//p' "$work/stadium.out")"
"$loadgen" fanout --url "$url" --manager-email "$ADMIN_EMAIL" --manager-password "$ADMIN_PASSWORD" \
  --watchers "$WATCHERS" --changes "$CHANGES" --label sqlite --server-pid "$server_pid"
if command -v gdb >/dev/null; then
  bash bench/heap.sh "$server_pid" "$work/stadium.server.log"
else
  log "no gdb: the heap's breakdown (bench/heap.sh) is left out"
fi
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
close_backend stadium
if [[ ${QUEUE:-1} != 0 ]]; then BOXOFFICE_BIN=$server_bin bash bench/queue.sh; fi
