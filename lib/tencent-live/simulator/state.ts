import type { SimTask, SimTaskState } from "../types";
import { CallbackConfig } from "./callback-config";
import { RecordingEvents } from "./recording-events";
import { between, createRng, pick, type Rng } from "./rng";

// The simulated account: domains, online streams and legacy recording tasks. Times are kept as epoch
// milliseconds; a task's state is derived from them on every read, so "recording" turns into "stopped"
// when its EndTime passes, as on Tencent Cloud.

export const MAX_TASK_ID = 18446744073709551615n;
/** Default first TaskId: above 2^53, so every demo and test exercises exact 64-bit handling. */
export const DEFAULT_TASK_ID_BASE = "16093104850681751583";

export interface DomainRec {
  name: string;
  type: 0 | 1;
  status: 0 | 1;
  createTime: string; // Beijing time, as Tencent returns it
  playType: number;
}

export interface StreamRec {
  domainName: string;
  appName: string;
  streamName: string;
  publishTimes: string[];
  pushToDelay: number;
}

export interface TaskRec {
  taskId: bigint;
  streamName: string;
  appName: string;
  domainName: string;
  startMs: number;
  endMs: number;
  createdMs: number;
  stoppedMs?: number;
  fileFormat: string;
  recordType: string;
  /** Created through the API (counts against the daily and concurrent quotas), not seeded. */
  viaApi: boolean;
}

export interface SeedOptions {
  seed: number;
  streams: number;
  tasks: number;
  taskIdBase: string;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export function streamKey(domainName: string, appName: string, streamName: string): string {
  return `${domainName}/${appName}/${streamName}`;
}

export function taskState(t: TaskRec, now: number): SimTaskState {
  if (t.stoppedMs !== undefined || now >= t.endMs) return "stopped";
  return now < t.startMs ? "scheduled" : "recording";
}

export function beijingTime(ms: number): string {
  return new Date(ms + 8 * HOUR).toISOString().slice(0, 19).replace("T", " ");
}

export class SimState {
  domains: DomainRec[] = [];
  /** Insertion-ordered, so paging is stable. */
  online = new Map<string, StreamRec>();
  forbidden = new Set<string>();
  tasks = new Map<bigint, TaskRec>();
  /** Recordings starting and ending, for the callback sender. */
  readonly recordingEvents = new RecordingEvents();
  /** Callback templates and rules: kept across seed(), as a reset is the simulator's, not Tencent's. */
  readonly callbacks = new CallbackConfig();
  private nextTaskId = 1n;

  constructor(opts: SeedOptions, now = Date.now()) {
    this.seed(opts, now);
  }

  get pushDomains(): DomainRec[] {
    return this.domains.filter((d) => d.type === 0);
  }

