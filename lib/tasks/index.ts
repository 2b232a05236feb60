// lib/tasks: the registry of legacy recording tasks and the Stop / Start / Register flows.
export * from "./definitions";
export { listTasks, getTask, listTasksForStream, countRunningTasksByStream, streamKey } from "./registry";
export { stopTask } from "./stop-task";
export { startRecording } from "./start-task";
export { registerTask } from "./register-task";
export { seedDemoTasks } from "./demo-seed";
