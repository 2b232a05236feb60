import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { gt, sql } from "drizzle-orm";
import { auditRecords } from "@/lib/db/schema/audit";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { can, type Permission } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";
import { ACTION_REGISTRY } from "@/lib/actions/registry";
import { openTestDb } from "../helpers/test-db";
import { MATRIX, type MatrixContext, type MatrixRow, type MatrixRule } from "./action-matrix";

// Stand-ins for the request, the session cookie and the Live API; the database and every check are real.
const world = vi.hoisted(() => ({
  db: undefined as unknown as Database,
  userId: null as string | null,
  upstreamCalls: [] as string[],
}));
vi.mock("next/headers", () => {
  const jar = new Map<string, string>();
  return {
    headers: async () => new Headers({ "x-forwarded-for": "198.51.100.20", "user-agent": "matrix" }),
    cookies: async () => ({
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      set: (name: string, value: string) => void jar.set(name, value),
      delete: (name: string) => void jar.delete(name),
    }),
  };
});
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  refresh: () => {},
}));
vi.mock("@/lib/auth/session", () => ({ sessionUserId: async () => world.userId }));
vi.mock("@/lib/db", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  getDb: async () => world.db,
  openDatabase: async () => ({ db: world.db, driver: "pglite", location: "matrix", close: async () => {} }),
}));
vi.mock("@/lib/tencent-live", async (importOriginal) => {
  // Every Live API method answers with a failure (so allowed calls end quickly) and is counted.
  const client = new Proxy(
    {},
    {
      get: (_t, method) =>
        method === "then"
          ? undefined
          : () => {
              world.upstreamCalls.push(String(method));
              return Promise.resolve({
                ok: false,
                code: "MatrixUpstream",
                message: "Live API stand-in",
                kind: "network",
                attempts: 1,
                latencyMs: 0,
              });
            },
    },
  );
  return { ...(await importOriginal<Record<string, unknown>>()), getLiveClient: async () => client };
});

const ACTORS = ["anonymous", "support", "oncall", "manager", "admin"] as const;
type ActorName = (typeof ACTORS)[number];

function allowed(rule: MatrixRule, actor: ActorName): boolean {
  if (typeof rule === "object") return true;
  if (actor === "anonymous") return false;
  return rule === "signed-in" || can(actor, rule as Permission);
}

/** Every table but the audit trail, as a fingerprint: a refused call must leave all of them as they were. */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  const tables = await db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'audit_records' order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    const r = await db.execute<{ n: number; h: string }>(
      sql.raw(
        `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from "${table_name}" t`,
      ),
    );
    out[table_name] = `${r.rows[0]!.n}:${r.rows[0]!.h}`;
  }
  return out;
}

/** How many calls reached a wrapped action's handler so far (routes: 0, they are checked by their answer). */
function handledCount(row: MatrixRow): number {
  return row.kind === "action" ? (ACTION_REGISTRY.get(row.export)?.handled ?? 0) : 0;
}

type Outcome = { refused: false; detail: string } | { refused: true; code: string; detail: string };

/** Builds the call first (rows may insert fixtures), so the "before" fingerprint already includes them. */
async function prepare(row: MatrixRow, ctx: MatrixContext): Promise<() => Promise<Outcome>> {
  const mod = await row.load();
  const fn = mod[row.export] as ((...args: unknown[]) => Promise<unknown>) | undefined;
  if (typeof fn !== "function") throw new Error(`${row.file} has no export ${row.export}`);
  const args = row.kind === "route" ? [await row.request(ctx), row.context?.(ctx)] : await row.args(ctx);
  return () => invoke(row, fn, args);
}

