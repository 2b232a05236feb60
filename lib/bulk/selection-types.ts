// Pure (zod only): the selection dialog builds these on the client, the actions parse them on the server.
import { z } from "zod";
import { TASK_STATES } from "@/lib/tasks/definitions";
import { AnyTaskIdSchema } from "@/lib/tasks/schemas";
import { TASK_FAMILIES } from "@/lib/tasks/task-family";
import { safeText } from "@/lib/validation/safe-text";
import { label, say } from "@/lib/validation/messages";

/**
 * What the person selected on /tasks. "filter" is resolved here on the server against the whole registry,
 * not the visible page; the runaway preset is the filter's runningHours. A list of ids is bounded by
 * RECDESK_BULK_MAX_ITEMS in the schema itself, so an oversized list is refused before any query is built.
 */
export function bulkSelectionSchema(maxItems: number) {
  return z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("ids"),
      taskIds: z
        .array(AnyTaskIdSchema)
        .min(1, say("validation.bulk.selectAtLeastOne"))
        .max(maxItems, say("validation.bulk.selectAtMost", { max: maxItems })),
    }),
    z.object({
      kind: z.literal("filter"),
      filters: z.object({
        family: z.enum(TASK_FAMILIES).optional(),
        state: z.enum(TASK_STATES).optional(),
        stream: safeText({ label: label("stream"), max: 256 }).optional(),
        domain: safeText({ label: label("domain"), max: 253 }).optional(),
        runningHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 365)
          .optional(),
      }),
    }),
  ]);
}

/** The shape with only RECDESK_BULK_MAX_ITEMS's own ceiling: for types and audit summaries, not for gating. */
export const BulkSelectionSchema = bulkSelectionSchema(100_000);
export type BulkSelection = z.infer<typeof BulkSelectionSchema>;
