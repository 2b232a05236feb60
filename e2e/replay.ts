import type { APIResponse, BrowserContext, Request } from "@playwright/test";

// The authorization journeys capture a real server action POST from one person's browser and send it again
// with another person's session: hiding a button is not authorization, the server must refuse the request.

export interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A server action POST as the browser sent it, minus its cookies. Read it before its context closes. */
export async function captureAction(req: Request): Promise<CapturedAction> {
  const headers = { ...(await req.allHeaders()) };
  delete headers.cookie;
  return { url: req.url(), headers, body: req.postDataBuffer() ?? Buffer.alloc(0) };
}

/** Sends the captured action again with `as`'s session cookies, optionally with an edited body. */
export function replayAction(
  action: CapturedAction,
  as: BrowserContext,
  body: Buffer = action.body,
): Promise<APIResponse> {
  return as.request.fetch(action.url, { method: "POST", headers: action.headers, data: body });
}
