#!/usr/bin/env bash
# The row-lock baseline of bench/README.md: what the simplest design would do on the same
# PostgreSQL cluster, with no HTTP and no server. A table of 2,000,000 seats, and pgbench's
# clients each holding two seats per transaction with a plain conditional
#   UPDATE ... SET state = 'held' WHERE ... AND state = 'available'
# (fsync and synchronous_commit as the cluster has them: on, for bench/run.sh).
#
#   bash bench/pgbench_rowlock.sh postgresql://postgres@127.0.0.1:PORT/postgres
#
# Environment: CONNS [64], SECONDS_PER_SCENARIO [5], as bench/run.sh. Prints one line in the
# load generator's format: scenario=pgbench_rowlock ... ok_per_s=...
set -euo pipefail
url=$1
CONNS=${CONNS:-64}
SECONDS_PER_SCENARIO=${SECONDS_PER_SCENARIO:-5}
hostport=${url#*@}
host=${hostport%%:*}
port=${hostport#*:}
port=${port%%/*}
db=${url##*/}
run_psql() { psql -q -X -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U postgres "$db" "$@"; }

run_psql <<'SQL'
DROP TABLE IF EXISTS rowlock_seats;
CREATE TABLE rowlock_seats (
  event_id INT NOT NULL,
  seat_no  INT NOT NULL,
  state    TEXT NOT NULL DEFAULT 'available',
  PRIMARY KEY (event_id, seat_no)
);
INSERT INTO rowlock_seats (event_id, seat_no) SELECT 1, n FROM generate_series(0, 1999999) AS n;
VACUUM ANALYZE rowlock_seats;
SQL

script=$(mktemp)
trap 'rm -f "$script"' EXIT
cat >"$script" <<'SQL'
\set pair random(0, 999999)
UPDATE rowlock_seats SET state = 'held' WHERE event_id = 1 AND seat_no IN (2 * :pair, 2 * :pair + 1) AND state = 'available';
SQL
out=$(pgbench -n -h "$host" -p "$port" -U postgres -c "$CONNS" -j 2 -T "$SECONDS_PER_SCENARIO" \
  -f "$script" "$db" 2>&1)
tps=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' <<<"$out" | head -n 1)
latency=$(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' <<<"$out")
if [[ -z $tps ]]; then
  echo "$out" >&2
  exit 1
fi
run_psql -c 'DROP TABLE rowlock_seats'
printf 'scenario=pgbench_rowlock backend=postgres conns=%s seconds=%s ok_per_s=%.0f avg_ms=%s\n' \
  "$CONNS" "$SECONDS_PER_SCENARIO" "$tps" "$latency"
