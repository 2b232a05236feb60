import { metricsAccess, scrapeMetrics } from "@/lib/observability/metrics-endpoint";

export const dynamic = "force-dynamic";

/**
 * GET /api/metrics: Prometheus text format, only with `Authorization: Bearer $RECDESK_METRICS_TOKEN`.
 * 404 while RECDESK_METRICS_TOKEN is unset (the endpoint does not exist); 401 for a missing or wrong token.
 */
export async function GET(request: Request): Promise<Response> {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access === "disabled") return new Response("Not Found\n", { status: 404 });
  if (access === "denied")
    return new Response("Unauthorized\n", { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } });
  const { body, contentType } = await scrapeMetrics();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
