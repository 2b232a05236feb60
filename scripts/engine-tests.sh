#!/usr/bin/env bash
# Prints the tests whose result can depend on the database engine, one path a line: what CI's second pass
# (real Postgres) runs. Everything else ran in the first pass (PGlite) and would only repeat itself here.
#   scripts/engine-tests.sh vitest   test files that open a database (tests/helpers/test-db.ts, DATABASE_URL)
#   scripts/engine-tests.sh e2e      journeys whose outcome goes through database behaviour (see below)
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:?vitest or e2e}" in
  vitest)
    # The files that run once per engine (they loop over tests/helpers/test-db.ts's `drivers`) or read the
    # run's DATABASE_URL themselves (process.env.DATABASE_URL). A file that never opens a database (the signer,
    # the limiter, the simulator, pure validation…), always opens PGlite (openTestDb("pglite")), or sets
    # DATABASE_URL itself for the process it starts (empty for PGlite, an unreachable server for a start-up
    # failure: tests/ops/cli.test.ts, tests/db/data-dir-lock.test.ts…) gives the same answer in both passes.
    grep -rlE "\bdrivers\b|process\.env\.DATABASE_URL|openPostgres|RECDESK_TEST_DRIVERS" tests --include='*.test.ts' | sort
    ;;
  e2e)
    # Every journey signs in, so every one reads the users table; these are the ones whose outcome rests on
    # more than that: claims and coalesced Stops, write-ahead audit and its chain, SKIP LOCKED queues and the
    # bulk lease, sign-in throttling and session versions, registration rows, stored text (NUL, surrogates).
    # Left to the first pass: security headers, the shell, Streams (the online list is the server's in-memory
    # cache of the simulator; its Stop is tasks.spec's stopTask) and single sign-on (one users row, as auth.spec).
    # The standalone-server specs are listed although they start their own PGlite server: they run once per
    # `npm test`, in whichever lane scripts/test.sh gives them (e2e/standalone-pass.ts).
    # A new spec is in the second pass by default: only the ones named in `engine_independent` are left out.
    engine_independent="e2e/a11y-check.spec.ts e2e/security-headers.spec.ts e2e/shell.spec.ts e2e/streams.spec.ts e2e/sso.spec.ts"
    for spec in e2e/*.spec.ts; do
      case " $engine_independent " in *" $spec "*) ;; *) echo "$spec" ;; esac
    done
    ;;
  *) echo "usage: $0 vitest|e2e" >&2; exit 2 ;;
esac
