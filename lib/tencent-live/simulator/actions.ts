import { cstToDate } from "../validation";
import { CALLBACK_HANDLERS } from "./callback-actions";
import type { Params } from "./params";
import { beijingTime, streamKey, taskState, type SimState, type TaskRec } from "./state";

// What each action does to the simulated account. Choices where Tencent's docs are silent are listed
// in README.md ("Behaviour where the docs are silent").

export type ActionOutcome = { data: Record<string, unknown> } | { error: { code: string; message: string } };

const MIN = 60_000;
const DAILY_TASK_QUOTA = 4000; // scheduled-mode tasks created per day (CreateLiveRecord doc)
const RUNNING_TASK_QUOTA = 400; // scheduled-mode tasks pending or recording at once

const err = (code: string, message: string): ActionOutcome => ({ error: { code, message } });
const str = (p: Params, k: string) => p[k] as string | undefined;
const int = (p: Params, k: string) => (p[k] === undefined ? undefined : Number(p[k] as bigint));

type Handler = (s: SimState, p: Params, now: number) => ActionOutcome;

function findTask(s: SimState, p: Params): TaskRec | ActionOutcome {
  const t = s.tasks.get(p.TaskId as bigint);
  // A TaskId is looked up together with its stream: a pair that does not match is "no such task",
  // the same answer as an unknown TaskId (Tencent lists no separate code for a mismatch).
  if (!t || t.streamName !== p.StreamName) return err("ResourceNotFound.TaskId", "The TaskId does not exist.");
  return t;
}

const stop: Handler = (s, p, now) => {
  const t = findTask(s, p);
  if ("error" in t) return t;
  // Stopping a task that is already stopped (or ended) succeeds and changes nothing: idempotent, so a
  // retry after a lost answer is harmless.
  const task = t as TaskRec;
  if (taskState(task, now) !== "stopped") {
    const wasRecording = taskState(task, now) === "recording";
    task.stoppedMs = now;
    if (wasRecording) {
      s.recordingEvents.emitEnded({
        family: "legacy",
        taskId: task.taskId.toString(),
        domainName: task.domainName,
        appName: task.appName,
        streamName: task.streamName,
        startMs: task.startMs,
        endMs: now,
        fileFormat: task.fileFormat,
      });
    }
  }
  return { data: {} };
};

const remove: Handler = (s, p, now) => {
  const t = findTask(s, p);
  if ("error" in t) return t;
  if (taskState(t as TaskRec, now) === "recording") {
    return err(
      "FailedOperation.AlterTaskState",
      "The task is recording; stop it with StopLiveRecord before deleting it.",
    );
  }
  s.tasks.delete((t as TaskRec).taskId);
  return { data: {} };
};

const create: Handler = (s, p, now) => {
  const highlight = int(p, "Highlight") ?? 0;
  const appName = str(p, "AppName") ?? "live";
  const streamName = str(p, "StreamName")!;
  const push = s.pushDomains.filter((d) => d.status === 1);
  let domainName = str(p, "DomainName");
  if (domainName !== undefined && !push.some((d) => d.name === domainName)) {
    return err(
      "InvalidParameterValue",
      `The DomainName \`${domainName}\` is not an enabled push domain of this account.`,
    );
  }
  // Without a DomainName we use the domain the stream is live on, else the first push domain.
  domainName ??= push.find((d) => s.online.has(streamKey(d.name, appName, streamName)))?.name ?? push[0]?.name;
  if (!domainName) return err("ResourceNotFound.ChannelNotExist", "The account has no enabled push domain.");

  const parse = (k: "StartTime" | "EndTime"): number | ActionOutcome | undefined => {
    const raw = str(p, k);
    if (raw === undefined) return undefined;
    // The doc shows the URL-encoded GET form (2017-01-01+10%3a10%3a01); accept it in JSON too.
    const ms = cstToDate(decodeURIComponent(raw.replace(/\+/g, " "))).getTime();
    return Number.isNaN(ms)
      ? err("InvalidParameterValue", `The ${k} \`${raw}\` is not a valid YYYY-MM-DD HH:MM:SS time.`)
      : ms;
  };
  const start = parse("StartTime");
  const end = parse("EndTime");
  if (typeof start === "object") return start;
  if (typeof end === "object") return end;

  let startMs: number;
  let endMs: number;
  if (highlight === 1) {
    // Real-time mode: StartTime is ignored, EndTime is optional and capped at now + 30 minutes.
    if (!s.online.has(streamKey(domainName, appName, streamName))) {
      return err("ResourceUnavailable.StreamNotExist", "The stream is not being pushed.");
    }
    startMs = now;
    endMs = Math.min(end ?? now + 30 * MIN, now + 30 * MIN);
    if (endMs <= now) return err("InvalidParameterValue", "The EndTime must be later than the current time.");
  } else {
    if (start === undefined)
      return err("MissingParameter", "The request is missing a required parameter `StartTime` (scheduled mode).");
    if (end === undefined)
      return err("MissingParameter", "The request is missing a required parameter `EndTime` (scheduled mode).");
    if (end <= start) return err("InvalidParameterValue", "The EndTime must be later than the StartTime.");
    if (end <= now) return err("InvalidParameterValue", "The EndTime must be later than the current time.");
    const apiTasks = [...s.tasks.values()].filter((t) => t.viaApi);
    if (apiTasks.filter((t) => now - t.createdMs < 24 * 60 * MIN).length >= DAILY_TASK_QUOTA) {
      return err("LimitExceeded.MaximumTask", "The number of tasks created today has reached the limit.");
    }
    if (apiTasks.filter((t) => taskState(t, now) !== "stopped").length >= RUNNING_TASK_QUOTA) {
      return err("LimitExceeded.MaximumRunningTask", "The number of running tasks has reached the limit.");
    }
    startMs = start;
    endMs = end;
  }
  const taskId = s.allocateTaskId();
  s.tasks.set(taskId, {
    taskId,
    streamName,
    appName,
    domainName,
    startMs,
    endMs,
    createdMs: now,
    fileFormat: str(p, "FileFormat") ?? "flv",
    recordType: str(p, "RecordType") ?? "video",
    viaApi: true,
  });
  // A task whose start has come records at once (real-time mode always does). One that starts later
  // reports no start: the simulator keeps no timers (README, callbacks).
  if (startMs <= now) {
    s.recordingEvents.emitStarted({
      family: "legacy",
      taskId: taskId.toString(),
      domainName,
      appName,
      streamName,
      startMs: now,
    });
  }
  return { data: { TaskId: taskId } };
};