async function invoke(row: MatrixRow, fn: (...args: unknown[]) => Promise<unknown>, args: unknown[]): Promise<Outcome> {
  if (row.kind === "route") {
    const response = (await fn(...args)) as Response;
    if (response.status === 401 || response.status === 403) {
      const body = (await response.json().catch(() => ({}))) as { code?: string };
      return { refused: true, code: body.code ?? String(response.status), detail: `HTTP ${response.status}` };
    }
    return { refused: false, detail: `HTTP ${response.status}` };
  }
  try {
    const result = (await fn(...args)) as { ok?: boolean; code?: string } | undefined;
    if (result && result.ok === false && (result.code === "Unauthenticated" || result.code === "Forbidden")) {
      return { refused: true, code: result.code, detail: JSON.stringify(result) };
    }
    return { refused: false, detail: JSON.stringify(result)?.slice(0, 200) ?? "undefined" };
  } catch (err) {
    const digest = (err as { digest?: string }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { refused: false, detail: "redirect" };
    throw err;
  }
}

describe("authorization matrix: every server action and route handler × anonymous and each role", () => {
  let open: OpenDatabase;
  const ctx = {} as MatrixContext;
  let counter = 0;
  beforeAll(async () => {
    open = await openTestDb("pglite");
    world.db = open.db;
    const make = async (name: string, role: "support" | "oncall" | "manager" | "admin") => {
      const u = await createUser(open.db, { email: `${name}@matrix.test`, name, role, password: "a long password" });
      return { id: u.id, email: u.email };
    };
    Object.assign(ctx, {
      db: open.db,
      users: {
        support: await make("support", "support"),
        oncall: await make("oncall", "oncall"),
        manager: await make("manager", "manager"),
        admin: await make("admin", "admin"),
        target: await make("target", "support"),
      },
      unique: (prefix: string) => `${prefix}-${++counter}`,
    });
  });
  afterAll(async () => open?.close());

  const guarded = MATRIX.filter((row) => typeof row.permission !== "object");
  describe.each(guarded.map((row) => [`${row.file} ${row.export} (${String(row.permission)})`, row] as const))(
    "%s",
    (_name, row) => {
      it.each(ACTORS)("as %s", async (actor) => {
        world.userId = actor === "anonymous" ? null : ctx.users[actor].id;
        const expectAllowed = allowed(row.permission, actor);
        const call = await prepare(row, ctx);
        const auditBefore = (
          await open.db.select({ max: sql<number>`coalesce(max(${auditRecords.id}), 0)::int` }).from(auditRecords)
        )[0]!.max;
        const before = expectAllowed ? null : await fingerprint(open.db);
        world.upstreamCalls.length = 0;
        const handledBefore = handledCount(row);

        const outcome = await call();

        if (expectAllowed) {
          expect(outcome.refused, `${actor} should get through: ${outcome.detail}`).toBe(false);
          // Past the permission check and the schema: the wrapper counts each call that reached the handler.
          if (row.kind === "action")
            expect(handledCount(row), `${actor}'s call should reach the action's body: ${outcome.detail}`).toBe(
              handledBefore + 1,
            );
          return;
        }
        expect(outcome, `${actor} must be refused`).toMatchObject({
          refused: true,
          code: actor === "anonymous" ? "Unauthenticated" : "Forbidden",
        });
        expect(world.upstreamCalls, "a refused call must not reach the Live API").toEqual([]);
        expect(await fingerprint(open.db), "a refused call must change nothing").toEqual(before);
        const newAudit = await open.db.select().from(auditRecords).where(gt(auditRecords.id, auditBefore));
        expect(
          newAudit.map((r) => r.outcome).filter((o) => o !== "denied"),
          "only 'denied' audit records may appear",
        ).toEqual([]);
        if (row.kind === "action")
          expect(newAudit.length, "a refused server action is audited").toBeGreaterThanOrEqual(1);
      });
    },
  );
});

/** Files under app/ (repository-relative), with their source. */
function appFiles(): Array<{ rel: string; name: string; source: string }> {
  const out: Array<{ rel: string; name: string; source: string }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name)) {
        out.push({
          rel: path.relative(process.cwd(), full).split(path.sep).join("/"),
          name: entry.name,
          source: fs.readFileSync(full, "utf8"),
        });
      }
    }
  };
  walk(path.join(process.cwd(), "app"));
  return out;
}

const SERVER_MODULE = /^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/;

/** Route handlers under app/: the HTTP methods each route.ts exports, as loaded. */
async function discoverRoutes(): Promise<string[]> {
  const found: string[] = [];
  for (const file of appFiles().filter((f) => /^route\.tsx?$/.test(f.name))) {
    const mod = (await import(/* @vite-ignore */ path.join(process.cwd(), file.rel))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod))
      if (/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(name) && typeof value === "function")
        found.push(`${file.rel} ${name}`);
  }
  return found.sort();
}

/** Every function a "use server" module exports (default included), as loaded, with the name the matrix uses. */
async function loadServerActions(): Promise<Array<{ key: string; fn: unknown }>> {
  const out: Array<{ key: string; fn: unknown }> = [];
  for (const file of appFiles().filter((f) => SERVER_MODULE.test(f.source))) {
    const mod = (await import(/* @vite-ignore */ path.join(process.cwd(), file.rel))) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) out.push({ key: `${file.rel} ${name}`, fn });
  }
  return out;
}

describe("authorization matrix coverage", () => {
  it("every exported server action is declared with lib/actions (or listed as public), under its own name, with a row", async () => {
    const publicRows = new Set(
      MATRIX.filter((r) => typeof r.permission === "object").map((r) => `${r.file} ${r.export}`),
    );
    const rows = new Map(MATRIX.map((r) => [`${r.file} ${r.export}`, r]));
    const problems: string[] = [];
    for (const { key, fn } of await loadServerActions()) {
      const name = key.split(" ")[1]!;
      const declared = [...ACTION_REGISTRY].find(([, entry]) => entry.action === fn);
      if (publicRows.has(key)) continue;
      if (!declared) problems.push(`${key}: not declared with lib/actions/define-action.ts`);
      else if (declared[0] !== name) problems.push(`${key}: declared as ${declared[0]}`);
      else if (rows.get(key)?.permission !== declared[1].permission)
        problems.push(`${key}: no matrix row with permission ${declared[1].permission}`);
    }
    expect(problems, "declare the action with lib/actions and add a row to tests/auth/action-matrix.ts").toEqual([]);
  });

  it("the wrapper's list of actions has a matrix row for each, with the same permission", async () => {
    await loadServerActions();
    const rows = new Map(MATRIX.filter((r) => r.kind === "action").map((r) => [r.export, r.permission]));
    const missing = [...ACTION_REGISTRY]
      .filter(([name, entry]) => rows.get(name) !== entry.permission)
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('no server action is declared inline: every "use server" in app/ opens its own module', () => {
    const inline = appFiles().filter((f) => /["']use server["']/.test(f.source) && !SERVER_MODULE.test(f.source));
    expect(inline.map((f) => f.rel)).toEqual([]);
  });

  it("has a row for every route handler in app/, and no row for one that no longer exists", async () => {
    const routes = await discoverRoutes();
    const routeRows = MATRIX.filter((r) => r.kind === "route").map((r) => `${r.file} ${r.export}`);
    expect(routes.filter((e) => !routeRows.includes(e))).toEqual([]);
    expect(routeRows.filter((e) => !routes.includes(e))).toEqual([]);
    const actions = new Set((await loadServerActions()).map((a) => a.key));
    expect(
      MATRIX.filter((r) => r.kind === "action")
        .map((r) => `${r.file} ${r.export}`)
        .filter((e) => !actions.has(e)),
    ).toEqual([]);
  });
});
