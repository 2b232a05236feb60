import fs from "node:fs";
import fc from "fast-check";
import { expect, test } from "@playwright/test";
import { e2eEnv } from "../playwright.config";
import { signInAs, type DemoRole } from "./fixtures";
import {
  callAction,
  callRoute,
  serverActions,
  type Answer,
  type AnswerKind,
  type Caller,
  type RouteInit,
} from "./fuzz-client";
import { badForm, badTaskId, badText, junk, queryValue, toFormData, wrongType, type FieldSpec } from "./fuzz-inputs";
import { sim } from "./simulator-control";

// Generated bad input through the real server to every server action and route handler. Every answer
// must be a field error or a refusal (never a 500, never a stack trace); nothing may reach the Live API
// simulator; and "Verify integrity" must still pass afterwards. FUZZ_SEED replays a run; FUZZ_RUNS scales it.

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const BASE = `http://localhost:${e2eEnv.port}`;
// "forged" carries a session cookie that is not one: past the proxy, the action itself must refuse it.
type Who = DemoRole | "anonymous" | "forged";

/** JSON text of a generated value; a BigInt, which JSON has no form for, goes as its decimal text. */
const jsonText = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x)) ?? "null";

const NO_UUID = "00000000-0000-4000-8000-000000000000"; // a well-formed id of no user and no job

// Valid companions for the one broken field; over a form body, text cannot carry a lone surrogate (see badText).
const text = (valid: string, bad = badText({ utf8Only: true })): FieldSpec => ({ valid, bad });
const taskFields = {
  taskId: text("12", badTaskId({ utf8Only: true })),
  streamName: text(
    "fuzz-stream",
    fc.oneof(badText({ utf8Only: true }), fc.constantFrom("a/b", "a b", "a?b", "a#b", "%00", "..", "")),
  ),
  appName: text("live", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("a/b", "a b"))),
  domainName: text(
    "push.example.com",
    fc.oneof(
      badText({ utf8Only: true }),
      fc.constantFrom("-x.example.com", "a..b", "localhost", `${"x".repeat(64)}.com`),
    ),
  ),
};

interface Target {
  name: string;
  /** The role whose calls get past the permission check, so the input rules are what answers. */
  role: Who;
  /** Expected answers besides field errors and refusals (actions that take no input). */
  alsoAllowed?: AnswerKind[];
  runs?: number;
  call: fc.Arbitrary<(as: Caller) => Promise<Answer>>;
}

const actions = serverActions();
const action = (name: string) => {
  const ref = actions.get(name);
  if (!ref) throw new Error(`server action ${name} is not in the build's manifest`);
  return ref;
};
const formAction = (name: string, role: Who, fields: Record<string, FieldSpec>, required: string[]): Target => ({
  name,
  role,
  call: fc.oneof(
    {
      weight: 9,
      arbitrary: fc.tuple(fc.oneof(fc.constant(null), junk), badForm(fields, required)).map(
        ([prev, form]) =>
          (as: Caller) =>
            callAction(action(name), [prev, toFormData(form)], as),
      ),
    },
    // Not a form at all: a hand-made request may pass anything where the FormData belongs.
    {
      weight: 1,
      arbitrary: fc.tuple(junk, junk).map(
        ([prev, notForm]) =>
          (as: Caller) =>
            callAction(action(name), [prev, notForm], as),
      ),
    },
  ),
});
const jsonAction = (name: string, role: Who, args: fc.Arbitrary<unknown[]>, extra: Partial<Target> = {}): Target => ({
  name,
  role,
  ...extra,
  call: args.map((a) => (as: Caller) => callAction(action(name), a, as)),
});
const route = (
  name: string,
  role: Who,
  request: fc.Arbitrary<{ url: string; init?: RouteInit }>,
  extra: Partial<Target> = {},
): Target => ({
  name,
  role,
  ...extra,
  call: request.map((r) => (as: Caller) => callRoute(r.url, r.init ?? {}, as)),
});

