#!/usr/bin/env bash
# `npm test`: everything the suite needs, then the whole suite — unit/integration (vitest, real PGlite and,
# with DATABASE_URL, real Postgres; real simulator over HTTP) and end-to-end (Playwright on the production
# build in Debian's Chromium). Ends with one plain line: "N passed, N failed".
# RECDESK_TEST_SCOPE=engine runs only the tests whose result can depend on the database engine
# (scripts/engine-tests.sh): CI's Postgres pass, after a full pass on PGlite.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY || true

if ! command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1; then
  echo "Installing Debian's chromium (Playwright cannot download its own browser here)…"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
[ -d node_modules/next ] || npm install --no-audit --no-fund

results=test-results/summary; mkdir -p "$results"
label=${DATABASE_URL:+postgres}; label=${label:-pglite}
status=0

vitest_files=(); e2e_specs=()
if [ "${RECDESK_TEST_SCOPE:-all}" = engine ]; then
  mapfile -t vitest_files < <(scripts/engine-tests.sh vitest)
  mapfile -t e2e_specs < <(scripts/engine-tests.sh e2e)
  echo "== engine-dependent tests only: ${#vitest_files[@]} vitest files, ${#e2e_specs[@]} e2e specs"
fi

echo "== vitest ($label)"
npx vitest run "${vitest_files[@]}" --reporter=default --reporter=json --outputFile.json="$results/vitest-$label.json" || status=1

# The production build, unless one exists that is newer than every input (CI's second pass reuses the first's).
# The same build writes the standalone server the image runs (e2e/standalone.spec.ts starts it): one build, both.
dist=${NEXT_DIST_DIR:-.next}
stale=yes
if [ -f "$dist/BUILD_ID" ] && [ -f "$dist/standalone/server.js" ] && [ -z "$(find app components lib messages public proxy.ts instrumentation.ts next.config.mjs tailwind.config.ts postcss.config.mjs tsconfig.json package-lock.json -newer "$dist/BUILD_ID" -print -quit 2>/dev/null)" ]; then
  stale=no
fi
if [ $stale = yes ]; then
  echo "== next build"
  npx next build >"$results/build-$label.log" 2>&1 || { cat "$results/build-$label.log"; exit 1; }
else
  echo "== next build: $dist is newer than every source file, reused"
fi

echo "== playwright ($label)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e-$label.json" npx playwright test "${e2e_specs[@]}" --reporter=list,json || status=1

node scripts/test-summary.mjs "$results/vitest-$label.json" "$results/e2e-$label.json" | tee "$results/summary-$label.txt"
exit $status
