import "server-only";
import type { Database } from "@/lib/db/types";
import { listTasksForStream } from "@/lib/tasks/registry";
import type { TaskView } from "@/lib/tasks/definitions";
import { explainLiveError } from "@/lib/tencent-live/errors";
import type { LiveClient } from "@/lib/tencent-live/client";
import type { LiveResult } from "@/lib/tencent-live/types";
import type { UserQuotaDecision } from "@/lib/tencent-live/user-quota";
import type { OnlineStreamCache } from "./online-cache";
import type { StreamKey } from "./task-counts";
import type { StreamDetail } from "./types";

export type { StreamDetail } from "./types";

/** Everything the detail page shows, fetched side by side: one state call, the shared list, the registry. */
export async function loadStreamDetail(
  deps: {
    db: () => Promise<Database>;
    client: () => Promise<LiveClient>;
    cache: OnlineStreamCache;
    /** The viewer's per-person quota for state lookups; refused → the page says so and nothing is sent. */
    spendStateLookup?: () => UserQuotaDecision;
  },
  key: StreamKey,
): Promise<StreamDetail> {
  const quota = deps.spendStateLookup?.() ?? { ok: true };
  const [stateResult, snapshot, tasks] = await Promise.all([
    (quota.ok
      ? deps.client().then((c) => c.describeLiveStreamState(key))
      : Promise.resolve<LiveResult<never>>({
          ok: false,
          code: quota.code,
          message: quota.message,
          kind: "rate-limit",
          attempts: 0,
          latencyMs: 0,
        })
    ).catch((err: unknown): LiveResult<never> => ({
      ok: false,
      code: "RecDesk.Unavailable",
      message: (err as Error).message,
      kind: "network",
      attempts: 0,
      latencyMs: 0,
    })),
    deps.cache.read(),
    deps
      .db()
      .then((db) => listTasksForStream(db, key))
      .then((rows) => ({ rows, error: undefined }))
      .catch((err: unknown) => ({ rows: [] as TaskView[], error: (err as Error).message })),
  ]);
  const found = snapshot.index?.ageDesc.find(
    (s) =>
      s.streamName === key.streamName && s.appName === key.appName && s.domainName.toLowerCase() === key.domainName,
  );
  return {
    key,
    state: stateResult.ok
      ? { ok: true, state: stateResult.data.state, requestId: stateResult.requestId }
      : {
          ok: false,
          code: stateResult.code,
          message: stateResult.message,
          requestId: stateResult.requestId,
          explanation: explainLiveError(stateResult.code, stateResult.message),
        },
    online: found ? { publishTimes: found.publishTimes, publishingSince: found.publishingSince } : null,
    listFetchedAt: snapshot.fetchedAt?.toISOString() ?? null,
    tasks: tasks.rows,
    checkedAt: new Date().toISOString(),
    ...(tasks.error ? { tasksError: tasks.error } : {}),
  };
}
