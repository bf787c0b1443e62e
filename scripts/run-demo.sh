#!/usr/bin/env bash
# Installs what is missing, builds, and serves the site and API with demo data on SQLite:
# http://localhost:8080 (override with BOXOFFICE_LISTEN=HOST:PORT).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh release >/dev/null
mkdir -p data
exec build/boxoffice serve --listen "${BOXOFFICE_LISTEN:-127.0.0.1:8080}" \
  --database "${BOXOFFICE_DATABASE:-sqlite:data/demo.db}" --demo "$@"
