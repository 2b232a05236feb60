// Pure (zod only): the selection dialog builds these on the client, the actions parse them on the server.
import { z } from "zod";
import { TASK_STATES } from "@/lib/tasks/definitions";
import { TaskIdSchema } from "@/lib/tencent-live/validation";
import { safeText } from "@/lib/validation/safe-text";

/**
 * What the person selected on /tasks. "filter" is resolved here on the server against the whole registry,
 * not the visible page; the runaway preset is the filter's runningHours.
 */
export const BulkSelectionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ids"), taskIds: z.array(TaskIdSchema).min(1, "Select at least one task.").max(100_000) }),
  z.object({
    kind: z.literal("filter"),
    filters: z.object({
      state: z.enum(TASK_STATES).optional(),
      stream: safeText({ label: "Stream", max: 256 }).optional(),
      domain: safeText({ label: "Domain", max: 253 }).optional(),
      runningHours: z.number().int().min(1).max(24 * 365).optional(),
    }),
  }),
]);
export type BulkSelection = z.infer<typeof BulkSelectionSchema>;
