// npm run callbacks:setup -- --url https://recdesk.example.com/api/callbacks/live --domain push.example.com
//   [--app live] [--dry-run] [--replace]
// Creates (or updates) RecDesk's callback template on Tencent Cloud Live and binds it to the push domain, so
// Tencent POSTs stream, recording-status and recording-file events to RecDesk. Uses TENCENTCLOUD_SECRET_ID,
// TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN, TENCENTCLOUD_LIVE_ENDPOINT) and the signing key
// TENCENTCLOUD_CALLBACK_KEY, the same variables as the server. Logic and tests: lib/tencent-live/callback-setup.ts.
import { runCallbacksSetup } from "@/lib/tencent-live/callback-setup";

const code = await runCallbacksSetup(
  process.argv.slice(2),
  process.env,
  (line) => console.log(line),
  (line) => console.error(line),
);
process.exit(code);
