// lib/tasks: the registry of legacy recording tasks and the Stop / Start / Register flows.
export * from "./definitions";
export { listTasks, listTaskDomains, getTask, listTasksForStream, countRunningTasksByStream, streamKey, registerTaskRow, recordTaskAction, claimStop, releaseStop, STOP_CLAIM_LEASE_MS } from "./registry";
export { stopTask, type StopTaskDeps, type StopTaskOptions, type StopTaskResult, type StopSuccess } from "./stop-task";
export { startRecording, type StartTaskDeps, type StartTaskResult } from "./start-task";
export { registerTask, type RegisterTaskResult } from "./register-task";
export { seedDemoTasks } from "./demo-seed";
export { explainTaskError } from "./local-errors";
export type { TaskActionContext } from "./actor";
