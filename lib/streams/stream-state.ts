import type { StreamState } from "@/lib/tencent-live/types";

// Pure: what DescribeLiveStreamState's three answers mean for someone deciding whether to record or stop.

export const STREAM_STATE_TEXT: Record<
  StreamState,
  { label: string; tone: "ok" | "neutral" | "danger"; meaning: string }
> = {
  active: {
    label: "Active",
    tone: "ok",
    meaning: "Tencent Cloud is receiving this stream right now, so a running recording task is writing files.",
  },
  inactive: {
    label: "Inactive",
    tone: "neutral",
    meaning:
      "Nobody is pushing this stream right now. Recording tasks of this stream record nothing until it is pushed again; scheduled ones start when it goes live within their time window.",
  },
  forbid: {
    label: "Forbidden",
    tone: "danger",
    meaning:
      "The stream is banned from pushing (ForbidLiveStream). It cannot be pushed or recorded until someone resumes it (ResumeLiveStream) in the Tencent Cloud console or API.",
  },
};