// A bulk selection that must be refused: wrong shape, a bad TaskId among good ones, or a bad filter value.
const badSelection = fc.oneof(
  wrongType,
  fc.record({
    kind: fc.constant("ids"),
    taskIds: fc
      .tuple(fc.array(fc.constant("12"), { maxLength: 2 }), fc.oneof(badTaskId(), wrongType))
      .map(([ok, bad]) => [...ok, bad]),
  }),
  fc.record({ kind: fc.constant("ids"), taskIds: fc.oneof(fc.constant([]), wrongType) }),
  fc.record({
    kind: fc.constant("filter"),
    filters: fc.oneof(
      fc.record({ stream: fc.oneof(badText(), wrongType) }),
      fc.record({ domain: fc.oneof(badText(), wrongType) }),
      fc.record({ state: fc.oneof(badText(), fc.constantFrom("RECORDING", "running", "")) }),
      fc.record({ runningHours: fc.constantFrom(0, -1, 1.5, 1e9, "3", null, Number.MAX_SAFE_INTEGER) }),
      wrongType,
    ),
  }),
  fc.record({ kind: fc.oneof(badText(), fc.constantFrom("IDS", "all", "")), taskIds: fc.constant(["12"]) }),
);
const badJobId = fc.oneof(
  wrongType,
  badText(),
  fc.constantFrom("0", "-1", "00000000-0000-0000-0000-00000000000g", "' or 1=1 --", NO_UUID.slice(1)),
);

