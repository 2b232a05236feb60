import { createTranslator } from "next-intl";
import { getLocale } from "next-intl/server";
import type { LiveErrorExplanation } from "@/lib/action-result";
import { loadMessages } from "@/lib/i18n/catalog";
import { localizeExplanation } from "@/lib/i18n/live-errors";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { localizeMessage, type Translate } from "@/lib/validation/messages";

/*
 * The one place where what an action or a route answers a person is said in that person's language (the action
 * and route wrappers call it): the message, the field errors and the explanation. Only the answer changes; the
 * audit record was written before, in English, from the same texts (lib/validation/messages.ts).
 */

/** The request's language (next-intl's, as the page has it); English wherever there is no request to ask. */
export async function answerLocale(): Promise<Locale> {
  try {
    const locale = await getLocale();
    return isLocale(locale) ? locale : DEFAULT_LOCALE;
  } catch (err) {
    if (isNextSignal(err)) throw err;
    return DEFAULT_LOCALE;
  }
}

/** Renders catalog keys in `locale` (none for English: the texts already are English). */
export async function translatorFor(locale: Locale): Promise<Translate | undefined> {
  if (locale === DEFAULT_LOCALE) return undefined;
  return createTranslator({
    locale,
    messages: await loadMessages(locale),
    // Thrown, so localizeMessage falls back to the English text rather than showing a key.
    onError: (error) => {
      throw error;
    },
  }) as unknown as Translate;
}

interface Answer {
  ok: boolean;
  message?: unknown;
  fieldErrors?: unknown;
  explanation?: LiveErrorExplanation;
}

/** An action's answer in `locale`: English answers (and successes without words) come back untouched. */
export async function localizeAnswer<A>(answer: A, locale: Locale): Promise<A> {
  if (locale === DEFAULT_LOCALE || !answer || typeof answer !== "object") return answer;
  const t = await translatorFor(locale);
  if (!t) return answer;
  const a = answer as A & Answer;
  const out: Answer = { ...a };
  if (typeof a.message === "string") out.message = localizeMessage(a.message, t);
  if (a.fieldErrors && typeof a.fieldErrors === "object")
    out.fieldErrors = localizeFieldErrorsIn(a.fieldErrors as Record<string, unknown>, t);
  if (a.explanation) out.explanation = localizeExplanation(a.explanation, locale);
  return out as A;
}

function localizeFieldErrorsIn(fieldErrors: Record<string, unknown>, t: Translate): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, messages]) => [
      field,
      Array.isArray(messages) ? messages.map((m) => (typeof m === "string" ? localizeMessage(m, t) : m)) : messages,
    ]),
  );
}

/** One text in `locale` (a route's own message, for instance). */
export async function localizeText(text: string, locale: Locale): Promise<string> {
  const t = await translatorFor(locale);
  return t ? localizeMessage(text, t) : text;
}

// Next signals dynamic rendering by throwing; that must pass through untouched.
function isNextSignal(err: unknown): boolean {
  const digest = (err as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_") || digest === "DYNAMIC_SERVER_USAGE");
}
