import { z } from "zod";
import { messageRef, say, type MessageRef } from "./messages";

// Pure zod, no server-only: forms, server actions, route handlers and the simulator share it.

/*
 * What no user-typed text may carry, wherever it is going:
 * - a lone surrogate (half an emoji, e.g. from a .slice()): JavaScript hashes it, the database stores U+FFFD, and
 *   the audit record never matches its hash again;
 * - NUL, which Postgres `text` refuses outright (a 500 instead of a field error);
 * - other C0 controls, DEL and C1 controls: invisible, they make two different values look the same in the
 *   audit log and a CSV export;
 * - bidirectional embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069): they reorder what a manager
 *   reads in the audit log ("Trojan Source").
 * U+2028/U+2029 split a line where nobody sees a line break. Multi-line free text (a textarea) may keep TAB, LF
 * and CR; single-line fields refuse them too.
 */
const LONE_SURROGATE = /\p{Cs}/u;
const FORBIDDEN_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const FORBIDDEN_MULTI_LINE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

export type SafeTextOptions = {
  /** How the field is named in messages, e.g. label("reason") ("Reason") or label("streamName") ("StreamName"). */
  label: MessageRef | string;
  /** Most code points allowed (an emoji counts as one, as a person counts it). */
  max: number;
  /** Fewest code points; default 0. */
  min?: number;
  minMessage?: string;
  maxMessage?: string;
  /** TAB, LF and CR allowed (textareas). Default false. */
  multiline?: boolean;
  /** Trim surrounding white space first. Default true; passwords keep theirs. */
  trim?: boolean;
};

/** Number of Unicode code points: what "characters" means in every length rule here. */
export function codePointLength(value: string): number {
  return value.length - (value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

/** Describes the first character `safeText` would refuse (in English), or undefined when there is none. */
export function forbiddenCharacter(value: string, multiline = false): string | undefined {
  const ref = forbiddenCharacterRef(value, multiline);
  return ref ? say(ref.key, ref.values) : undefined;
}

function forbiddenCharacterRef(value: string, multiline: boolean): MessageRef | undefined {
  if (LONE_SURROGATE.test(value)) return messageRef("validation.text.loneSurrogate");
  const match = (multiline ? FORBIDDEN_MULTI_LINE : FORBIDDEN_SINGLE_LINE).exec(value);
  if (!match) return undefined;
  const code = match[0].codePointAt(0)!;
  return messageRef("validation.text.controlCharacter", {
    codePoint: `U+${code.toString(16).toUpperCase().padStart(4, "0")}`,
  });
}

/**
 * The one building block for user-typed text at every edge (forms, search parameters, JSON bodies): a string,
 * trimmed, free of the characters above, and between min and max code points. It stops at the first problem,
 * so a field shows one clear message; chain further rules (.regex, .toLowerCase) after it.
 */
export function safeText(opts: SafeTextOptions) {
  const { label, max, min = 0, multiline = false, trim = true } = opts;
  const base = z.string({ error: say("validation.text.notText", { label }) });
  return (trim ? base.trim() : base).superRefine((value, ctx) => {
    const bad = forbiddenCharacterRef(value, multiline);
    if (bad) {
      const message = say("validation.text.forbidden", { label, character: bad });
      ctx.addIssue({ code: "custom", message, continue: false });
      return;
    }
    const length = codePointLength(value);
    if (length < min) {
      ctx.addIssue({
        code: "custom",
        message: opts.minMessage ?? say("validation.text.tooShort", { label, min }),
        continue: false,
      });
    } else if (length > max) {
      ctx.addIssue({
        code: "custom",
        message: opts.maxMessage ?? say("validation.text.tooLong", { label, max }),
        continue: false,
      });
    }
  });
}

/**
 * A value that failed validation, made fit to be recorded as what was attempted: refused characters become
 * U+FFFD and it is clipped by code point (never inside a surrogate pair), so the audit record of an invalid
 * attempt can always be written and always verifies.
 */
export function recordableText(value: string, max: number): string {
  const cleaned = value.replace(/\p{Cs}/gu, "\uFFFD").replace(new RegExp(FORBIDDEN_SINGLE_LINE.source, "gu"), "\uFFFD");
  return Array.from(cleaned).slice(0, max).join("");
}