const TARGETS: Target[] = [
  formAction(
    "signInAction",
    "anonymous",
    {
      email: text("fuzz@example.com"),
      password: text("not the password"),
      callbackUrl: text("/streams", fc.constantFrom("//evil.example", "/\\evil", "javascript:alert(1)")),
    },
    ["email", "password"],
  ),
  {
    name: "signInWithSsoAction",
    role: "anonymous",
    alsoAllowed: ["redirect"], // to the identity provider, whatever came with it (the callback URL is checked on return)
    runs: 15,
    call: fc
      .oneof(badText({ utf8Only: true }), fc.constantFrom("//evil.example/x", "/\\evil"))
      .map((cb) => (as: Caller) => callAction(action("signInWithSsoAction"), [toFormData({ callbackUrl: cb })], as)),
  },
  jsonAction("signOutAction", "anonymous", fc.array(junk, { maxLength: 3 }), { alsoAllowed: ["redirect"], runs: 15 }),
  formAction(
    "createUserAction",
    "admin",
    {
      email: text("fuzz-new@example.com"),
      name: text("Fuzz Person"),
      role: text("support", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("root", "ADMIN", ""))),
      password: text("a long fuzz password"),
    },
    ["email", "name", "role", "password"],
  ),
  formAction(
    "resetPasswordAction",
    "admin",
    {
      userId: text(NO_UUID, fc.oneof(badText({ utf8Only: true }), fc.constantFrom("0", "not-a-uuid", ""))),
      password: text("another long fuzz password"),
    },
    ["userId", "password"],
  ),
  formAction(
    "changeRoleAction",
    "admin",
    {
      userId: text(NO_UUID, fc.oneof(badText({ utf8Only: true }), fc.constantFrom("0", ""))),
      role: text("manager", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("owner", ""))),
    },
    ["userId", "role"],
  ),
  formAction(
    "setUserDisabledAction",
    "admin",
    {
      userId: text(NO_UUID, fc.oneof(badText({ utf8Only: true }), fc.constantFrom("0", ""))),
      disabled: text("true", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("yes", "1", "TRUE", ""))),
    },
    ["userId", "disabled"],
  ),
  formAction("stopTaskAction", "oncall", { ...taskFields, reason: text("fuzzing the edge") }, [
    "taskId",
    "streamName",
    "reason",
  ]),
  formAction("stopByIdAction", "oncall", { ...taskFields, reason: text("fuzzing the edge") }, [
    "taskId",
    "streamName",
    "reason",
  ]),
  formAction("correctRegistrationAction", "oncall", { ...taskFields, reason: text("fuzzing the edge") }, [
    "taskId",
    "streamName",
    "reason",
  ]),
  formAction(
    "registerTaskAction",
    "support",
    { ...taskFields, note: text("fuzz note", badText({ utf8Only: true, multiline: true })) },
    ["taskId", "streamName"],
  ),
  formAction(
    "startRecordingAction",
    "oncall",
    {
      streamName: taskFields.streamName,
      appName: taskFields.appName,
      domainName: taskFields.domainName,
      mode: text("realtime", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("now", "REALTIME", ""))),
      startLocal: text("", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("2026-02-31T25:00", "tomorrow"))),
      timeZone: text("UTC", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("Mars/Olympus", "UTC+99", ""))),
      fileFormat: text("flv", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("exe", ""))),
      recordType: text("video", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("both", ""))),
      reason: text("fuzzing the edge"),
    },
    ["streamName", "appName", "domainName", "mode", "timeZone", "fileFormat", "recordType"],
  ),
  formAction(
    "startRecordTaskAction",
    "oncall",
    {
      streamName: taskFields.streamName,
      appName: taskFields.appName,
      domainName: taskFields.domainName,
      startLocal: text("", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("2026-02-31T25:00", "tomorrow"))),
      // Never a valid end: whatever else the run breaks, nothing may reach CreateRecordTask (which is billed).
      endLocal: text("", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("2026-02-31T25:00", "next week"))),
      timeZone: text("UTC", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("Mars/Olympus", "UTC+99", ""))),
      templateId: text("", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("0", "-1", "1.5", "abc", "1e99"))),
      streamType: text("", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("2", "push", "-1"))),
      reason: text("fuzzing the edge"),
    },
    ["streamName", "appName", "domainName", "endLocal", "timeZone"],
  ),
  formAction("deleteTaskAction", "oncall", { ...taskFields, reason: text("fuzzing the edge") }, [
    "taskId",
    "streamName",
    "reason",
  ]),
  // The language switches: anything but a language this build speaks is refused, and nothing is stored.
  formAction(
    "setLocaleAction",
    "support",
    { locale: text("zh-CN", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("fr", "EN", "zh", "zh-cn", ""))) },
    ["locale"],
  ),
  formAction(
    "setVisitorLocaleAction",
    "anonymous",
    { locale: text("en", fc.oneof(badText({ utf8Only: true }), fc.constantFrom("fr", "EN", "zh", "zh-cn", ""))) },
    ["locale"],
  ),
  jsonAction(
    "previewBulkStopAction",
    "oncall",
    fc.tuple(badSelection).map((a) => [...a]),
  ),
  jsonAction(
    "createBulkStopAction",
    "oncall",
    fc
      .oneof(
        fc.record({ selection: badSelection, reason: fc.constant("fuzzing the edge") }),
        fc.record({
          selection: fc.constant({ kind: "ids", taskIds: ["12"] }),
          reason: fc.oneof(badText(), wrongType, fc.constantFrom("", "no")),
        }),
        wrongType,
      )
      .map((input) => [input]),
  ),
  jsonAction(
    "cancelJobAction",
    "oncall",
    badJobId.map((id) => [id]),
  ),
  jsonAction(
    "retryFailedAction",
    "oncall",
    badJobId.map((id) => [id]),
  ),
  // Takes no input: junk arguments must be ignored, not crash it. Each run recomputes the chain, so fewer.
  jsonAction("verifyIntegrityAction", "manager", fc.array(fc.oneof(junk, badText()), { maxLength: 3 }), {
    alsoAllowed: ["accepted"],
    runs: 10,
  }),

  route(
    "GET /api/streams",
    "support",
    fc
      .oneof(
        fc
          .tuple(fc.constantFrom("q", "domain", "app"), badText({ utf8Only: true }))
          .map(([k, v]) => `${k}=${queryValue(v)}`),
        fc.constantFrom(
          "sort=age",
          "sort=AGE-DESC",
          "page=0",
          "page=-1",
          "page=1e3",
          "page=abc",
          "page=99999999999",
          "pageSize=7",
          "pageSize=0",
          "pageSize=x",
        ),
      )
      .map((q) => ({ url: `/api/streams?${q}` })),
  ),
  route(
    "POST /api/callbacks/live",
    "anonymous",
    fc
      .oneof(
        // Not JSON, or JSON of the wrong shape.
        badText({ utf8Only: true }),
        junk.map((v) => jsonText(v)),
        // The right shape with a wrong signature, an expired or far-future t, or a wrongly typed field.
        fc
          .record({
            event_type: fc.oneof(fc.constantFrom(0, 1, 100, 332, 9999), wrongType),
            t: fc.oneof(fc.constantFrom(0, 1, 4_102_444_800, Math.floor(Date.now() / 1000) + 600), wrongType),
            sign: fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), badText({ utf8Only: true }), wrongType),
            stream_id: fc.oneof(fc.constant("fuzz"), badText({ utf8Only: true })),
          })
          .map((v) => jsonText(v)),
        // Past the 64 KB cap.
        fc.constantFrom(70_000, 200_000).map((n) => `{"event_type":1,"pad":"${"x".repeat(n)}"}`),
      )
      .map((body) => ({
        url: "/api/callbacks/live",
        init: { method: "POST", body, headers: { "Content-Type": "application/json" } },
      })),
  ),
  route(
    "GET /api/jobs/[id]",
    "oncall",
    fc
      .tuple(
        fc.oneof(
          badJobId.filter((v): v is string => typeof v === "string"),
          fc.constantFrom("null", "%2E%2E", "..%2F.."),
        ),
        fc.constantFrom("-1", "1e30", "99999999999999999999999", "abc", "0"),
      )
      .map(([id, offset]) => ({
        url: `/api/jobs/${queryValue(id.slice(0, 1_500))}?offset=${offset}&state=${queryValue(id.slice(0, 20))}`,
      })),
  ),
  route(
    "GET /audit/export",
    "manager",
    fc
      .oneof(
        fc
          .tuple(fc.constantFrom("actor", "stream", "q"), badText({ utf8Only: true }))
          .map(([k, v]) => `${k}=${queryValue(v)}`),
        badTaskId({ utf8Only: true })
          .filter((v) => v.trim() !== "")
          .map((v) => `taskId=${queryValue(v)}`),
        fc.constantFrom(
          "from=2026-02-31T00:00Z",
          "from=yesterday",
          "to=%00",
          "action=task.destroy",
          "outcome=fine",
          "jobId=123",
          "before=0",
          "before=-1",
          "after=1e400",
          "after=abc",
          "from=2026-12-02T00:00Z&to=2026-12-01T00:00Z",
        ),
      )
      .map((q) => ({ url: `/audit/export?${q}` })),
  ),
  route(
    "POST /api/auth/callback/credentials",
    "anonymous",
    fc
      .tuple(
        fc.boolean(),
        badForm({ email: text("fuzz@example.com"), password: text("not the password") }, ["email", "password"]),
      )
      .map(([withCsrf, form]) => {
        const body = new URLSearchParams();
        for (const [k, v] of Object.entries(form)) if (typeof v === "string") body.set(k, v);
        if (withCsrf && csrf) body.set("csrfToken", csrf.token);
        return {
          url: "/api/auth/callback/credentials",
          init: {
            method: "POST",
            body: body.toString(),
            headers: {
              "Content-Type": "application/x-www-form-urlencoded",
              ...(withCsrf && csrf ? { Cookie: csrf.cookie } : {}),
            },
          },
        };
      }),
    { alsoAllowed: ["redirect"] },
  ),
  route(
    "GET|POST /api/auth/*",
    "anonymous",
    fc
      .tuple(
        fc.constantFrom("GET", "POST"),
        fc.oneof(
          fc.constantFrom(
            "session",
            "providers",
            "csrf",
            "signin/credentials",
            "callback/oidc",
            "signout",
            "nonexistent",
            "callback/%00",
            "%2E%2E/%2E%2E",
          ),
          badText({ utf8Only: true }).map((v) => queryValue(v.slice(0, 200))),
        ),
      )
      .map(([method, p]) => ({
        url: `/api/auth/${p}?callbackUrl=${queryValue("//evil.example")}&error=${queryValue("\u0000")}`,
        init: { method },
      })),
    // Auth.js's own answers: its session/CSRF/provider JSON and redirects to the sign-in page carry no input.
    { alsoAllowed: ["redirect", "accepted"], runs: 30 },
  ),
];

