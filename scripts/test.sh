#!/usr/bin/env bash
# Runs every test: installs what is missing, builds the release and the sanitizer (ASan + UBSan)
# flavours, starts a throw-away PostgreSQL cluster, and runs the whole ctest suite on each flavour
# (unit, storage contract and HTTP integration on SQLite and PostgreSQL, OpenAPI validation; the
# web pages in chromium on the release flavour only), then builds the libFuzzer targets with clang
# and runs each for a bounded time (scripts/fuzz.sh; FUZZ_SECONDS each, 20 by default).
# Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
for npm_dir in tests/openapi tests/browser; do
  (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
done

pg_dir=$(mktemp -d -t boxoffice-pg.XXXXXX)
cleanup() { scripts/pg-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap cleanup EXIT
BOXOFFICE_TEST_PG_URL=$(scripts/pg-cluster.sh start "$pg_dir")
export BOXOFFICE_TEST_PG_URL
echo "PostgreSQL for tests: $BOXOFFICE_TEST_PG_URL"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
passed=0
failed=0
for flavour in release sanitize; do
  echo "== $flavour build"
  dir=$(scripts/build.sh "$flavour" | tail -n 1)
  echo "== $flavour tests"
  log="$dir/ctest.log"
  ctest --test-dir "$dir" --output-on-failure -j 2 --timeout 600 2>&1 | tee "$log" || true
  summary=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "ctest printed no summary for $flavour" >&2
    failed=$((failed + 1))
    continue
  fi
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$summary")
  bad=$(sed -E 's/.* ([0-9]+) tests failed.*/\1/' <<<"$summary")
  passed=$((passed + total - bad))
  failed=$((failed + bad))
done
# Each fuzz target counts as one test: it passes with no crash, leak or sanitizer report.
echo "== fuzz build"
if scripts/fuzz.sh build >/dev/null; then
  for target in $(scripts/fuzz.sh targets); do
    if scripts/fuzz.sh run "$target" "${FUZZ_SECONDS:-20}"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
    fi
  done
else
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
