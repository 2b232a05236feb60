import { describe, expect, it } from "vitest";
import { eq, type SQLWrapper } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { auditRecords } from "@/lib/db/schema/audit";
import { getTaskRow } from "@/lib/tasks/registry";
import { getTask, listTasks, stopTask } from "@/lib/tasks";
import type { LiveClient } from "@/lib/tencent-live/client";
import { drivers } from "../helpers/test-db";
import { auditFor, support, useTaskFixture } from "./helpers";

// A Stop writes fewer statements than it used to (the claim with the read, the outcome with the row's release);
// these pin what must not have moved: the intent is durable before Tencent is called, and a failed combined write
// still leaves an outcome and a released row.
describe.each(drivers)("a Stop's write-ahead audit (%s)", (driver) => {
  const fx = useTaskFixture(driver);

  const aRecordingTask = async () => (await listTasks(fx.opened.db, { state: "recording" })).rows[0]!;

  it("has the pending intent committed and the row claimed when Tencent is called", async () => {
    const task = await aRecordingTask();
    const seen: { outcomes: string[]; stopping: boolean }[] = [];
    const client: LiveClient = {
      ...fx.live.client,
      stopLiveRecord: async (input, opts) => {
        // Read from outside the Stop's own statements: only what is committed shows.
        const records = await fx.opened.db.select().from(auditRecords).where(eq(auditRecords.taskId, task.taskId));
        const row = await getTaskRow(fx.opened.db, task.taskId);
        seen.push({ outcomes: records.map((r) => r.outcome), stopping: row?.stoppingSince != null });
        return fx.live.client.stopLiveRecord(input, opts);
      },
    };
    // And no statement of the Stop failed: the outcome went with the release, not through the fallback.
    const execute = fx.opened.db.execute.bind(fx.opened.db);
    const failed: unknown[] = [];
    fx.opened.db.execute = ((query: Parameters<typeof execute>[0]) =>
      execute(query).catch((err: unknown) => {
        failed.push(err);
        throw err;
      })) as typeof execute;
    try {
      const r = await stopTask(
        fx.opened.db,
        { getClient: async () => client },
        { taskId: task.taskId, streamName: task.streamName, reason: "runaway" },
        support,
      );
      expect(r).toMatchObject({ ok: true, state: "stopped" });
    } finally {
      fx.opened.db.execute = execute;
    }
    expect(failed).toEqual([]);
    expect(seen).toEqual([{ outcomes: ["pending"], stopping: true }]);
    expect((await auditFor(fx.opened.db, task.taskId)).map((a) => a.outcome)).toEqual(["ok"]);
    expect(await getTaskRow(fx.opened.db, task.taskId)).toMatchObject({ stoppingSince: null, state: "stopped" });
  });

  it("still writes the outcome and releases the row when the combined write fails", async () => {
    const task = await aRecordingTask();
    const execute = fx.opened.db.execute.bind(fx.opened.db);
    const dialect = new PgDialect();
    let refused = 0;
    // The statement that carries both the outcome and the release fails once, as a dropped connection would.
    fx.opened.db.execute = ((query: Parameters<typeof execute>[0]) => {
      const text = dialect.sqlToQuery((query as SQLWrapper).getSQL()).sql;
      if (text.startsWith("with along as") && refused++ === 0) return Promise.reject(new Error("connection lost"));
      return execute(query);
    }) as typeof execute;
    try {
      const r = await stopTask(
        fx.opened.db,
        { getClient: fx.live.getClient },
        { taskId: task.taskId, streamName: task.streamName, reason: "runaway" },
        support,
      );
      expect(r).toMatchObject({ ok: true, state: "stopped" });
    } finally {
      fx.opened.db.execute = execute;
    }
    expect(refused).toBe(1);
    expect((await auditFor(fx.opened.db, task.taskId)).map((a) => [a.outcome, a.requestId != null])).toEqual([
      ["ok", true],
    ]);
    expect(await getTask(fx.opened.db, task.taskId)).toMatchObject({ state: "stopped", lastOk: "ok" });
    expect(await getTaskRow(fx.opened.db, task.taskId)).toMatchObject({ stoppingSince: null });
  });
});
