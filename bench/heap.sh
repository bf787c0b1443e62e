#!/usr/bin/env bash
# Where a running server's memory is, asked of the process with gdb (attaching needs root or
# kernel.yama.ptrace_scope=0): SQLite's own allocations (every connection's page cache and
# statements), what glibc's malloc has handed out and what it holds from the system (malloc_stats,
# which the server writes to its stderr, SERVER_LOG), and the RSS before and after malloc_trim(0),
# which gives back the free pages malloc holds. Run after the figures: the trim changes the RSS.
#   bash bench/heap.sh SERVER_PID SERVER_LOG
set -euo pipefail
pid=$1 server_log=$2
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }
before=$(rss_mb)
sqlite=$(gdb -p "$pid" -batch -nx -ex 'call (long long)sqlite3_memory_used()' \
  -ex 'call (void)malloc_stats()' -ex 'call (int)malloc_trim(0)' 2>/dev/null |
  awk '/^\$1 = / { printf "%.1f", $3 / 1048576 }')
after=$(rss_mb)
# The last "Total (incl. mmap)" block of malloc_stats: system bytes, then in use bytes.
read -r system in_use < <(awk '/^Total/ { getline s; getline u; sys = s; use = u }
  END { split(sys, a, "="); split(use, b, "="); printf "%.1f %.1f\n", a[2] / 1048576, b[2] / 1048576 }' \
  "$server_log")
echo "heap: RSS ${before} MB; malloc holds ${system} MB from the system, ${in_use} MB of it in use" \
  "(SQLite ${sqlite} MB); RSS after malloc_trim ${after} MB"
