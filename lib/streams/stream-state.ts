import type { StreamState } from "@/lib/tencent-live/types";

// Pure: how DescribeLiveStreamState's three answers are shown. The words (label and what the state means for
// someone deciding whether to record or stop) are in the catalogs, under streams.state.<state>.

export const STREAM_STATE_TONE: Record<StreamState, "ok" | "neutral" | "danger"> = {
  active: "ok",
  inactive: "neutral",
  forbid: "danger",
};
