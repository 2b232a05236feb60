/**
 * The standalone-server specs start a server of their own on PGlite, whatever database the run's server uses, so
 * one run of them is enough. By default that is a run without DATABASE_URL. CI's `npm test` (scripts/test.sh)
 * runs them in its Postgres lane instead (E2E_STANDALONE=run) and leaves them out of its PGlite lane
 * (E2E_STANDALONE=skip), the longer of the two.
 */
export const skipStandalone =
  process.env.E2E_STANDALONE === undefined || process.env.E2E_STANDALONE === ""
    ? Boolean(process.env.DATABASE_URL)
    : process.env.E2E_STANDALONE !== "run";
