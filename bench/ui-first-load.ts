// First-load JavaScript of a console page, as a browser with its cache disabled fetches it: the bytes on the wire
// (compressed bodies plus response headers, DevTools' "transferred") of every script response until the page is
// loaded and the network has been idle for 500 ms — the page's own chunks, the shared framework chunks and
// anything fetched while hydrating. Used by bench/ui.ts.
//
// Beside it, what the same scripts would weigh with Brotli (quality 11, as a CDN or a reverse proxy serving
// pre-compressed assets sends them; `next start` compresses with gzip only): the same response headers plus each
// body compressed here, from the very bytes the browser received.
import { brotliCompressSync, constants } from "node:zlib";
import type { BrowserContext } from "@playwright/test";

export interface ScriptLoad {
  url: string;
  bytes: number;
  /** The same response with its body in Brotli (see above). */
  brotliBytes: number;
}

export interface FirstLoad {
  bytes: number;
  brotliBytes: number;
  scripts: ScriptLoad[];
}

const brotli = (body: Buffer) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

export async function firstLoadScripts(context: BrowserContext, url: string): Promise<FirstLoad> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const pending = new Map<string, { url: string; headerBytes: number }>();
  const finished: { requestId: string; url: string; bytes: number; headerBytes: number }[] = [];
  cdp.on("Network.responseReceived", (e) => {
    // At this point the response's encodedDataLength is what arrived before the body: its headers.
    if (e.type === "Script")
      pending.set(e.requestId, { url: e.response.url, headerBytes: e.response.encodedDataLength });
  });
  cdp.on("Network.loadingFinished", (e) => {
    const script = pending.get(e.requestId);
    if (script) finished.push({ requestId: e.requestId, ...script, bytes: e.encodedDataLength });
  });
  const scripts: ScriptLoad[] = [];
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    for (const s of finished) {
      const { body, base64Encoded } = await cdp.send("Network.getResponseBody", { requestId: s.requestId });
      const raw = Buffer.from(body, base64Encoded ? "base64" : "utf8");
      scripts.push({ url: s.url, bytes: s.bytes, brotliBytes: s.headerBytes + brotli(raw) });
    }
  } finally {
    await page.close();
  }
  return {
    bytes: scripts.reduce((n, s) => n + s.bytes, 0),
    brotliBytes: scripts.reduce((n, s) => n + s.brotliBytes, 0),
    scripts,
  };
}
