import { createHash } from "node:crypto";
import {
  DESCRIBE_WINDOW_MAX_AGE_MS,
  DESCRIBE_WINDOW_MAX_MS,
  RECORD_TASK_MAX_AHEAD_MS,
  RECORD_TASK_MAX_SPAN_MS,
  RECORD_TASK_REGIONS,
  UNKNOWN_RECORD_TASK_CODE,
} from "../record-task-types";
import type { ActionOutcome } from "./actions";
import type { Params } from "./params";
import { MAX_OVERLAPPING_PER_STREAM, recordTaskState, type RecordTaskRec } from "./record-task-store";
import type { SimState } from "./state";

// The RecordTask family (§1.7–1.10) and DescribeLiveRecordTemplates (§1.10b). Choices where the docs are silent
// are listed in README.md ("RecordTask family").

type Handler = (s: SimState, p: Params, now: number) => ActionOutcome;

const err = (code: string, message: string): ActionOutcome => ({ error: { code, message } });
const str = (p: Params, k: string) => p[k] as string | undefined;
const secs = (p: Params, k: string) => (p[k] === undefined ? undefined : Number(p[k] as bigint) * 1000);
const unix = (ms: number) => Math.floor(ms / 1000);

/** The actions that need X-TC-Region (§0): answered MissingParameter without it, InvalidParameterValue for a wrong one. */
export const REGION_ACTIONS: ReadonlySet<string> = new Set([
  "CreateRecordTask",
  "StopRecordTask",
  "DeleteRecordTask",
  "DescribeRecordTask",
]);

export function checkRegion(action: string, region: string | undefined): ActionOutcome | undefined {
  if (!REGION_ACTIONS.has(action)) return undefined;
  if (!region) return err("MissingParameter", "The request is missing a required parameter `Region`.");
  if (!(RECORD_TASK_REGIONS as readonly string[]).includes(region))
    return err("InvalidParameterValue", `The value \`${region}\` of parameter \`Region\` is not a supported region.`);
  return undefined;
}

function findTask(s: SimState, p: Params, now: number): RecordTaskRec | ActionOutcome {
  const t = s.recordTasks.get(str(p, "TaskId")!, now);
  return t ?? err(UNKNOWN_RECORD_TASK_CODE, "The TaskId does not exist or is not a valid RecordTask id.");
}

const create: Handler = (s, p, now) => {
  const streamName = str(p, "StreamName")!;
  const appName = str(p, "AppName")!;
  const domainName = str(p, "DomainName")!;
  if (!s.pushDomains.some((d) => d.status === 1 && d.name === domainName))
    return err("InvalidParameter", `The DomainName \`${domainName}\` is not an enabled push domain of this account.`);
  const endMs = secs(p, "EndTime")!;
  // Omitted (or already past) = start now, to the second as on the wire: the task records from the next push.
  const startMs = Math.floor(Math.max(secs(p, "StartTime") ?? now, now) / 1000) * 1000;
  if (endMs <= now) return err("InvalidParameter", "The EndTime must be later than the current time.");
  if (endMs <= startMs) return err("InvalidParameter", "The EndTime must be later than the StartTime.");
  if (endMs > now + RECORD_TASK_MAX_AHEAD_MS)
    return err("InvalidParameter", "The EndTime must be within 7 days from now.");
  if (endMs - startMs > RECORD_TASK_MAX_SPAN_MS)
    return err("InvalidParameter", "The EndTime must be at most 24 hours after the StartTime.");
  const stream = { streamName, appName, domainName };
  if (s.recordTasks.overlapping(stream, startMs, endMs, now) >= MAX_OVERLAPPING_PER_STREAM)
    return err(
      "LimitExceeded.MaximumRunningTask",
      `At most ${MAX_OVERLAPPING_PER_STREAM} overlapping tasks can run on one stream.`,
    );
  const rec = s.recordTasks.add({
    ...stream,
    startMs,
    endMs,
    createdMs: now,
    templateId: Number((p.TemplateId as bigint | undefined) ?? 0n),
    streamType: Number((p.StreamType as bigint | undefined) ?? 0n),
  });
  return { data: { TaskId: rec.taskId } };
};

const stop: Handler = (s, p, now) => {
  const t = findTask(s, p, now);
  if ("error" in t) return t;
  const task = t as RecordTaskRec;
  // Stopping an ended or already stopped task succeeds and changes nothing (Stopped keeps its first time):
  // idempotent, so the client's retry after a lost answer is harmless.
  const state = recordTaskState(task, now);
  if (state === "ended") return { data: {} };
  task.stoppedMs = now;
  if (state === "recording") {
    const template = s.recordTasks.templates.find((x) => x.templateId === task.templateId);
    s.recordingEvents.emitEnded({
      family: "recordTask",
      taskId: task.taskId,
      domainName: task.domainName,
      appName: task.appName,
      streamName: task.streamName,
      startMs: task.startMs,
      endMs: now,
      fileFormat: template?.formats[0] ?? "hls",
    });
  }
  return { data: {} };
};

