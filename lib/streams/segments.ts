import { AppNameSchema, DomainNameSchema, StreamNameSchema } from "@/lib/tencent-live/validation";
import type { StreamKey } from "./task-counts";

export type SegmentCheck =
  | { ok: true; key: StreamKey }
  | { ok: false; errors: { segment: "domain" | "app" | "stream"; value: string; message: string }[] };

/**
 * The three path segments of /streams/[domain]/[app]/[stream], checked with the same rules as every
 * upstream call, so a mistyped link says what is wrong instead of failing later at Tencent.
 */
export function parseStreamSegments(raw: { domain: string; app: string; stream: string }): SegmentCheck {
  const errors: { segment: "domain" | "app" | "stream"; value: string; message: string }[] = [];
  const check = <T>(
    segment: "domain" | "app" | "stream",
    schema: {
      safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
    },
  ) => {
    const value = decodeSegment(raw[segment]);
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    errors.push({ segment, value, message: r.error.issues[0]?.message ?? "is not valid" });
    return undefined;
  };
  const domainName = check<string>("domain", DomainNameSchema);
  const appName = check<string>("app", AppNameSchema);
  const streamName = check<string>("stream", StreamNameSchema);
  if (errors.length || domainName === undefined || appName === undefined || streamName === undefined)
    return { ok: false, errors };
  return { ok: true, key: { domainName, appName, streamName } };
}

/** Next hands over decoded params, but a link pasted twice-encoded still arrives with "%": undo that once. */
function decodeSegment(v: string): string {
  if (!v.includes("%")) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
