import { z } from "zod";
import { label } from "@/lib/validation/messages";
import { safeText } from "@/lib/validation/safe-text";
import { TASK_STATES, type TaskFilters } from "./definitions";
import { TASK_FAMILIES } from "./task-family";

// The /tasks URL is the filter state (so a filtered view can be pasted into a ticket); this is the one place
// that reads it. Anything malformed is dropped rather than rejected: a bad link still shows the list.

export const TASKS_PAGE_SIZE = 25;

const SearchSchema = z.object({
  family: z.enum(TASK_FAMILIES).optional().catch(undefined),
  state: z.enum(TASK_STATES).optional().catch(undefined),
  stream: safeText({ label: label("stream"), max: 256 })
    .optional()
    .catch(undefined),
  domain: safeText({ label: label("domain"), max: 253 })
    .optional()
    .catch(undefined),
  running: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

export type SearchParams = Record<string, string | string[] | undefined>;

export function parseTaskSearch(params: SearchParams): { filters: TaskFilters; page: number } {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const raw = SearchSchema.parse({
    family: first(params.family),
    state: first(params.state),
    stream: first(params.stream),
    domain: first(params.domain),
    running: first(params.running),
    page: first(params.page),
  });
  return {
    filters: {
      family: raw.family,
      state: raw.state,
      stream: raw.stream || undefined,
      domain: raw.domain || undefined,
      runningHours: raw.running,
    },
    page: raw.page ?? 1,
  };
}

/** The URL query for filters (and a page), omitting empty values. */
export function taskSearchQuery(filters: TaskFilters, page?: number): string {
  const q = new URLSearchParams();
  if (filters.family) q.set("family", filters.family);
  if (filters.state) q.set("state", filters.state);
  if (filters.stream) q.set("stream", filters.stream);
  if (filters.domain) q.set("domain", filters.domain);
  if (filters.runningHours) q.set("running", String(filters.runningHours));
  if (page && page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `?${s}` : "";
}
