import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { callbackSign, parseLiveCallback } from "@/lib/tencent-live/callback-types";
import type { CallbackDelivery, Simulator } from "@/lib/tencent-live/simulator";
import { rawCall, simulator } from "./helpers";

// The simulator's callback side, end to end over HTTP: templates and rules through signed API calls,
// callbacks received by a tiny local receiver that checks each signature as RecDesk's endpoint will.

const KEY = "testCallbackKey42";

interface Received {
  path: string;
  body: Record<string, unknown>;
}

/** A local receiver: answers `failFirst` requests per path with HTTP 500, then 200 {"code":0}. */
async function receiver(o: { failFirst?: number; alwaysStatus?: number; hold?: Promise<void> } = {}) {
  const received: Received[] = [];
  const seen = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> });
      const n = (seen.get(path) ?? 0) + 1;
      seen.set(path, n);
      const status = o.alwaysStatus ?? (n <= (o.failFirst ?? 0) ? 500 : 200);
      const answer = () => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(status === 200 ? '{"code":0}' : '{"code":1}');
      };
      if (o.hold) void o.hold.then(answer);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function api(sim: Simulator, action: string, params: Record<string, unknown> = {}) {
  const r = await rawCall(sim, { action, body: JSON.stringify(params) });
  return r.json.Response;
}

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Creates RecDesk's template (four URLs on one receiver) and binds it to the first push domain's "live". */
async function bind(sim: Simulator, base: string): Promise<{ domain: string; templateId: number }> {
  const created = await api(sim, "CreateLiveCallbackTemplate", {
    TemplateName: "RecDesk-callbacks",
    StreamBeginNotifyUrl: `${base}/begin`,
    StreamEndNotifyUrl: `${base}/end`,
    RecordNotifyUrl: `${base}/record`,
    RecordStatusNotifyUrl: `${base}/status`,
    CallbackKey: KEY,
  });
  const templateId = created.TemplateId as number;
  const domains = await api(sim, "DescribeLiveDomains", { DomainType: 0 });
  const domain = (domains.DomainList as { Name: string }[])[0]!.Name;
  const rule = await api(sim, "CreateLiveCallbackRule", {
    DomainName: domain,
    AppName: "live",
    TemplateId: templateId,
  });
  expect(rule.Error).toBeUndefined();
  return { domain, templateId };
}

/** CreateLiveRecord in real-time mode; the TaskId read from the raw text, as it exceeds 2^53. */
async function recordNow(sim: Simulator, streamName: string, domain: string, format?: string): Promise<string> {
  const r = await rawCall(sim, {
    action: "CreateLiveRecord",
    body: JSON.stringify({
      StreamName: streamName,
      DomainName: domain,
      AppName: "live",
      Highlight: 1,
      FileFormat: format,
    }),
  });
  return /"TaskId":\s*(\d+)/.exec(r.text)![1]!;
}

function expectSigned(body: Record<string, unknown>) {
  const t = body.t as number;
  expect(body.sign).toBe(callbackSign(KEY, t));
  // t is the signature's expiry, about ten minutes ahead.
  expect(t).toBeGreaterThan(Date.now() / 1000 + 60);
  expect(t).toBeLessThan(Date.now() / 1000 + 3600);
  expect(parseLiveCallback(body).ok).toBe(true);
}

