// Demo mode's callback key, shared by the demo simulator (which signs) and the endpoint (which
// verifies), so recordings appear in the demo with no set-up. Never used when TENCENTCLOUD_CALLBACK_KEY is set
// or outside demo mode.
export const DEMO_CALLBACK_KEY = "recdesk-demo-callback-key";