const remove: Handler = (s, p, now) => {
  const t = findTask(s, p, now);
  if ("error" in t) return t;
  // Deletes the configuration only; a recording in progress is not stopped (§1.9), but the task is gone from
  // every later answer.
  s.recordTasks.tasks.delete((t as RecordTaskRec).taskId);
  return { data: {} };
};

interface Cursor {
  f: string;
  s: number;
  i: string;
}

const describe: Handler = (s, p, now) => {
  const startMs = secs(p, "StartTime")!;
  const endMs = secs(p, "EndTime")!;
  if (endMs <= startMs) return err("InvalidParameter", "The EndTime must be later than the StartTime.");
  if (endMs - startMs > DESCRIBE_WINDOW_MAX_MS)
    return err("InvalidParameter", "The time span between StartTime and EndTime must not exceed 7 days.");
  if (startMs < now - DESCRIBE_WINDOW_MAX_AGE_MS)
    return err("InvalidParameter", "The StartTime must not be earlier than 90 days ago.");
  const [domain, app, name] = [str(p, "DomainName"), str(p, "AppName"), str(p, "StreamName")];
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([startMs, endMs, domain, app, name]))
    .digest("base64url")
    .slice(0, 12);
  let after: Cursor | undefined;
  const token = str(p, "ScrollToken");
  if (token) {
    after = readCursor(token);
    if (!after || after.f !== fingerprint)
      return err("InvalidParameter", "The ScrollToken is invalid or belongs to another query.");
  }
  s.recordTasks.expire(now);
  // Keyset order (StartTime, TaskId): a task created or deleted between pages neither repeats nor shifts others.
  const all = [...s.recordTasks.tasks.values()]
    .filter(
      (t) =>
        t.startMs >= startMs &&
        t.endMs <= endMs &&
        (!domain || t.domainName === domain) &&
        (!app || t.appName === app) &&
        (!name || t.streamName === name),
    )
    .filter((t) => !after || t.startMs > after.s || (t.startMs === after.s && t.taskId > after.i))
    .sort((a, b) => a.startMs - b.startMs || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0));
  const page = all.slice(0, s.recordTasks.pageSize);
  const last = page.at(-1);
  const more = all.length > page.length && last;
  return {
    data: {
      TaskList: page.map((t) => ({
        TaskId: t.taskId,
        DomainName: t.domainName,
        AppName: t.appName,
        StreamName: t.streamName,
        StartTime: unix(t.startMs),
        EndTime: unix(t.endMs),
        TemplateId: t.templateId,
        Stopped: t.stoppedMs === undefined ? 0 : unix(t.stoppedMs),
      })),
      ScrollToken: more
        ? Buffer.from(JSON.stringify({ f: fingerprint, s: last.startMs, i: last.taskId })).toString("base64url")
        : "",
    },
  };
};

function readCursor(token: string): Cursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<Cursor>;
    return typeof c.f === "string" && typeof c.s === "number" && typeof c.i === "string"
      ? { f: c.f, s: c.s, i: c.i }
      : undefined;
  } catch {
    return undefined;
  }
}

const templates: Handler = (s) => {
  const param = (enabled: boolean, intervalS: number, storageDays: number) => ({
    RecordInterval: intervalS,
    StorageTime: storageDays,
    Enable: enabled ? 1 : 0,
    VodSubAppId: 0,
    VodFileName: "",
    Procedure: "",
    StorageMode: "normal",
    ClassId: 0,
  });
  return {
    data: {
      Templates: s.recordTasks.templates.map((t) => ({
        TemplateId: t.templateId,
        TemplateName: t.templateName,
        Description: t.description,
        FlvParam: param(t.formats.includes("flv"), t.intervalS, t.storageDays),
        HlsParam: param(t.formats.includes("hls"), t.intervalS, t.storageDays),
        Mp4Param: param(t.formats.includes("mp4"), t.intervalS, t.storageDays),
        AacParam: param(t.formats.includes("aac"), t.intervalS, t.storageDays),
        Mp3Param: param(t.formats.includes("mp3"), t.intervalS, t.storageDays),
        IsDelayLive: 0,
        HlsSpecialParam: { FlowContinueDuration: 0 },
        RemoveWatermark: false,
        CosStore: 0,
      })),
    },
  };
};

export const RECORD_TASK_HANDLERS: Record<string, Handler> = {
  CreateRecordTask: create,
  StopRecordTask: stop,
  DeleteRecordTask: remove,
  DescribeRecordTask: describe,
  DescribeLiveRecordTemplates: templates,
};
