import { parseArgs, type ParseArgsConfig } from "node:util";
import { startSimulator } from "./index";
import { MAX_TASK_ID } from "./state";

// `npm run simulator -- --port 4600 --secret-id X --secret-key Y --streams N --tasks N --task-id-base B
//  --seed S --latency-ms L [--session-token T] [--control] [--host H] [--callback-retry-ms 60000]`

const OPTIONS = {
  port: { type: "string", default: "4600" },
  host: { type: "string", default: "127.0.0.1" },
  "secret-id": { type: "string" },
  "secret-key": { type: "string" },
  "session-token": { type: "string" },
  streams: { type: "string" },
  tasks: { type: "string" },
  "task-id-base": { type: "string" },
  seed: { type: "string" },
  "latency-ms": { type: "string" },
  "stop-limit": { type: "string" },
  "callback-retry-ms": { type: "string" },
  control: { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} satisfies ParseArgsConfig["options"];

// A mistyped flag is one line naming it, not a stack trace.
const values = (() => {
  try {
    return parseArgs({ options: OPTIONS }).values;
  } catch (err) {
    console.error(`${(err as Error).message} (npm run simulator -- --help lists the flags)`);
    process.exit(2);
  }
})();

if (values.help) {
  console.log(
    "Usage: npm run simulator -- [--port 4600] [--host 127.0.0.1] [--secret-id X] [--secret-key Y] [--session-token T]\n" +
      "  [--streams 240] [--tasks 60] [--task-id-base 16093104850681751583] [--seed 20181] [--latency-ms 0] [--stop-limit 200] [--control]\n" +
      "  [--callback-retry-ms 60000]  wait between callback retries (Tencent: a minute, 12 retries)",
  );
  process.exit(0);
}

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) {
    console.error(`--${name} must be a whole number, got "${v}"`);
    process.exit(2);
  }
  return Number(v);
}

function taskId(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!/^[1-9]\d{0,19}$/.test(v) || BigInt(v) > MAX_TASK_ID) {
    console.error(`--${name} must be a whole number from 1 to ${MAX_TASK_ID}, got "${v}"`);
    process.exit(2);
  }
  return v;
}

const started = performance.now();
const sim = await startSimulator({
  port: int("port", values.port),
  host: values.host,
  secretId: values["secret-id"],
  secretKey: values["secret-key"],
  sessionToken: values["session-token"],
  streams: int("streams", values.streams),
  tasks: int("tasks", values.tasks),
  taskIdBase: taskId("task-id-base", values["task-id-base"]),
  seed: int("seed", values.seed),
  latencyMs: int("latency-ms", values["latency-ms"]),
  control: values.control,
  callbackRetryMs: int("callback-retry-ms", values["callback-retry-ms"]),
  rateLimits: values["stop-limit"] ? { StopLiveRecord: int("stop-limit", values["stop-limit"]) } : undefined,
}).catch((err: unknown) => {
  // Whatever the checks above cannot catch (port out of range or in use): one line, no stack trace.
  console.error(`Cannot start the simulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});

// Printing the credentials is the point of the standalone simulator: they are local, made up, and the
// only way to point RecDesk or the SDK at it.
console.log(
  `Tencent Live API simulator listening on ${sim.url} (ready in ${Math.round(performance.now() - started)} ms)`,
);
console.log(`  TENCENTCLOUD_LIVE_ENDPOINT=${sim.url}`);
console.log(`  TENCENTCLOUD_SECRET_ID=${sim.secretId}`);
console.log(`  TENCENTCLOUD_SECRET_KEY=${sim.secretKey}`);
if (sim.sessionToken) console.log(`  TENCENTCLOUD_SESSION_TOKEN=${sim.sessionToken}`);
console.log(
  `  ${sim.listTasks().length} recording tasks seeded; control API ${values.control ? `enabled at ${sim.url}/_sim/` : "disabled (--control to enable)"}`,
);

const shutdown = () => void sim.close().then(() => process.exit(0));
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