const control = (sim: Simulator, path: string, body: unknown) =>
  fetch(`${sim.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(
  o: { failFirst?: number; alwaysStatus?: number; hold?: Promise<void>; maxRetries?: number; timeoutMs?: number } = {},
) {
  const sim = await simulator({
    control: true,
    callbackRetryMs: 30,
    callbackMaxRetries: o.maxRetries,
    callbackTimeoutMs: o.timeoutMs,
  });
  const rx = await receiver(o);
  cleanups.push(() => sim.close(), rx.close);
  return { sim, rx };
}

describe("simulator callback templates and rules", () => {
  it("creates, describes, modifies and deletes templates and rules with Tencent's error codes", async () => {
    const { sim } = await setup();
    expect((await api(sim, "CreateLiveCallbackTemplate", { TemplateName: "x" })).Error?.Code).toBe("InvalidParameter");
    expect(
      (await api(sim, "CreateLiveCallbackTemplate", { TemplateName: "bad name!", RecordNotifyUrl: "http://a/b" })).Error
        ?.Code,
    ).toBe("InvalidParameterValue");
    expect(
      (await api(sim, "CreateLiveCallbackTemplate", { TemplateName: "x", RecordNotifyUrl: "ftp://a/b" })).Error?.Code,
    ).toBe("InvalidParameterValue");
    expect((await api(sim, "CreateLiveCallbackTemplate", { TemplateName: "x", Foo: 1 })).Error?.Code).toBe(
      "UnknownParameter",
    );

    const { domain, templateId } = await bind(sim, "http://127.0.0.1:9");
    const templates = (await api(sim, "DescribeLiveCallbackTemplates")).Templates as Record<string, unknown>[];
    expect(templates).toHaveLength(1);
    expect(templates[0]).toMatchObject({ TemplateId: templateId, TemplateName: "RecDesk-callbacks", CallbackKey: KEY });

    expect((await api(sim, "ModifyLiveCallbackTemplate", { TemplateId: templateId, CallbackKey: "k2" })).Error).toBe(
      undefined,
    );
    const one = (await api(sim, "DescribeLiveCallbackTemplate", { TemplateId: templateId })).Template as Record<
      string,
      unknown
    >;
    expect(one.CallbackKey).toBe("k2");
    expect(one.RecordNotifyUrl).toBe("http://127.0.0.1:9/record");
    expect((await api(sim, "ModifyLiveCallbackTemplate", { TemplateId: 999999 })).Error?.Code).toBe(
      "InternalError.ConfNotFound",
    );

    const rules = (await api(sim, "DescribeLiveCallbackRules")).Rules as Record<string, unknown>[];
    expect(rules).toEqual([expect.objectContaining({ DomainName: domain, AppName: "live", TemplateId: templateId })]);
    expect(
      (await api(sim, "CreateLiveCallbackRule", { DomainName: domain, AppName: "live", TemplateId: templateId })).Error
        ?.Code,
    ).toBe("InternalError.RuleAlreadyExist");
    expect(
      (await api(sim, "CreateLiveCallbackRule", { DomainName: domain, AppName: "edu", TemplateId: 424242 })).Error
        ?.Code,
    ).toBe("InternalError.ConfNotFound");
    expect(
      (
        await api(sim, "CreateLiveCallbackRule", {
          DomainName: "play.recdesk-demo.com",
          AppName: "live",
          TemplateId: templateId,
        })
      ).Error?.Code,
    ).toBe("InvalidParameterValue");
    expect((await api(sim, "CreateLiveCallbackRule", { DomainName: domain, AppName: "live" })).Error?.Code).toBe(
      "MissingParameter",
    );

    expect((await api(sim, "DeleteLiveCallbackTemplate", { TemplateId: templateId })).Error?.Code).toBe(
      "InternalError.ConfInUsed",
    );
    expect((await api(sim, "DeleteLiveCallbackRule", { DomainName: domain, AppName: "live" })).Error).toBeUndefined();
    expect((await api(sim, "DeleteLiveCallbackRule", { DomainName: domain, AppName: "live" })).Error?.Code).toBe(
      "InternalError.RuleNotFound",
    );
    expect((await api(sim, "DeleteLiveCallbackTemplate", { TemplateId: templateId })).Error).toBeUndefined();
    expect((await api(sim, "DescribeLiveCallbackTemplates")).Templates).toEqual([]);
  });
});

describe("simulator callbacks", () => {
  it("sends signed stream begin and end callbacks when a push starts and stops", async () => {
    const { sim, rx } = await setup();
    const { domain } = await bind(sim, rx.base);
    await control(sim, "/_sim/streams/push", { streamName: "cb_stream", domainName: domain });
    await control(sim, "/_sim/streams/stop", { streamName: "cb_stream", domainName: domain });
    const [begin, end] = await until("begin and end", () => {
      const b = rx.received.find((r) => r.path === "/begin");
      const e = rx.received.find((r) => r.path === "/end");
      return b && e ? [b.body, e.body] : undefined;
    });
    expectSigned(begin);
    expectSigned(end);
    expect(begin).toMatchObject({ event_type: 1, app: domain, appname: "live", stream_id: "cb_stream" });
    expect(end).toMatchObject({ event_type: 0, app: domain, stream_id: "cb_stream", sequence: begin.sequence });
  });

  it("reports a recording's start, its end and its file with a plausible video_url, file id and size", async () => {
    const { sim, rx } = await setup();
    const { domain } = await bind(sim, rx.base);
    await control(sim, "/_sim/streams/push", { streamName: "rec_stream", domainName: domain });
    const taskId = await recordNow(sim, "rec_stream", domain, "mp4");
    const started = await until("record_start_succeeded", () => rx.received.find((r) => r.path === "/status"));
    expectSigned(started.body);
    expect(started.body).toMatchObject({
      event_type: 332,
      record_event: "record_start_succeeded",
      domain,
      stream_id: "rec_stream",
    });

    const stop = await rawCall(sim, {
      action: "StopLiveRecord",
      body: `{"StreamName":"rec_stream","TaskId":${taskId}}`,
    });
    expect(stop.json.Response.Error).toBeUndefined();
    const file = await until("record file", () => rx.received.find((r) => r.path === "/record"));
    const ended = await until("record_ended", () =>
      rx.received.find((r) => r.path === "/status" && r.body.record_event === "record_ended"),
    );
    expectSigned(file.body);
    expectSigned(ended.body);
    expect(ended.body.session_id).toBe(started.body.session_id);
    const parsed = parseLiveCallback(file.body);
    expect(parsed.ok && parsed.event.kind).toBe("recordFile");
    expect(file.body).toMatchObject({ event_type: 100, app: domain, stream_id: "rec_stream", file_format: "mp4" });
    expect(String(file.body.file_id)).toMatch(/^\d{19}$/);
    expect(file.body.video_url).toMatch(/^https:\/\/.+\.mp4$/);
    expect(file.body.file_size as number).toBeGreaterThan(0);
    expect(file.body.end_time as number).toBeGreaterThanOrEqual(file.body.start_time as number);

    // Stopping again changes nothing and sends nothing more.
    const before = sim.callbackDeliveries().length;
    await rawCall(sim, { action: "StopLiveRecord", body: `{"StreamName":"rec_stream","TaskId":${taskId}}` });
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.callbackDeliveries()).toHaveLength(before);
  });

  it("retries a callback until the receiver answers 200, and keeps one delivery record with the same event", async () => {
    const { sim, rx } = await setup({ failFirst: 2 });
    const { domain } = await bind(sim, rx.base);
    await control(sim, "/_sim/streams/push", { streamName: "retry_me", domainName: domain });
    const delivery = await until("a delivered begin", () =>
      sim.callbackDeliveries().find((d) => d.eventType === 1 && d.state === "delivered"),
    );
    expect(delivery).toMatchObject({ attempts: 3, lastStatus: 200, url: `${rx.base}/begin`, streamName: "retry_me" });
    const attempts = rx.received.filter((r) => r.path === "/begin");
    expect(attempts).toHaveLength(3);
    // Each attempt is signed afresh; everything else is the same event, so the receiver can store it once.
    const strip = (b: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(b).filter(([k]) => k !== "t" && k !== "sign"));
    for (const a of attempts) {
      expectSigned(a.body);
      expect(strip(a.body)).toEqual(strip(attempts[0]!.body));
    }
    // The control API lists the same record.
    const listed = (await (await fetch(`${sim.url}/_sim/callbacks`)).json()) as { deliveries: CallbackDelivery[] };
    expect(listed.deliveries.filter((d) => d.eventType === 1)).toEqual([
      expect.objectContaining({ id: delivery.id, attempts: 3, state: "delivered" }),
    ]);
  });

  it("gives up after the last retry and marks the delivery failed", async () => {
    const { sim, rx } = await setup({ alwaysStatus: 503, maxRetries: 2 });
    const { domain } = await bind(sim, rx.base);
    await control(sim, "/_sim/streams/push", { streamName: "never_ok", domainName: domain });
    const failed = await until("a failed delivery", () => sim.callbackDeliveries().find((d) => d.state === "failed"));
    expect(failed).toMatchObject({ attempts: 3, lastStatus: 503 });
    expect(rx.received).toHaveLength(3);
  });

  it("counts no answer within the timeout, or a refused connection, as a failed attempt", async () => {
    const { sim, rx } = await setup({ hold: new Promise<void>(() => {}), maxRetries: 1, timeoutMs: 50 });
    const { domain, templateId } = await bind(sim, rx.base);
    await control(sim, "/_sim/streams/push", { streamName: "silent_rx", domainName: domain });
    const failed = await until("a timed-out delivery", () =>
      sim.callbackDeliveries().find((d) => d.state === "failed"),
    );
    expect(failed).toMatchObject({ attempts: 2, lastStatus: null, lastError: "no answer within 50 ms" });

    const closed = await receiver();
    await closed.close();
    await api(sim, "ModifyLiveCallbackTemplate", {
      TemplateId: templateId,
      StreamEndNotifyUrl: `${closed.base}/end`,
    });
    await control(sim, "/_sim/streams/stop", { streamName: "silent_rx", domainName: domain });
    const refused = await until("a refused delivery", () =>
      sim.callbackDeliveries().find((d) => d.eventType === 0 && d.state === "failed"),
    );
    expect(refused.lastError).toMatch(/ECONNREFUSED/);
  });

  it("answers the API at once even while the receiver has not answered", async () => {
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    const { sim, rx } = await setup({ hold });
    const { domain } = await bind(sim, rx.base);
    await control(sim, "/_sim/streams/push", { streamName: "slow_rx", domainName: domain });
    const taskId = await recordNow(sim, "slow_rx", domain);
    await until("the held status callback", () => rx.received.some((r) => r.path === "/status"));
    const stop = await rawCall(sim, {
      action: "StopLiveRecord",
      body: `{"StreamName":"slow_rx","TaskId":${taskId}}`,
    });
    expect(stop.json.Response.Error).toBeUndefined();
    expect(sim.callbackDeliveries().every((d) => d.state === "pending")).toBe(true);
    release();
    await until("all delivered", () => sim.callbackDeliveries().every((d) => d.state === "delivered"));
  });

  it("sends nothing for a domain with no callback rule", async () => {
    const { sim, rx } = await setup();
    await bind(sim, rx.base);
    await control(sim, "/_sim/streams/push", { streamName: "other_app", appName: "edu" });
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.callbackDeliveries()).toEqual([]);
  });
});
