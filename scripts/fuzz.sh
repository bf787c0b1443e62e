#!/usr/bin/env bash
# The libFuzzer targets (fuzz/), built with clang 14, ASan and UBSan into build-fuzz/.
#   fuzz.sh build                  builds them; prints the build folder on the last line
#   fuzz.sh run TARGET [SECONDS]   runs one (default 30 s) on a copy of its checked-in corpus in
#                                  build-fuzz/corpus/TARGET; exits non-zero on any crash, leak,
#                                  sanitizer report, timeout or out-of-memory (the input that did
#                                  it lands in build-fuzz/artifacts/TARGET/)
#   fuzz.sh targets                lists them
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build-fuzz
targets=(http_request json_body layout_sections ticket_code)

case "${1:-}" in
  targets) printf '%s\n' "${targets[@]}" ;;
  build)
    cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Fuzz \
      -DCMAKE_CXX_FLAGS_FUZZ="-O1 -g" -DBOXOFFICE_FUZZ=ON -DBOXOFFICE_TESTS=OFF >/dev/null
    if ! cmake --build "$dir" -j 2 --target fuzzers >"$dir/build.log" 2>&1; then
      cat "$dir/build.log" >&2
      echo "build failed (fuzz)" >&2
      exit 1
    fi
    echo "$dir"
    ;;
  run)
    target=${2:?usage: $0 run TARGET [SECONDS]}
    seconds=${3:-30}
    corpus="$dir/corpus/$target"
    artifacts="$dir/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    cp -n "fuzz/corpus/$target"/* "$corpus"/  # what earlier runs found stays; git sees none of it
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -print_final_stats=1
      -artifact_prefix="$artifacts/")
    [ -f "fuzz/$target.dict" ] && options+=(-dict="fuzz/$target.dict")
    # The harness's demo database goes in a folder of the run's own.
    tmp=$(mktemp -d "$PWD/$dir/tmp.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/usr/bin/llvm-symbolizer-14}
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
    echo "== fuzz $target for ${seconds}s"
    log="$dir/$target.log"
    if TMPDIR="$tmp" "$dir/fuzzers/${target}_fuzzer" "${options[@]}" "$corpus" >"$log" 2>&1; then
      grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
      echo "fuzz $target: passed"
    else
      tail -n 60 "$log"
      echo "fuzz $target: FAILED (log: $log, input: $artifacts/)"
      exit 1
    fi
    ;;
  *)
    echo "usage: $0 build | run TARGET [SECONDS] | targets" >&2
    exit 2
    ;;
esac
