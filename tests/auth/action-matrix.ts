/*
 * The authorization matrix: one row per exported server action and route handler in app/. The matrix test
 * (action-matrix.test.ts) calls each row as anonymous and as every role, and checks that exactly the roles the
 * row's permission allows get through; a refused call must change no table (audit records with outcome "denied"
 * excepted), call the Live API not at all, and (for server actions) leave a "denied" audit record.
 * The completeness checks load every "use server" module in app/ and compare what it exports (default included)
 * with the wrapper's own list (lib/actions/registry.ts): an export not declared with lib/actions, an action
 * without a row here, or an inline "use server" fails. For the allowed roles the test checks that the call
 * reached the action's handler (the wrapper counts them), not just that it was not refused.
 *
 * To add a row: copy one below; `args` builds the arguments (it may insert fixtures through ctx.db first) and
 * should be a valid request, so that the allowed roles really reach the action's body.
 */
import type { Permission } from "@/lib/auth/roles";
import type { Database } from "@/lib/db/types";
import { recordingTasks } from "@/lib/db/schema/tasks";
import { bulkItems, bulkJobs } from "@/lib/db/schema/bulk";

/** Who may call: a permission from lib/auth/roles.ts, any signed-in user, or everyone (with the reason). */
export type MatrixRule = Permission | "signed-in" | { public: string };

export interface MatrixContext {
  db: Database;
  /** Users the matrix creates first: one per role, plus a spare support user for actions that target a user. */
  users: Record<"support" | "oncall" | "manager" | "admin" | "target", { id: string; email: string }>;
  /** A fresh value per call, for inputs that must be unique (emails, names). */
  unique(prefix: string): string;
}

interface RowBase {
  /** Repository-relative path of the module, as the completeness check finds it. */
  file: string;
  export: string;
  permission: MatrixRule;
  load: () => Promise<Record<string, unknown>>;
}
export interface ActionRow extends RowBase {
  kind: "action";
  args: (ctx: MatrixContext) => unknown[] | Promise<unknown[]>;
}
export interface RouteRow extends RowBase {
  kind: "route";
  request: (ctx: MatrixContext) => Request | Promise<Request>;
  /** Extra second argument for dynamic routes: { params: Promise<...> }. */
  context?: (ctx: MatrixContext) => unknown;
}
export type MatrixRow = ActionRow | RouteRow;

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

/** A running task RecDesk knows, unique per call, so a Stop has something real to act on. */
async function knownTask(ctx: MatrixContext) {
  const taskId = String(9_000_000 + Number(ctx.unique("task").split("-")[1]));
  const streamName = `matrix-stream-${taskId}`;
  await ctx.db
    .insert(recordingTasks)
    .values({ taskId, streamName, state: "recording", source: "registered" })
    .onConflictDoNothing();
  return { taskId, streamName };
}

const tasksActions = () => import("@/app/(console)/tasks/actions");
const TASKS = "app/(console)/tasks/actions.ts";
const usersActions = () => import("@/app/(console)/users/actions");
const bulkActions = () => import("@/app/(console)/jobs/actions");
const BULK = "app/(console)/jobs/actions.ts";

/** A paused bulk job with one failed item, so both Cancel and Retry failed have something to act on. */
async function bulkJob(ctx: MatrixContext): Promise<string> {
  const [job] = await ctx.db
    .insert(bulkJobs)
    .values({ createdByEmail: "oncall@matrix.test", reason: "matrix", total: 1, state: "paused" })
    .returning({ id: bulkJobs.id });
  await ctx.db.insert(bulkItems).values({ jobId: job!.id, taskId: "1", streamName: "matrix-bulk", state: "failed" });
  return job!.id;
}
const USERS = "app/(console)/users/actions.ts";

