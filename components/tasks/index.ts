export { TaskTable, type TaskTableProps, type TaskTableSelection } from "./task-table";
export { StopTaskButton, type StopAction, type StoppableTask, type StopTaskButtonProps } from "./stop-task-button";
export { StopOutcomePanel, type StopOutcome } from "./stop-outcome";
export { TaskStateBadge } from "./task-state-badge";
export { LocalTime } from "./local-time";