let csrf: { token: string; cookie: string } | undefined;

test("generated bad input through every server action and route handler gets a field error or a refusal, never reaches Tencent, and the audit log still verifies", async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Every server action in the build has a target here: a new one fails this check until it is fuzzed too.
  expect(
    [...actions.keys()].filter((n) => !TARGETS.some((t) => t.name === n)),
    "server actions without a fuzz target",
  ).toEqual([]);

  const cookies: Record<Who, string> = {
    anonymous: "",
    forged: "authjs.session-token=forged.not-a-jwt",
    support: "",
    oncall: "",
    manager: "",
    admin: "",
  };
  for (const role of ["support", "oncall", "manager", "admin"] as const) {
    await page.context().clearCookies();
    await signInAs(page, role);
    cookies[role] = (await page.context().cookies())
      .filter((c) => c.name.includes("authjs"))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }
  await page.context().clearCookies();
  const csrfRes = await fetch(`${BASE}/api/auth/csrf`);
  csrf = {
    token: ((await csrfRes.json()) as { csrfToken: string }).csrfToken,
    cookie: csrfRes.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
  };

  // The simulator must be quiet before we count (earlier specs' jobs may still be finishing).
  let before = await upstreamCalls();
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await upstreamCalls();
    if (JSON.stringify(now) === JSON.stringify(before)) break;
    before = now;
  }

  const tally: Record<string, Partial<Record<AnswerKind, number>> & { sent: number }> = {};
  const roles: Who[] = ["anonymous", "forged", "support", "oncall", "manager", "admin"];
  let n = 0;
  for (const target of TARGETS) {
    tally[target.name] = { sent: 0 };
    await fc.assert(
      fc.asyncProperty(target.call, fc.nat(99), fc.constantFrom(...roles), async (send, dice, otherRole) => {
        // Mostly as the role the call is for, so the input rules answer; sometimes as anyone else, so refusals do.
        const who = dice < 85 ? target.role : otherRole;
        const upstreamBefore = await upstreamCalls();
        const answer = await send({
          baseUrl: BASE,
          cookie: cookies[who],
          clientIp: `198.18.${(n >> 8) & 255}.${n++ & 255}`,
        });
        // Checked per call, so the input that got through is named: an upstream error would otherwise pass for a refusal.
        expect(
          await upstreamCalls(),
          `${target.name} as ${who} reached the simulator\nsent: ${answer.sent ?? ""}`,
        ).toEqual(upstreamBefore);
        const t = tally[target.name]!;
        t.sent++;
        t[answer.kind] = (t[answer.kind] ?? 0) + 1;
        const allowed: AnswerKind[] = ["field-error", "refusal", ...(target.alsoAllowed ?? [])];
        expect(
          allowed,
          `${target.name} as ${who}: ${answer.kind} ${answer.status} ${answer.code ?? ""} ${answer.excerpt}\nsent: ${answer.sent ?? ""}`,
        ).toContain(answer.kind);
      }),
      { numRuns: target.runs ?? RUNS, seed: SEED, endOnFailure: true },
    );
  }

  // A reported attack: 253 × "a" then an emoji, any password. Refused, and (below) the chain still verifies.
  const attack = await callAction(
    action("signInAction"),
    [null, toFormData({ email: `${"a".repeat(253)}\u{1F600}`, password: "any password at all" })],
    { baseUrl: BASE, cookie: "", clientIp: "198.19.0.1" },
  );
  expect(attack.kind).toBe("refusal");

  const after = await upstreamCalls();
  const verify = await callAction(action("verifyIntegrityAction"), [], {
    baseUrl: BASE,
    cookie: cookies.manager,
    clientIp: "198.19.0.2",
  });
  const total = Object.values(tally).reduce((s, t) => s + t.sent, 0);
  const summary = {
    seed: SEED,
    total,
    byTarget: tally,
    upstreamBefore: before,
    upstreamAfter: after,
    verify: verify.excerpt,
  };
  fs.mkdirSync("test-results", { recursive: true });
  fs.writeFileSync(`test-results/fuzz-${e2eEnv.port}.json`, JSON.stringify(summary, null, 2));
  console.log(
    `fuzz: ${total} inputs (seed ${SEED})\n${Object.entries(tally)
      .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
      .join("\n")}`,
  );

  expect(total).toBeGreaterThanOrEqual(1000);
  // Nothing the fuzzer sent reached "Tencent": no call of any kind that carries input was made meanwhile.
  expect(after).toEqual(before);
  expect(verify.kind, verify.excerpt).toBe("accepted");
  expect(verify.excerpt).toContain('"intact":true');
});

/** Upstream calls so far, by action, leaving out the online-stream sweep (it carries no user input). */
async function upstreamCalls(): Promise<Record<string, number>> {
  const calls = (await sim("calls", "GET")) as { byAction: Record<string, number> };
  const { DescribeLiveStreamOnlineList: _sweep, ...rest } = calls.byAction;
  void _sweep;
  return rest;
}
