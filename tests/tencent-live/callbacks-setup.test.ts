import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCallbacksSetup } from "@/lib/tencent-live/callback-setup";
import type { Simulator } from "@/lib/tencent-live/simulator";
import { rawCall, simulator } from "./helpers";

// `npm run callbacks:setup` against the simulator over HTTP with real signatures.

let sim: Simulator;
let env: Record<string, string>;
const URL_A = "https://recdesk.example.com/api/callbacks/live";
const DOMAIN = "push.recdesk-demo.com";

beforeAll(async () => {
  sim = await simulator();
  env = {
    TENCENTCLOUD_SECRET_ID: sim.secretId,
    TENCENTCLOUD_SECRET_KEY: sim.secretKey,
    TENCENTCLOUD_LIVE_ENDPOINT: sim.url,
    TENCENTCLOUD_CALLBACK_KEY: "setupKey123",
  };
});
afterAll(() => sim.close());

async function run(argv: string[], e: Record<string, string | undefined> = env) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCallbacksSetup(
    argv,
    e,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join("\n"), err };
}

async function describe_(action: string) {
  return (await rawCall(sim, { action, body: "{}" })).json.Response;
}

describe("npm run callbacks:setup", () => {
  it("dry run on a fresh account says what it would do and changes nothing", async () => {
    const r = await run(["--url", URL_A, "--domain", DOMAIN, "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/would create/);
    expect(r.out).toMatch(/would bind/);
    expect(r.out).not.toContain("setupKey123");
    expect((await describe_("DescribeLiveCallbackTemplates")).Templates).toEqual([]);
    expect((await describe_("DescribeLiveCallbackRules")).Rules).toEqual([]);
    expect(sim.callCount("CreateLiveCallbackTemplate")).toBe(0);
  });

  it("creates the template and binds it to the domain, printing RequestIds", async () => {
    const r = await run(["--url", URL_A, "--domain", DOMAIN]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Template "RecDesk-callbacks": created as \d+ .*\(RequestId [0-9a-f-]{36}\)/);
    expect(r.out).toMatch(/Rule push\.recdesk-demo\.com\/live: bound to template \d+ \(RequestId [0-9a-f-]{36}\)/);
    expect(r.out).not.toContain("setupKey123");
    const [t] = (await describe_("DescribeLiveCallbackTemplates")).Templates as Record<string, unknown>[];
    expect(t).toMatchObject({
      TemplateName: "RecDesk-callbacks",
      StreamBeginNotifyUrl: URL_A,
      StreamEndNotifyUrl: URL_A,
      RecordNotifyUrl: URL_A,
      RecordStatusNotifyUrl: URL_A,
      CallbackKey: "setupKey123",
    });
    expect((await describe_("DescribeLiveCallbackRules")).Rules).toEqual([
      expect.objectContaining({ DomainName: DOMAIN, AppName: "live", TemplateId: t!.TemplateId }),
    ]);
  });

  it("re-run with the same values changes nothing; with a new URL or key it updates the same template", async () => {
    const same = await run(["--url", URL_A, "--domain", DOMAIN]);
    expect(same.code).toBe(0);
    expect(same.out).toMatch(/already up to date/);
    expect(same.out).toMatch(/already bound/);
    expect(sim.callCount("CreateLiveCallbackTemplate")).toBe(1);
    expect(sim.callCount("ModifyLiveCallbackTemplate")).toBe(0);

    const dry = await run(["--url", "https://new.example.com/api/callbacks/live", "--domain", DOMAIN, "--dry-run"]);
    expect(dry.out).toMatch(/would update/);
    expect(sim.callCount("ModifyLiveCallbackTemplate")).toBe(0);

    const moved = await run(["--url", "https://new.example.com/api/callbacks/live", "--domain", DOMAIN], {
      ...env,
      TENCENTCLOUD_CALLBACK_KEY: "rotatedKey456",
    });
    expect(moved.code).toBe(0);
    expect(moved.out).toMatch(/updated .*\(RequestId /);
    const templates = (await describe_("DescribeLiveCallbackTemplates")).Templates as Record<string, unknown>[];
    expect(templates).toHaveLength(1);
    expect(templates[0]).toMatchObject({
      RecordNotifyUrl: "https://new.example.com/api/callbacks/live",
      CallbackKey: "rotatedKey456",
    });
  });

  it("binds a second AppName, and refuses to take over another template's binding without --replace", async () => {
    const edu = await run(["--url", URL_A, "--domain", DOMAIN, "--app", "edu"]);
    expect(edu.code).toBe(0);
    expect((await describe_("DescribeLiveCallbackRules")).Rules).toHaveLength(2);

    const other = await rawCall(sim, {
      action: "CreateLiveCallbackTemplate",
      body: JSON.stringify({ TemplateName: "someone-else", RecordNotifyUrl: "https://other.example.com/cb" }),
    });
    const otherId = other.json.Response.TemplateId as number;
    const primary = "1042.livepush.myqcloud.com";
    await rawCall(sim, {
      action: "CreateLiveCallbackRule",
      body: JSON.stringify({ DomainName: primary, AppName: "live", TemplateId: otherId }),
    });
    const refused = await run(["--url", URL_A, "--domain", primary]);
    expect(refused.code).toBe(1);
    expect(refused.err).toHaveLength(1);
    expect(refused.err[0]).toMatch(
      new RegExp(`bound to another callback template, ${otherId} \\("someone-else"\\).*--replace`),
    );

    const replaced = await run(["--url", URL_A, "--domain", primary, "--replace"]);
    expect(replaced.code).toBe(0);
    expect(replaced.out).toMatch(/unbound template/);
    expect(replaced.out).toMatch(/bound to template/);
  });

  it("prints Tencent's refusal with its code and RequestId", async () => {
    const r = await run(["--url", URL_A, "--domain", "unknown.example.com"]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(/CreateLiveCallbackRule failed: InvalidParameterValue: .*RequestId/)]);
  });

  it.each([
    [[], /--url is required/],
    [["--url", URL_A], /--domain is required/],
    [["--url", "not a url", "--domain", DOMAIN], /--url must be an http\(s\) URL/],
    [["--url", "ftp://x.example.com/cb", "--domain", DOMAIN], /--url must be an http\(s\) URL/],
    [["--url", URL_A, "--domain", "not a domain"], /--domain must be a push domain/],
    [["--url", URL_A, "--domain", DOMAIN, "--bogus"], /Unknown option '--bogus'/],
  ])("bad arguments %j: exit 2 with one clear line", async (argv, message) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });

  it("missing key or credentials: exit 2 naming the variable", async () => {
    const noKey = await run(["--url", URL_A, "--domain", DOMAIN], { ...env, TENCENTCLOUD_CALLBACK_KEY: "" });
    expect(noKey.code).toBe(2);
    expect(noKey.err).toEqual([expect.stringMatching(/TENCENTCLOUD_CALLBACK_KEY is missing/)]);
    const noSecret = await run(["--url", URL_A, "--domain", DOMAIN], { ...env, TENCENTCLOUD_SECRET_KEY: undefined });
    expect(noSecret.code).toBe(2);
    expect(noSecret.err).toEqual([expect.stringMatching(/TENCENTCLOUD_SECRET_KEY/)]);
  });

  it("the npm script prints one line, and no stack trace, for bad arguments", async () => {
    const r = await promisify(execFile)(
      "npx",
      ["tsx", "--conditions=react-server", "scripts/callbacks-setup.ts", "--url", "x", "--domain", DOMAIN],
      {
        env: { ...process.env, ...env },
      },
    ).catch((e: { code: number; stderr: string; stdout: string }) => e);
    expect("code" in r ? r.code : 0).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^callbacks:setup: --url must be an http\(s\) URL/);
  });
});
