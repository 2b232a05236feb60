import { createHash } from "node:crypto";
import { between, createRng, pick, type Rng } from "./rng";

// The simulated account's RecordTasks (CreateRecordTask family) and recording templates. Like legacy tasks, a
// RecordTask's state is derived from its times and the clock on every read; unlike them, Tencent lists these
// (DescribeRecordTask), keeps them 3 months after their end, and has no status field, only Stopped.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Tencent keeps a RecordTask's record for 3 months (§1.7); older ones are gone from every answer. */
export const RECORD_TASK_RETENTION_MS = 90 * DAY;
/** "Overlapping tasks on one stream → at most 3 run" (§1.7): the simulator refuses a fourth (README). */
export const MAX_OVERLAPPING_PER_STREAM = 3;

export interface RecordTaskRec {
  taskId: string;
  streamName: string;
  domainName: string;
  appName: string;
  startMs: number;
  endMs: number;
  createdMs: number;
  templateId: number;
  streamType: number;
  /** When StopRecordTask was called; the task will not start again. */
  stoppedMs?: number;
}

export type RecordTaskSimState = "scheduled" | "recording" | "ended";

export function recordTaskState(t: RecordTaskRec, now: number): RecordTaskSimState {
  if (t.stoppedMs !== undefined || now >= t.endMs) return "ended";
  return now < t.startMs ? "scheduled" : "recording";
}

export interface TemplateRec {
  templateId: number;
  templateName: string;
  description: string;
  formats: ("flv" | "hls" | "mp4" | "aac" | "mp3")[];
  intervalS: number;
  storageDays: number;
}

/** Seeded templates, the shapes most accounts have: the HLS default, an archive in two formats, audio only. */
export const SEEDED_TEMPLATES: readonly TemplateRec[] = [
  {
    templateId: 71001,
    templateName: "hls_vod",
    description: "HLS, kept in VOD permanently",
    formats: ["hls"],
    intervalS: 1800,
    storageDays: 0,
  },
  {
    templateId: 71002,
    templateName: "archive_flv_mp4",
    description: "FLV and MP4 in 30-minute files, kept 90 days",
    formats: ["flv", "mp4"],
    intervalS: 1800,
    storageDays: 90,
  },
  {
    templateId: 71003,
    templateName: "audio_aac",
    description: "Audio only (AAC), kept 30 days",
    formats: ["aac"],
    intervalS: 3600,
    storageDays: 30,
  },
];

export interface RecordTaskSeedStream {
  domainName: string;
  appName: string;
  streamName: string;
}

export class RecordTaskStore {
  readonly tasks = new Map<string, RecordTaskRec>();
  templates: TemplateRec[] = [...SEEDED_TEMPLATES];
  /** DescribeRecordTask's page size: Tencent documents none; ours is 100 (README), smaller in some tests. */
  pageSize = 100;
  private counter = 0;
  private salt = "0";

  /** Tencent's TaskIds are opaque base64-like strings; ours are a hash of seed and counter, so seeds repeat. */
  allocateTaskId(): string {
    for (;;) {
      this.counter += 1;
      const id = `Up${createHash("sha256").update(`${this.salt}:${this.counter}`).digest("base64url").slice(0, 52)}`;
      if (!this.tasks.has(id)) return id;
    }
  }

  /** Drops records past their 3 months, as Tencent does; called before every read. */
  expire(now: number): void {
    for (const [id, t] of this.tasks) if (t.endMs < now - RECORD_TASK_RETENTION_MS) this.tasks.delete(id);
  }

  get(taskId: string, now: number): RecordTaskRec | undefined {
    this.expire(now);
    return this.tasks.get(taskId);
  }

  /** The most tasks of this stream active at one instant within [startMs, endMs) (stopped ones no longer run). */
  overlapping(s: RecordTaskSeedStream, startMs: number, endMs: number, now: number): number {
    const others = [...this.tasks.values()].filter(
      (t) =>
        t.streamName === s.streamName &&
        t.domainName === s.domainName &&
        t.appName === s.appName &&
        t.stoppedMs === undefined &&
        t.endMs > Math.max(startMs, now) &&
        t.startMs < endMs,
    );
    // Count at every start point inside the interval: the maximum is reached at one of them.
    const points = [startMs, ...others.map((t) => t.startMs).filter((p) => p > startMs && p < endMs)];
    return Math.max(0, ...points.map((p) => others.filter((t) => t.startMs <= p && t.endMs > p).length));
  }

  add(t: Omit<RecordTaskRec, "taskId">): RecordTaskRec {
    const rec = { ...t, taskId: this.allocateTaskId() };
    this.tasks.set(rec.taskId, rec);
    return rec;
  }

  /** Rebuilds the tasks (and templates) for a seed: a realistic mix, every task ≤ 24 h as Tencent requires. */
  seed(seed: number, count: number, streams: readonly RecordTaskSeedStream[], now: number): void {
    this.tasks.clear();
    this.templates = [...SEEDED_TEMPLATES];
    this.counter = 0;
    this.salt = String(seed);
    const rng = createRng(seed ^ 0x5eed7a5c);
    for (let i = 0; i < count; i++) {
      const s = streams.length
        ? streams[i % streams.length]!
        : { domainName: "push.recdesk-demo.com", appName: "live", streamName: `rt_offline_${i + 1}` };
      this.add({
        ...s,
        ...seededTimes(rng, now),
        templateId: pick(rng, [0, ...SEEDED_TEMPLATES.map((t) => t.templateId)]),
        streamType: 0,
      });
    }
  }
}

/** ~35 % recording now, ~30 % scheduled within the week, ~20 % ended in the last day, ~15 % older; some stopped. */
function seededTimes(rng: Rng, now: number): Pick<RecordTaskRec, "startMs" | "endMs" | "createdMs" | "stoppedMs"> {
  const r = rng();
  if (r < 0.35) {
    const startMs = now - between(rng, 1, 12 * 60) * MIN;
    const endMs = Math.min(startMs + DAY, now + between(rng, 10, 12 * 60) * MIN);
    return { startMs, endMs, createdMs: startMs - between(rng, 1, 120) * MIN };
  }
  if (r < 0.65) {
    const startMs = now + between(rng, 10, 6 * 24 * 60) * MIN;
    return { startMs, endMs: startMs + between(rng, 30, 24 * 60) * MIN, createdMs: now - between(rng, 1, 600) * MIN };
  }
  const endMs = r < 0.85 ? now - between(rng, 1, 23 * 60) * MIN : now - between(rng, 2, 60) * DAY;
  const startMs = endMs - between(rng, 30, 24 * 60) * MIN;
  const stoppedMs = rng() < 0.5 ? startMs + Math.floor((endMs - startMs) * rng()) : undefined;
  return { startMs, endMs, createdMs: startMs - between(rng, 1, 24) * HOUR, stoppedMs };
}