  seed(o: SeedOptions, now = Date.now()): void {
    const rng = createRng(o.seed);
    const base = BigInt(o.taskIdBase);
    const prefix = 1000 + (o.seed % 9000);
    this.domains = [
      {
        name: `${prefix}.livepush.myqcloud.com`,
        type: 0,
        status: 1,
        createTime: beijingTime(now - 400 * DAY),
        playType: 1,
      },
      { name: "push.recdesk-demo.com", type: 0, status: 1, createTime: beijingTime(now - 200 * DAY), playType: 1 },
      { name: "play.recdesk-demo.com", type: 1, status: 1, createTime: beijingTime(now - 200 * DAY), playType: 1 },
      { name: "old-push.recdesk-demo.com", type: 0, status: 0, createTime: beijingTime(now - 900 * DAY), playType: 1 },
    ];
    const push = this.pushDomains.filter((d) => d.status === 1).map((d) => d.name);
    this.online = new Map();
    this.forbidden = new Set();
    this.tasks = new Map();

    const streams: StreamRec[] = [];
    for (let i = 0; i < o.streams; i++) {
      const s: StreamRec = {
        domainName: rng() < 0.8 ? push[0]! : push[1]!,
        appName: rng() < 0.85 ? "live" : "edu",
        streamName: `${pick(rng, ["room", "class", "match", "studio", "event"])}_${String(i + 1).padStart(5, "0")}${suffix(rng)}`,
        publishTimes: [new Date(now - between(rng, 1, 72 * 60) * MIN).toISOString().replace(/\.\d{3}Z$/, "Z")],
        pushToDelay: rng() < 0.05 ? 1 : 0,
      };
      streams.push(s);
      this.online.set(streamKey(s.domainName, s.appName, s.streamName), s);
    }
    for (let i = 0; i < Math.ceil(o.streams / 100); i++)
      this.forbidden.add(streamKey(push[0]!, "live", `banned_${i + 1}`));

    for (let i = 0; i < o.tasks; i++) {
      const s = streams.length ? streams[Math.floor(rng() * streams.length)]! : undefined;
      const t = seededTimes(rng, now);
      this.tasks.set(base + BigInt(i), {
        taskId: base + BigInt(i),
        streamName: s?.streamName ?? `offline_${i + 1}`,
        appName: s?.appName ?? "live",
        domainName: s?.domainName ?? push[0]!,
        ...t,
        fileFormat: pick(rng, ["flv", "flv", "hls", "mp4", "mp4", "aac"]),
        recordType: rng() < 0.9 ? "video" : "audio",
        viaApi: false,
      });
    }
    this.nextTaskId = base + BigInt(o.tasks);
  }

  /** The next free TaskId, wrapping past 2^64−1 back to 1. */
  allocateTaskId(): bigint {
    for (;;) {
      let id = this.nextTaskId;
      if (id > MAX_TASK_ID || id < 1n) id = 1n;
      this.nextTaskId = id + 1n;
      if (!this.tasks.has(id)) return id;
    }
  }

  listTasks(now = Date.now()): SimTask[] {
    return [...this.tasks.values()].map((t) => ({
      taskId: t.taskId.toString(),
      streamName: t.streamName,
      appName: t.appName,
      domainName: t.domainName,
      state: taskState(t, now),
      startTime: new Date(t.startMs).toISOString(),
      endTime: new Date(t.endMs).toISOString(),
      createdAt: new Date(t.createdMs).toISOString(),
      fileFormat: t.fileFormat,
      recordType: t.recordType,
    }));
  }
}

function suffix(rng: Rng): string {
  return rng() < 0.3 ? `_${Math.floor(rng() * 36 ** 4).toString(36)}` : "";
}

/** A realistic mix: short and multi-day recordings in progress, some scheduled, some already stopped. */
function seededTimes(rng: Rng, now: number): Pick<TaskRec, "startMs" | "endMs" | "createdMs" | "stoppedMs"> {
  const r = rng();
  if (r < 0.35) {
    const startMs = now - between(rng, 1, 30) * MIN;
    return { startMs, endMs: now + between(rng, 10, 120) * MIN, createdMs: startMs - between(rng, 0, 60) * MIN };
  }
  if (r < 0.55) {
    const startMs = now - between(rng, 1 * 24, 5 * 24) * HOUR;
    return {
      startMs,
      endMs: now + between(rng, 1 * 24, 3 * 24) * HOUR,
      createdMs: startMs - between(rng, 1, 24) * HOUR,
    };
  }
  if (r < 0.75) {
    const startMs = now + between(rng, 10, 48 * 60) * MIN;
    return { startMs, endMs: startMs + between(rng, 30, 360) * MIN, createdMs: now - between(rng, 1, 48 * 60) * MIN };
  }
  const startMs = now - between(rng, 1 * 24, 10 * 24) * HOUR;
  const endMs = startMs + between(rng, 30, 24 * 60) * MIN;
  const stoppedMs = rng() < 0.6 ? startMs + Math.floor((Math.min(endMs, now) - startMs) * rng()) : undefined;
  return { startMs, endMs, createdMs: startMs - between(rng, 1, 24) * HOUR, stoppedMs };
}
