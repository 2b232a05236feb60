export const dynamic = "force-dynamic";

/**
 * GET /api/health/live: the liveness probe. 200 whenever the process serves requests; no session, and no
 * dependency is checked (a database outage must not make the orchestrator restart every instance).
 */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
