import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openPglite } from "@/lib/db/pglite";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated, empty PGlite as a dumpDataDir() tarball; tests/helpers/test-db.ts starts every test DB from it. */
    pgliteTemplatePath: string;
  }
}

// One initdb + migrations for the whole run instead of one per test database: most test files open a fresh
// PGlite per test, and a fresh one costs seconds of CPU on a 2-core machine. Loading the snapshot still runs
// the migrator (a no-op), so a template from an older schema could not go unnoticed.
export default async function setup(project: TestProject): Promise<() => void> {
  // CI's Postgres pass (RECDESK_TEST_DRIVERS=postgres) opens no PGlite: skip the seconds of initdb.
  const only = process.env.RECDESK_TEST_DRIVERS?.split(",").map((d) => d.trim());
  if (only && !only.includes("pglite")) {
    project.provide("pgliteTemplatePath", "");
    return () => {};
  }
  const dir = mkdtempSync(path.join(tmpdir(), "recdesk-pglite-template-"));
  const file = path.join(dir, "template.tar");
  const opened = await openPglite(undefined);
  const dump = await (opened.db as unknown as { $client: PGlite }).$client.dumpDataDir("none");
  writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
  await opened.close();
  project.provide("pgliteTemplatePath", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
