export * from "./users";
export * from "./tasks";
export * from "./audit";
export * from "./bulk";
export * from "./callbacks";
