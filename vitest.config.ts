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
    // PGlite costs hundreds of MB and seconds per instance. Three workers on a 2-core machine: many tests wait
    // (timers, child processes, sockets), and a third worker fills those waits — the whole suite took 112 s against
    // 140 s with two and 126 s with four. Threads start faster than forked processes (README, Benchmarks); tests
    // that need a process spawn their own.
    pool: "threads",
    maxWorkers: 3,
    server: { deps: { inline: ["next-auth"] } },
    // The server's JSON log lines would bury the test report; tests that check logging set their own level.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
  },
});
