import { createTranslator } from "use-intl/core";
import actionsEn from "@/messages/en/actions.json";
import validationEn from "@/messages/en/validation.json";

// Pure, no server-only: schemas that run in the browser build their messages here too. use-intl/core is
// next-intl's own translator without React, so scripts and the simulator (plain tsx, no react-server) load it too.

/*
 * What the server says to a person (a field error, a refusal, an action's result) is built from a catalog key
 * and its values, never from a literal. `say` renders it in English, which is what the audit record, the logs and
 * every English test read, byte for byte as before; it also remembers which key and values made that text, so the
 * answer can be said again in the reader's language at the one place that answers (lib/actions: the action and
 * route wrappers), or in a form that checks with the same schema in the browser. Zod carries only strings in its
 * issues, so the text itself is the handle: the same English always comes from the same key and values.
 */

const CATALOGS = { actions: actionsEn, validation: validationEn };

type Leaves<T, P extends string> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** "actions.tasks.noTask", "validation.text.tooLong"…: every message of the two namespaces. */
export type MessageKey = Leaves<typeof CATALOGS, "">;

/** A message not yet rendered: a key and its values (a value may itself be a message, e.g. a field's label). */
export interface MessageRef {
  key: MessageKey;
  values?: MessageValues;
}
export type MessageValues = Record<string, string | number | MessageRef>;

/** Renders one catalog key in one language (next-intl's `t`, or createTranslator's). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export function messageRef(key: MessageKey, values?: MessageValues): MessageRef {
  return values ? { key, values } : { key };
}

/** The label a generic rule names a field by ("Reason", "Time zone"): said in the reader's language too. */
export function label(key: Leaves<typeof validationEn.labels, "">): MessageRef {
  return { key: `validation.labels.${key}` };
}

const english = createTranslator({
  locale: "en",
  messages: CATALOGS,
  // A key missing from the English catalog is a programming error, not something to show a person.
  onError: (error) => {
    throw error;
  },
}) as unknown as Translate;

// Bounded: values may be typed by a person (a TaskId in a refusal), so the table must not grow without end. A text
// that fell out is simply said in English, as everything was before.
const REMEMBERED = new Map<string, MessageRef>();
const MAX_REMEMBERED = 5_000;

/** The message in English (as the audit record keeps it), remembered so `localizeMessage` can say it again. */
export function say(key: MessageKey, values?: MessageValues): string {
  const ref = messageRef(key, values);
  const text = render(ref, english);
  if (!REMEMBERED.has(text)) {
    if (REMEMBERED.size >= MAX_REMEMBERED) REMEMBERED.delete(REMEMBERED.keys().next().value as string);
    REMEMBERED.set(text, ref);
  }
  return text;
}

/** A message in any language, given that language's translator. */
export function render(ref: MessageRef, t: Translate): string {
  if (!ref.values) return t(ref.key);
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(ref.values))
    values[name] = typeof value === "object" ? render(value, t) : value;
  return t(ref.key, values);
}

/**
 * A text the server produced, in the language of `t`: a text made by `say` is rendered again from its key;
 * anything else (Tencent's own message, a RequestId, a text made before the catalogs) comes back as it is.
 */
export function localizeMessage(text: string, t: Translate): string {
  const ref = REMEMBERED.get(text);
  if (!ref) return text;
  try {
    return render(ref, t);
  } catch {
    // A message missing or broken in that language (tests/i18n/catalog.test.ts prevents it): English, not a key.
    return text;
  }
}

/**
 * A form's field errors in the language of `t` (see localizeMessage). A page that parses its own search parameters
 * passes next-intl's root translator: `localizeFieldErrors(parsed.fieldErrors, await getTranslations())`.
 */
export function localizeFieldErrors(fieldErrors: Record<string, string[]>, t: Translate): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, messages]) => [field, messages.map((m) => localizeMessage(m, t))]),
  );
}
