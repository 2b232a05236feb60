import { callbackKey } from "@/lib/callbacks/key";
import { receiveCallback } from "@/lib/callbacks/receive";
import { getCallbackQueue, getCallbackStore } from "@/lib/callbacks/runtime";
import { getConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

/**
 * POST /api/callbacks/live: Tencent Cloud Live's callbacks (stream begin/end, record file, record status).
 * The one route with no session: Tencent's signature (MD5(key + t)) authenticates it; see lib/callbacks/receive.ts.
 */
export async function POST(request: Request): Promise<Response> {
  return receiveCallback(request, {
    key: callbackKey(getConfig()),
    store: getCallbackStore(),
    onStored: () => getCallbackQueue().notify(),
  });
}
