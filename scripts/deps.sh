#!/usr/bin/env bash
# Installs, with apt, every Debian 12 package that building, running and testing boxoffice needs.
# Idempotent and silent when nothing is missing.
set -euo pipefail

packages=(
  g++ cmake make pkg-config ccache git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libspdlog-dev libcli11-dev libsodium-dev libhowardhinnant-date-dev
  libcurl4-openssl-dev libqrencode-dev zlib1g-dev
  libgtest-dev libbenchmark-dev tzdata
  clang-14 libclang-rt-14-dev llvm-14
  postgresql python3-aiosmtpd nginx
  chromium fonts-dejavu-core
)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

echo "installing: ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
