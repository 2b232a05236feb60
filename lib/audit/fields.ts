import type { HashedOutcome } from "./hash";
import type { AuditResult } from "./types";
import { clipOptional, storableJson } from "@/lib/text/well-formed";

// Client-supplied strings (user agent) and upstream messages are bounded so one request cannot bloat the trail.
const MAX_TEXT = 2_000;

/** An outcome as it is stored and hashed: every string bounded and as the database will return it. */
export function outcomeFields(result: AuditResult): HashedOutcome & { outcome: AuditResult["outcome"] } {
  return {
    outcome: result.outcome,
    finishedAt: new Date(),
    requestId: clip(result.requestId),
    errorCode: clip(result.errorCode),
    errorMessage: clip(result.errorMessage),
    latencyMs: result.latencyMs === undefined ? null : Math.max(0, Math.round(result.latencyMs)),
    outcomeDetails: storableJson(result.details ?? null),
  };
}

/** A string as stored: at most MAX_TEXT characters and an ellipsis. */
export function clip(text: string | null | undefined): string | null {
  return clipOptional(text, MAX_TEXT + 1, "…");
}
