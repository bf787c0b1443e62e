#!/usr/bin/env bash
# Configures and builds one flavour: `build.sh release` (build/) or `build.sh sanitize`
# (build-sanitize/, ASan + UBSan). Prints the build folder on the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-release}
case "$flavour" in
  release) dir=build; flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  sanitize) dir=build-sanitize; flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DBOXOFFICE_SANITIZE=ON) ;;
  *) echo "usage: $0 release|sanitize" >&2; exit 2 ;;
esac
cmake -S . -B "$dir" "${flags[@]}" >/dev/null
if ! cmake --build "$dir" -j "$(nproc)" >"$dir/build.log" 2>&1; then
  cat "$dir/build.log" >&2
  echo "build failed ($flavour)" >&2
  exit 1
fi
grep -E 'warning:' "$dir/build.log" >&2 || true
echo "$dir"
