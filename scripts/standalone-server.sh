#!/usr/bin/env bash
# Starts the standalone build exactly as the container image does (`node server.js` in the standalone folder),
# after putting the static assets where the Dockerfile copies them. `next build` writes the standalone folder
# (next.config.mjs: output "standalone"), so no second build is needed. Usage: scripts/standalone-server.sh PORT
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:?port}
dist=${NEXT_DIST_DIR:-.next}
standalone="$dist/standalone"
[ -f "$standalone/server.js" ] || { echo "No $standalone/server.js: run next build first." >&2; exit 1; }
# The image's COPY steps: static assets and public/ next to server.js, the migrations it applies at start and the
# language catalogs it reads.
# Once per build, under a lock: CI's two Playwright runs (PGlite and Postgres) each start a standalone server, and
# the second must neither copy over files the first is serving nor start before the copy is complete.
(
  flock 9
  if [ "$(cat "$standalone/.copied-build" 2>/dev/null)" = "$(cat "$dist/BUILD_ID")" ] &&
    [ -z "$(find drizzle messages public -newer "$standalone/.copied-build" -print -quit)" ]; then
    exit 0
  fi
  rm -rf "$standalone/$dist/static" "$standalone/public"
  mkdir -p "$standalone/$dist"
  cp -r "$dist/static" "$standalone/$dist/static"
  cp -r public "$standalone/public"
  rm -rf "$standalone/drizzle" && cp -r drizzle "$standalone/drizzle"
  rm -rf "$standalone/messages" && cp -r messages "$standalone/messages"
  cp "$dist/BUILD_ID" "$standalone/.copied-build"
) 9>"$dist/standalone.lock"
cd "$standalone"
export PORT="$port" HOSTNAME="${HOSTNAME_BIND:-0.0.0.0}" NODE_ENV=production NEXT_MANUAL_SIG_HANDLE=true
exec node server.js