export const MATRIX: MatrixRow[] = [
  // ── Sign-in / sign-out (public by design) ──
  {
    kind: "action",
    file: "app/(auth)/sign-in/actions.ts",
    export: "signInAction",
    permission: { public: "it is how a person gets a session; throttled and audited in lib/auth/sign-in.ts" },
    load: () => import("@/app/(auth)/sign-in/actions"),
    args: () => [],
  },
  {
    kind: "action",
    file: "app/(auth)/sign-in/actions.ts",
    export: "signInWithSsoAction",
    permission: { public: "starts single sign-on at the identity provider" },
    load: () => import("@/app/(auth)/sign-in/actions"),
    args: () => [],
  },
  {
    kind: "action",
    file: "app/(auth)/sign-out/actions.ts",
    export: "signOutAction",
    permission: { public: "signing out can only take access away" },
    load: () => import("@/app/(auth)/sign-out/actions"),
    args: () => [],
  },
  {
    kind: "action",
    file: "app/(auth)/locale/actions.ts",
    export: "setVisitorLocaleAction",
    permission: { public: "the sign-in page's language switch: sets this browser's language cookie, nothing else" },
    load: () => import("@/app/(auth)/locale/actions"),
    args: () => [null, form({ locale: "zh-CN" })],
  },
  {
    kind: "route",
    file: "app/api/auth/[...nextauth]/route.ts",
    export: "GET",
    permission: { public: "Auth.js endpoints (session, CSRF, OIDC callback)" },
    load: () => import("@/app/api/auth/[...nextauth]/route"),
    request: () => new Request("http://localhost/api/auth/session"),
  },
  {
    kind: "route",
    file: "app/api/auth/[...nextauth]/route.ts",
    export: "POST",
    permission: { public: "Auth.js endpoints (credentials callback, sign-out)" },
    load: () => import("@/app/api/auth/[...nextauth]/route"),
    request: () => new Request("http://localhost/api/auth/signout", { method: "POST" }),
  },

  {
    kind: "route",
    file: "app/api/callbacks/live/route.ts",
    export: "POST",
    permission: {
      public:
        "Tencent Cloud Live's callbacks: no session, authenticated by their signature MD5(key + t) (lib/callbacks/receive.ts, tests/callbacks)",
    },
    load: () => import("@/app/api/callbacks/live/route"),
    request: () => new Request("http://localhost/api/callbacks/live", { method: "POST", body: "{}" }),
  },
  // ── Operations (probes and metrics: no session by design) ──
  {
    kind: "route",
    file: "app/api/health/live/route.ts",
    export: "GET",
    permission: { public: "liveness probe: answers ok, reads nothing" },
    load: () => import("@/app/api/health/live/route"),
    request: () => new Request("http://localhost/api/health/live"),
  },
  {
    kind: "route",
    file: "app/api/health/ready/route.ts",
    export: "GET",
    permission: { public: "readiness probe: database and migrations checks, no secrets, never calls Tencent" },
    load: () => import("@/app/api/health/ready/route"),
    request: () => new Request("http://localhost/api/health/ready"),
  },
  {
    kind: "route",
    file: "app/api/metrics/route.ts",
    export: "GET",
    permission: { public: "a bearer token (RECDESK_METRICS_TOKEN), not a session; 404 while it is unset" },
    load: () => import("@/app/api/metrics/route"),
    request: () => new Request("http://localhost/api/metrics"),
  },

  // ── The signed-in person's own preferences ──
  {
    kind: "action",
    file: "app/(console)/account/actions.ts",
    export: "setLocaleAction",
    permission: "account:preferences",
    load: () => import("@/app/(console)/account/actions"),
    args: () => [null, form({ locale: "zh-CN" })],
  },

  // ── Users (admin) ──
  {
    kind: "action",
    file: USERS,
    export: "createUserAction",
    permission: "users:manage",
    load: usersActions,
    args: (ctx) => [
      null,
      form({
        email: `${ctx.unique("new")}@matrix.test`,
        name: "New Person",
        role: "support",
        password: "a long password",
      }),
    ],
  },
  {
    kind: "action",
    file: USERS,
    export: "resetPasswordAction",
    permission: "users:manage",
    load: usersActions,
    args: (ctx) => [null, form({ userId: ctx.users.target.id, password: "another long password" })],
  },
  {
    kind: "action",
    file: USERS,
    export: "changeRoleAction",
    permission: "users:manage",
    load: usersActions,
    args: (ctx) => [null, form({ userId: ctx.users.target.id, role: "admin" })],
  },
  {
    kind: "action",
    file: USERS,
    export: "setUserDisabledAction",
    permission: "users:manage",
    load: usersActions,
    args: (ctx) => [null, form({ userId: ctx.users.target.id, disabled: "true" })],
  },

  // ── Tasks ──
  {
    kind: "action",
    file: TASKS,
    export: "stopTaskAction",
    permission: "task:stop",
    load: tasksActions,
    args: async (ctx) => [null, form({ ...(await knownTask(ctx)), reason: "matrix: runaway recording" })],
  },
  {
    kind: "action",
    file: TASKS,
    export: "stopByIdAction",
    permission: "task:stop",
    load: tasksActions,
    args: (ctx) => [
      null,
      form({
        taskId: String(8_000_000 + Number(ctx.unique("id").split("-")[1])),
        streamName: "matrix-by-id",
        reason: "matrix: stop by id",
      }),
    ],
  },
  {
    kind: "action",
    file: TASKS,
    export: "registerTaskAction",
    permission: "task:register",
    load: tasksActions,
    args: (ctx) => [
      null,
      form({ taskId: String(7_000_000 + Number(ctx.unique("reg").split("-")[1])), streamName: "matrix-registered" }),
    ],
  },
  {
    kind: "action",
    file: TASKS,
    export: "correctRegistrationAction",
    permission: "task:correct",
    load: tasksActions,
    args: async (ctx) => {
      const task = await knownTask(ctx);
      return [
        null,
        form({
          taskId: task.taskId,
          streamName: `${task.streamName}-corrected`,
          reason: "matrix: wrong stream registered",
        }),
      ];
    },
  },
  {
    kind: "action",
    file: TASKS,
    export: "startRecordingAction",
    permission: "task:start",
    load: tasksActions,
    args: () => [
      null,
      form({
        streamName: "matrix-start",
        appName: "live",
        domainName: "play.example.com",
        mode: "realtime",
        timeZone: "Asia/Shanghai",
        fileFormat: "mp4",
        recordType: "video",
        reason: "matrix",
      }),
    ],
  },
  {
    kind: "action",
    file: TASKS,
    export: "startRecordTaskAction",
    permission: "task:start",
    load: tasksActions,
    args: () => [
      null,
      form({
        streamName: "matrix-start-rt",
        appName: "live",
        domainName: "play.example.com",
        // An hour from now, as the datetime-local field would send it in UTC.
        endLocal: new Date(Date.now() + 3_600_000).toISOString().slice(0, 16),
        timeZone: "UTC",
        reason: "matrix",
      }),
    ],
  },
  {
    kind: "action",
    file: TASKS,
    export: "deleteTaskAction",
    permission: "task:delete",
    load: tasksActions,
    args: async (ctx) => [null, form({ ...(await knownTask(ctx)), reason: "matrix: delete attempt" })],
  },

  // ── Bulk stop (issue 7) ──
  {
    kind: "action",
    file: BULK,
    export: "previewBulkStopAction",
    permission: "task:bulk-stop",
    load: bulkActions,
    args: async (ctx) => [{ kind: "ids", taskIds: [(await knownTask(ctx)).taskId] }],
  },
  {
    kind: "action",
    file: BULK,
    export: "createBulkStopAction",
    permission: "task:bulk-stop",
    load: bulkActions,
    args: async (ctx) => [
      { selection: { kind: "ids", taskIds: [(await knownTask(ctx)).taskId] }, reason: "matrix: runaway batch" },
    ],
  },
  {
    kind: "action",
    file: BULK,
    export: "cancelJobAction",
    permission: "task:bulk-stop",
    load: bulkActions,
    args: async (ctx) => [await bulkJob(ctx)],
  },
  {
    kind: "action",
    file: BULK,
    export: "retryFailedAction",
    permission: "task:bulk-stop",
    load: bulkActions,
    args: async (ctx) => [await bulkJob(ctx)],
  },
  {
    kind: "route",
    file: "app/api/jobs/[id]/route.ts",
    export: "GET",
    permission: "jobs:view",
    load: () => import("@/app/api/jobs/[id]/route"),
    request: async () =>
      new (await import("next/server")).NextRequest("http://localhost/api/jobs/00000000-0000-4000-8000-000000000000"),
    context: () => ({ params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" }) }),
  },

  // ── Audit ──
  {
    kind: "action",
    file: "app/(console)/audit/actions.ts",
    export: "verifyIntegrityAction",
    permission: "audit:verify",
    load: () => import("@/app/(console)/audit/actions"),
    args: () => [],
  },
  {
    kind: "route",
    file: "app/(console)/audit/export/route.ts",
    export: "GET",
    permission: "audit:export",
    load: () => import("@/app/(console)/audit/export/route"),
    request: () => new Request("http://localhost/audit/export"),
  },

  // ── Streams ──
  {
    kind: "route",
    file: "app/api/streams/route.ts",
    export: "GET",
    permission: "streams:view",
    load: () => import("@/app/api/streams/route"),
    request: async () =>
      new (await import("next/server")).NextRequest("http://localhost/api/streams?page=1&pageSize=10"),
  },
];
