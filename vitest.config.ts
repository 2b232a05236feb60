import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    alias: { "server-only": fileURLToPath(new URL("./tests/stubs/empty.ts", import.meta.url)) },
  },
  test: {
    environment: "node",
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/pglite-template.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite costs hundreds of MB and seconds per instance, so two workers fit a 2-core machine. Threads start
    // faster than forked processes (README, Benchmarks); tests that need a process spawn their own.
    pool: "threads",
    maxWorkers: 2,
    server: { deps: { inline: ["next-auth"] } },
    // The server's JSON log lines would bury the test report; tests that check logging set their own level.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
  },
});
