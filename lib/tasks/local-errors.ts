import { explainLiveError, type LiveErrorExplanation } from "@/lib/tencent-live/errors";
import { say } from "@/lib/validation/messages";

// Refusals and states that RecDesk itself produces around the task flows. Tencent's codes stay in the edge's
// catalog; these sit next to the flows that raise them.

type LocalKey = keyof (typeof import("@/messages/en/actions.json"))["explanations"];

/** Said with `say`, so the answer can be given in the reader's language (lib/actions/localize.ts). */
function local(key: LocalKey, retryable: boolean): Omit<LiveErrorExplanation, "code"> {
  return {
    title: say(`actions.explanations.${key}.title`),
    meaning: say(`actions.explanations.${key}.meaning`),
    nextStep: say(`actions.explanations.${key}.nextStep`),
    retryable,
    accountLevel: false,
  };
}

const LOCAL: Record<string, Omit<LiveErrorExplanation, "code">> = {
  "RecDesk.StopInProgress": local("stopInProgress", true),
  "RecDesk.Interrupted": local("interrupted", true),
  "RecDesk.TaskNotRegistered": local("taskNotRegistered", false),
  "RecDesk.StreamMismatch": local("streamMismatch", false),
  "RecDesk.DeleteWhileRecording": local("deleteWhileRecording", false),
  "RecDesk.NothingToCorrect": local("nothingToCorrect", false),
  InvalidInput: local("invalidInput", false),
  Forbidden: local("forbidden", false),
  Unauthenticated: local("unauthenticated", false),
};

export function explainTaskError(code: string, message?: string): LiveErrorExplanation {
  const local = LOCAL[code];
  return local ? { code, ...local } : explainLiveError(code, message);
}
