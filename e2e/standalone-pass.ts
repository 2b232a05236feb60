/**
 * The standalone-server specs start a server of their own on PGlite, whatever database the run's server uses, so
 * one run of them is enough. By default that is a run without DATABASE_URL. CI's `npm test` (scripts/test.sh)
 * says which of its two lanes runs them (E2E_STANDALONE=run) and which leaves them out (E2E_STANDALONE=skip): the
 * one that would otherwise finish first.
 */
export const skipStandalone =
  process.env.E2E_STANDALONE === undefined || process.env.E2E_STANDALONE === ""
    ? Boolean(process.env.DATABASE_URL)
    : process.env.E2E_STANDALONE !== "run";
