// Debian's Chromium as every browser run here starts it (Playwright cannot download its own browser on these
// machines): the journeys (playwright.config.ts) and the benches (bench/demo-server.ts).
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
