import { checkReadiness } from "@/lib/observability/readiness";

export const dynamic = "force-dynamic";

/**
 * GET /api/health/ready: the readiness probe. 200 when the database answers and every migration this build
 * ships is applied; 503 naming the failed check (`failed`: shutdown, database or migrations). Also says how long
 * ago a Tencent call last succeeded and the bulk lease's state. No session; never calls Tencent; no secrets.
 */
export async function GET(): Promise<Response> {
  const r = await checkReadiness();
  return Response.json(r, { status: r.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
