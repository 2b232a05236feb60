"use server";

import { formAction } from "@/lib/actions/define-action";
import { storeAccountLocale } from "@/lib/i18n/account-locale";
import { LocaleChoiceSchema } from "@/lib/i18n/locale-input";
import { rememberLocale } from "@/lib/i18n/locale-cookie";
import { recordableText } from "@/lib/validation/safe-text";

/**
 * The header's language switch: stored on the account (it follows the person to another browser) and in the
 * cookie (this browser's sign-in page speaks it too). A success is not audited: a display preference changes
 * nothing on the cloud account; a refused or invalid attempt is, by the wrapper, as for every action.
 */
export const setLocaleAction = formAction({
  name: "setLocaleAction",
  permission: "account:preferences",
  audit: "user.update",
  schema: LocaleChoiceSchema,
  attempt: (values) => ({ details: { operation: "locale", locale: recordableText(values.locale ?? "", 20) } }),
  handler: async ({ locale }, ctx) => {
    await storeAccountLocale(ctx.db, ctx.actor.userId, locale);
    await rememberLocale(locale);
    return { ok: true as const, locale };
  },
  // The whole tree re-renders in the new language, <html lang> included.
  revalidate: { paths: [["/", "layout"]] },
});
