import { expect } from "@playwright/test";
import { e2eEnv } from "../playwright.config";

/** Calls the demo simulator's /_sim/ control API (fault injection, latency, call counts); fails the test on an error. */
export async function sim(
  path: string,
  method: "POST" | "DELETE" | "GET",
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${e2eEnv.simulatorUrl}/_sim/${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok, `simulator ${method} /_sim/${path}`).toBe(true);
  return res.json() as Promise<Record<string, unknown>>;
}

/** How many StopLiveRecord calls reached "Tencent" so far: the way specs prove what was (not) sent upstream. */
export async function stopCalls(): Promise<number> {
  const calls = (await sim("calls", "GET")) as { byAction: Record<string, number> };
  return calls.byAction.StopLiveRecord ?? 0;
}