const onlineList: Handler = (s, p) => {
  const pageNum = int(p, "PageNum") ?? 1;
  const pageSize = int(p, "PageSize") ?? 10;
  const [domain, app, name] = [str(p, "DomainName"), str(p, "AppName"), str(p, "StreamName")];
  let all = [...s.online.values()];
  if (domain || app || name) {
    all = all.filter(
      (x) => (!domain || x.domainName === domain) && (!app || x.appName === app) && (!name || x.streamName === name),
    );
  }
  const page = all.slice((pageNum - 1) * pageSize, pageNum * pageSize);
  return {
    data: {
      OnlineInfo: page.map((x) => ({
        StreamName: x.streamName,
        AppName: x.appName,
        DomainName: x.domainName,
        PublishTimeList: x.publishTimes.map((t) => ({ PublishTime: t })),
        PushToDelay: x.pushToDelay,
      })),
      TotalNum: all.length,
      TotalPage: Math.ceil(all.length / pageSize),
      PageNum: pageNum,
      PageSize: pageSize,
    },
  };
};

const streamState: Handler = (s, p) => {
  const key = streamKey(str(p, "DomainName")!, str(p, "AppName")!, str(p, "StreamName")!);
  const state = s.forbidden.has(key) ? "forbid" : s.online.has(key) ? "active" : "inactive";
  return { data: { StreamState: state } };
};

const domains: Handler = (s, p) => {
  const pageNum = int(p, "PageNum") ?? 1;
  const pageSize = int(p, "PageSize") ?? 10;
  const [type, status, prefix, delay, playType] = [
    int(p, "DomainType"),
    int(p, "DomainStatus"),
    str(p, "DomainPrefix"),
    int(p, "IsDelayLive"),
    int(p, "PlayType"),
  ];
  if (playType !== undefined && type !== 1)
    return err("InvalidParameterValue", "PlayType is only valid with DomainType=1.");
  const all = s.domains.filter(
    (d) =>
      (type === undefined || d.type === type) &&
      (status === undefined || d.status === status) &&
      (!prefix || d.name.startsWith(prefix)) &&
      (delay === undefined || delay === 0) &&
      (playType === undefined || d.playType === playType),
  );
  return {
    data: {
      AllCount: all.length,
      DomainList: all.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((d) => ({
        Name: d.name,
        Type: d.type,
        Status: d.status,
        CreateTime: d.createTime,
        BCName: 0,
        TargetDomain: `${d.name}.tlivecdn.com`,
        PlayType: d.playType,
        IsDelayLive: 0,
        CurrentCName: `${d.name}.tlivecdn.com`,
        RentTag: 0,
        RentExpireTime: beijingTime(Date.UTC(2099, 0, 1)),
        IsMiniProgramLive: 0,
      })),
      CreateLimitCount: 50,
      PlayTypeCount: null,
    },
  };
};

export const HANDLERS: Record<string, Handler> = {
  StopLiveRecord: stop,
  DeleteLiveRecord: remove,
  CreateLiveRecord: create,
  DescribeLiveStreamOnlineList: onlineList,
  DescribeLiveStreamState: streamState,
  DescribeLiveDomains: domains,
  ...CALLBACK_HANDLERS,
};
