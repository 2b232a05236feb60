#!/usr/bin/env bash
# `npm test`: everything the suite needs, then the whole suite — unit/integration (vitest, real PGlite and,
# with DATABASE_URL, real Postgres; real simulator over HTTP) and end-to-end (Playwright on the production
# build in Debian's Chromium). Ends with one plain line: "N passed, N failed".
#
# RECDESK_TEST_SCOPE=engine runs only the tests whose result can depend on the database engine
# (scripts/engine-tests.sh), against DATABASE_URL.
# RECDESK_TEST_ENGINE_URL=<postgres url> (what CI sets) runs both passes in one go: the whole suite on PGlite, and
# the engine-dependent tests on that Postgres server. One build serves both, made while PGlite's vitest run goes.
# Then two lanes go side by side: PGlite's Playwright run, and the engine pass (its vitest files, then its
# journeys), each Playwright run with its own server, simulator, data and ports. A journey spends most of its time
# waiting on the browser, the server and the simulator's latency, so the lanes share the 2 cores well.
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
status=0
reports=()

# run_vitest LABEL [FILES…]: one vitest run, its JSON report in $results/vitest-LABEL.json.
run_vitest() {
  local label=$1; shift
  echo "== vitest ($label)"
  reports+=("$results/vitest-$label.json")
  local code=0
  npx vitest run "$@" --reporter=default --reporter=json --outputFile.json="$results/vitest-$label.json" || code=$?
  # An unhandled error fails the run with every test passed, which the JSON report does not say: the summary reads this.
  echo "$code" >"$results/vitest-$label.exit"
  [ "$code" = 0 ] || status=1
}

# The production build, unless one exists that is newer than every input (a second pass reuses the first's).
# The same build writes the standalone server the image runs (e2e/standalone.spec.ts starts it): one build, both.
build_if_stale() {
  local dist=${NEXT_DIST_DIR:-.next} stale=yes
  if [ -f "$dist/BUILD_ID" ] && [ -f "$dist/standalone/server.js" ] && [ -z "$(find app components lib messages public proxy.ts instrumentation.ts next.config.mjs tailwind.config.ts postcss.config.mjs tsconfig.json package-lock.json -newer "$dist/BUILD_ID" -print -quit 2>/dev/null)" ]; then
    stale=no
  fi
  if [ $stale = yes ]; then
    echo "== next build"
    npx next build >"$results/build.log" 2>&1 || { cat "$results/build.log"; exit 1; }
  else
    echo "== next build: $dist is newer than every source file, reused"
  fi
}

# run_e2e LABEL [SPECS…]: one Playwright run (its own server on E2E_PORT), its JSON report in $results/e2e-LABEL.json.
run_e2e() {
  local label=$1; shift
  echo "== playwright ($label)"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e-$label.json" npx playwright test "$@" --reporter=list,json
}

engine_files() { mapfile -t vitest_files < <(scripts/engine-tests.sh vitest); mapfile -t e2e_specs < <(scripts/engine-tests.sh e2e); }

if [ -n "${RECDESK_TEST_ENGINE_URL:-}" ]; then
  # Both passes. The engine pass's environment: Postgres for the tests that loop over engines (their PGlite
  # variants ran in the first pass), a demo e2e server on a throw-away database (RECDESK_DEMO=1: without it, no
  # credentials plus a DATABASE_URL refuses to start), and no @visual journeys (axe and screenshots do not
  # depend on the engine).
  engine_env=(DATABASE_URL="$RECDESK_TEST_ENGINE_URL" RECDESK_DEMO=1 RECDESK_TEST_DRIVERS=postgres E2E_SKIP_VISUAL=1)
  engine_files
  echo "== engine-dependent tests on Postgres: ${#vitest_files[@]} vitest files, ${#e2e_specs[@]} e2e specs"
  # The build goes beside PGlite's vitest run: no test file reads the build, and that run leaves about a quarter
  # of the two cores idle (tests waiting on timers, child processes and sockets), which the build fills.
  build_if_stale &
  build=$!
  (unset DATABASE_URL; run_vitest pglite; exit $status) || status=1
  wait $build || exit 1
  # Two lanes side by side: PGlite's Playwright run, and the engine pass (its vitest files, then its journeys). The engine lane's lines are prefixed so both stay readable in one log.
  # The standalone-server specs (their own server on PGlite, whatever the lane's database, about 20 s) go to the lane
  # that would otherwise finish first: the engine lane, since vitest runs three workers (678 s in all, PGlite's lane
  # last by 66 s; with them in PGlite's lane and two vitest workers it had been last by 44 s).
  (unset DATABASE_URL; export E2E_STANDALONE=skip; run_e2e pglite) &
  pglite_lane=$!
  engine_lane() {
    export "${engine_env[@]}" E2E_PORT="${E2E_ENGINE_PORT:-3300}" E2E_STANDALONE=run
    run_vitest postgres "${vitest_files[@]}"
    run_e2e postgres "${e2e_specs[@]}" || status=1
    exit $status
  }
  (engine_lane 2>&1 | sed -u 's/^/[postgres] /'; exit "${PIPESTATUS[0]}") &
  engine_lane_pid=$!
  wait $pglite_lane || status=1
  wait $engine_lane_pid || status=1
  reports+=("$results/vitest-pglite.json" "$results/vitest-postgres.json" "$results/e2e-pglite.json" "$results/e2e-postgres.json")
else
  label=${DATABASE_URL:+postgres}; label=${label:-pglite}
  vitest_files=(); e2e_specs=()
  if [ "${RECDESK_TEST_SCOPE:-all}" = engine ]; then
    engine_files
    echo "== engine-dependent tests only: ${#vitest_files[@]} vitest files, ${#e2e_specs[@]} e2e specs"
  fi
  run_vitest "$label" "${vitest_files[@]}"
  build_if_stale
  run_e2e "$label" "${e2e_specs[@]}" || status=1
  reports+=("$results/e2e-$label.json")
fi

node scripts/test-summary.mjs "${reports[@]}" | tee "$results/summary.txt"
exit $status
