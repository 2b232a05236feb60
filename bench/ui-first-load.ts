// First-load JavaScript of a console page, as a browser with its cache disabled fetches it: the bytes on the wire
// (compressed bodies plus response headers, DevTools' "transferred") of every script response until the page is
// loaded and the network has been idle for 500 ms — the page's own chunks, the shared framework chunks and
// anything fetched while hydrating. Used by bench/ui.ts.
import type { BrowserContext } from "@playwright/test";

export interface ScriptLoad {
  url: string;
  bytes: number;
}

export interface FirstLoad {
  bytes: number;
  scripts: ScriptLoad[];
}

export async function firstLoadScripts(context: BrowserContext, url: string): Promise<FirstLoad> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const pending = new Map<string, string>();
  const scripts: ScriptLoad[] = [];
  cdp.on("Network.responseReceived", (e) => {
    if (e.type === "Script") pending.set(e.requestId, e.response.url);
  });
  cdp.on("Network.loadingFinished", (e) => {
    const scriptUrl = pending.get(e.requestId);
    if (scriptUrl !== undefined) scripts.push({ url: scriptUrl, bytes: e.encodedDataLength });
  });
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
  } finally {
    await page.close();
  }
  return { bytes: scripts.reduce((n, s) => n + s.bytes, 0), scripts };
}
