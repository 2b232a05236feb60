import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { OpenDatabase } from "@/lib/db/types";
import { recordingTasks } from "@/lib/db/schema/tasks";
import { resolveSelection } from "@/lib/bulk/selection";
import { STOPPABLE_STATES, TASK_STATES, type TaskState } from "@/lib/tasks/definitions";
import { effectiveStateSql, listTaskDomains, listTasks, TASK_COUNT_CAP } from "@/lib/tasks/registry";
import { drivers, openTestDb } from "../helpers/test-db";

// The list's filters pair the effective-state CASE with conditions an index can serve (lib/tasks/registry.ts).
// Those must never drop a row the CASE would keep: every combination of the columns the rule reads, both families,
// checked filter by filter against the CASE alone.

const NOW = new Date("2026-06-01T12:00:00Z");
const h = (n: number) => new Date(NOW.getTime() + n * 3600_000);

function everyCombination() {
  const rows: (typeof recordingTasks.$inferInsert)[] = [];
  let i = 0;
  for (const family of ["legacy", "recordTask"] as const)
    for (const state of TASK_STATES)
      for (const times of [
        { startTime: null, endTime: null },
        { startTime: h(-48), endTime: h(-24) },
        { startTime: h(-48), endTime: h(24) },
        { startTime: h(-2), endTime: null },
        { startTime: h(2), endTime: h(4) },
      ])
        for (const deletedAt of [null, h(-1)])
          for (const stoppingSince of [null, new Date(NOW.getTime() - 1000), h(-30)])
            for (const upstreamStoppedAt of family === "recordTask" ? [null, h(-1)] : [null]) {
              i++;
              rows.push({
                taskId: family === "legacy" ? String(1000 + i) : `1500000000-c${i}`,
                family,
                state,
                ...times,
                deletedAt,
                stoppingSince,
                upstreamStoppedAt,
                streamName: `s${i % 7}`,
                domainName: `d${i % 3}.example.com`,
                source: "registered",
                createdAt: new Date(NOW.getTime() - i * 60_000),
              });
            }
  return rows;
}

describe.each(drivers)("the /tasks list's conditions (%s)", (driver) => {
  let opened: OpenDatabase;
  beforeEach(async () => {
    opened = await openTestDb(driver);
  });
  afterEach(async () => {
    await opened.close();
  });

  async function byCase(states: readonly TaskState[], extra = sql`true`): Promise<string[]> {
    const rows = await opened.db
      .select({ id: recordingTasks.taskId })
      .from(recordingTasks)
      .where(
        sql`${effectiveStateSql(NOW)} in (${sql.join(
          states.map((s) => sql`${s}`),
          sql`, `,
        )}) and ${extra}`,
      );
    return rows.map((r) => r.id).sort();
  }

  it("each state filter, the runaway preset and 'select all matching' keep exactly the rows the state rule names", async () => {
    const rows = everyCombination();
    await opened.db.insert(recordingTasks).values(rows);
    for (const state of TASK_STATES) {
      const page = await listTasks(opened.db, { state }, { pageSize: 200, now: NOW });
      const expected = await byCase([state]);
      expect(page.total, state).toBe(expected.length);
      expect(page.stoppable, state).toBe(STOPPABLE_STATES.includes(state) ? expected.length : 0);
      if (expected.length <= 200) expect(page.rows.map((r) => r.taskId).sort(), state).toEqual(expected);
    }
    const stoppable = await byCase(STOPPABLE_STATES);
    expect(stoppable.length).toBeGreaterThan(0);
    const all = await resolveSelection(opened.db, { kind: "filter", filters: {} }, 100_000, NOW);
    expect(all.targets.map((t) => t.taskId).sort()).toEqual(stoppable);
    expect((await listTasks(opened.db, {}, { now: NOW })).stoppable).toBe(stoppable.length);

    const runaway = await listTasks(opened.db, { runningHours: 24 }, { pageSize: 200, now: NOW });
    const runawayExpected = await byCase(["recording", "stopping"], sql`${recordingTasks.startTime} < ${h(-24)}`);
    expect(runawayExpected.length).toBeGreaterThan(0);
    expect(runaway.rows.map((r) => r.taskId).sort()).toEqual(runawayExpected);
  });

  it("counts up to TASK_COUNT_CAP and then says 'more than', paging on past it; 'select all' stays exact", async () => {
    const base = new Date(NOW.getTime() - 86400_000 * 30);
    await opened.db.execute(sql`
      insert into recording_tasks (task_id, stream_name, state, start_time, end_time, source, created_at)
      select (5000000 + i)::text, 'cam-' || (i % 50), 'recording', ${base}::timestamptz,
        case when i % 1000 = 0 then ${h(24)}::timestamptz else ${h(-1)}::timestamptz end, 'seeded',
        ${base}::timestamptz + i * interval '1 second'
      from generate_series(1, ${TASK_COUNT_CAP + 5}) as g(i)`);
    const first = await listTasks(opened.db, {}, { pageSize: 25, now: NOW });
    expect(first).toMatchObject({ total: TASK_COUNT_CAP, totalExact: false, page: 1, stoppable: 10 });
    expect(first.rows[0]!.taskId).toBe(String(5000000 + TASK_COUNT_CAP + 5));
    const deep = await listTasks(opened.db, {}, { page: 401, pageSize: 25, now: NOW });
    expect(deep.page).toBe(401);
    expect(deep.rows).toHaveLength(5);
    expect(deep.pageCount).toBe(401);
    const sel = await resolveSelection(opened.db, { kind: "filter", filters: {} }, 100_000, NOW);
    expect(sel.count).toBe(10);
    const few = await listTasks(opened.db, { stream: "cam-7" }, { now: NOW });
    expect(few.totalExact).toBe(true);
  });

  it("lists each domain once, in order", async () => {
    await opened.db.insert(recordingTasks).values(everyCombination().slice(0, 40));
    expect(await listTaskDomains(opened.db)).toEqual(["d0.example.com", "d1.example.com", "d2.example.com"]);
  });
});
