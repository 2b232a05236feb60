export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before start-up: a SIGTERM while the database opens still closes it cleanly.
  const { installShutdownHandlers } = await import("./lib/observability/shutdown");
  installShutdownHandlers();
  const { startOrExit } = await import("./lib/startup");
  await startOrExit();
}
