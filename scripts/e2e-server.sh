#!/usr/bin/env bash
# Starts the production server for one Playwright run on a clean slate: a fresh PGlite directory, or,
# when DATABASE_URL is set, a fresh database on that Postgres server.
set -euo pipefail
port=${1:?port}
rm -rf "${RECDESK_DATA_DIR:?}"
if [ -n "${DATABASE_URL:-}" ]; then
  db="recdesk_e2e_${port}"
  psql "$DATABASE_URL" -qc "drop database if exists $db with (force)" -c "create database $db" >/dev/null
  export DATABASE_URL="${DATABASE_URL%/*}/$db"
fi
exec npx next start -p "$port"
