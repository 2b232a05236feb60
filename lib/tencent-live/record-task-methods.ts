import "server-only";
import type { LiveClient } from "./client-types";
import { isObject, type Json } from "./response";
import type { CallSpec } from "./signed-request";
import type { LiveResult, RecordTaskAction, RecordTaskInfo, RecordTemplate } from "./types";
import { RecordTaskIdSchema } from "./validation";
import { toNumber } from "./wire";

// The RecordTask family on the wire (§1.7–1.10b): every call carries X-TC-Region; Unix seconds on the wire,
// Dates inside the app; each action has its own 20/s bucket (DOCUMENTED_RATE_LIMITS). Stop, Delete and the
// Describes are retried like every other call; Create never is (a retry after a lost answer could create a
// second task, and a second billed recording).

type Call = <T>(spec: CallSpec, convert: (r: Json) => T | undefined) => Promise<LiveResult<T>>;
type Invalid = <T>(message: string) => LiveResult<T>;

export type RecordTaskMethods = Pick<
  LiveClient,
  "createRecordTask" | "stopRecordTask" | "deleteRecordTask" | "describeRecordTask" | "describeLiveRecordTemplates"
>;

const TEMPLATE_FORMATS = [
  ["FlvParam", "flv"],
  ["HlsParam", "hls"],
  ["Mp4Param", "mp4"],
  ["AacParam", "aac"],
  ["Mp3Param", "mp3"],
] as const;

export function recordTaskMethods(
  call: Call,
  invalid: Invalid,
  o: { region: string; timeoutMs: number; createTimeoutMs: number },
): RecordTaskMethods {
  const spec = (action: RecordTaskAction, params: Json, extra: Partial<CallSpec> = {}): CallSpec => ({
    action,
    params,
    retry: true,
    timeoutMs: o.timeoutMs,
    region: o.region,
    ...extra,
  });

  function stopOrDelete(action: "StopRecordTask" | "DeleteRecordTask", taskId: string, extra: Partial<CallSpec>) {
    const id = RecordTaskIdSchema.safeParse(taskId);
    if (!id.success)
      return Promise.resolve(invalid<Record<string, never>>(`TaskId "${taskId}": ${id.error.issues[0]?.message}`));
    return call<Record<string, never>>(spec(action, { TaskId: id.data }, extra), () => ({}));
  }

  return {
    createRecordTask(i) {
      for (const [name, v] of [
        ["StreamName", i.streamName],
        ["DomainName", i.domainName],
        ["AppName", i.appName],
      ] as const) {
        if (!v?.trim()) return Promise.resolve(invalid(`${name} is required`));
      }
      if (Number.isNaN(i.endTime.getTime())) return Promise.resolve(invalid("EndTime is not a valid time"));
      if (i.startTime && Number.isNaN(i.startTime.getTime()))
        return Promise.resolve(invalid("StartTime is not a valid time"));
      const params = compact({
        StreamName: i.streamName,
        DomainName: i.domainName,
        AppName: i.appName,
        EndTime: unixSeconds(i.endTime),
        StartTime: i.startTime ? unixSeconds(i.startTime) : undefined,
        TemplateId: i.templateId,
        StreamType: i.streamType,
        Extension: i.extension,
      });
      return call(spec("CreateRecordTask", params, { retry: false, timeoutMs: o.createTimeoutMs }), (r) =>
        typeof r.TaskId === "string" && r.TaskId !== "" ? { taskId: r.TaskId } : undefined,
      );
    },

    stopRecordTask: (i, opts) =>
      stopOrDelete("StopRecordTask", i.taskId, { signal: opts?.signal, maxQueued: opts?.maxQueued }),
    deleteRecordTask: (i) => stopOrDelete("DeleteRecordTask", i.taskId, {}),

    describeRecordTask(i) {
      const params = compact({
        StartTime: unixSeconds(i.startTime),
        EndTime: unixSeconds(i.endTime),
        StreamName: i.streamName,
        DomainName: i.domainName,
        AppName: i.appName,
        ScrollToken: i.scrollToken || undefined,
      });
      return call(spec("DescribeRecordTask", params), (r) => {
        // A missing TaskList on the last page is read as empty; a TaskList that is not a list is malformed.
        if (r.TaskList !== undefined && r.TaskList !== null && !Array.isArray(r.TaskList)) return undefined;
        const list = Array.isArray(r.TaskList) ? r.TaskList.filter(isObject) : [];
        const tasks = list.map(toRecordTask);
        if (tasks.some((t) => t === undefined)) return undefined;
        return {
          tasks: tasks as RecordTaskInfo[],
          scrollToken: typeof r.ScrollToken === "string" ? r.ScrollToken : "",
        };
      });
    },

    describeLiveRecordTemplates() {
      return call(spec("DescribeLiveRecordTemplates", {}), (r) => {
        if (!Array.isArray(r.Templates)) return undefined;
        return { templates: r.Templates.filter(isObject).map(toTemplate) };
      });
    },
  };
}

function toRecordTask(t: Json): RecordTaskInfo | undefined {
  if (typeof t.TaskId !== "string" || !t.TaskId) return undefined;
  const stopped = toNumber(t.Stopped);
  return {
    taskId: t.TaskId,
    streamName: String(t.StreamName ?? ""),
    domainName: String(t.DomainName ?? ""),
    appName: String(t.AppName ?? ""),
    startTime: new Date(toNumber(t.StartTime) * 1000),
    endTime: new Date(toNumber(t.EndTime) * 1000),
    templateId: toNumber(t.TemplateId),
    stoppedAt: stopped > 0 ? new Date(stopped * 1000) : null,
  };
}

function toTemplate(t: Json): RecordTemplate {
  const enabled = (p: unknown) => isObject(p) && toNumber(p.Enable) === 1;
  return {
    templateId: toNumber(t.TemplateId),
    templateName: String(t.TemplateName ?? ""),
    description: String(t.Description ?? ""),
    formats: TEMPLATE_FORMATS.filter(([k]) => enabled(t[k])).map(([, f]) => f),
  };
}

function unixSeconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

/** Drops undefined fields: an absent optional parameter must not reach Tencent as null. */
function compact(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
