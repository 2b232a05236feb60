"use server";

import { actionFailure, formValues, type ActionResult } from "@/lib/action-result";
import { LocaleChoiceSchema } from "@/lib/i18n/locale-input";
import { rememberLocale } from "@/lib/i18n/locale-cookie";
import { answerLocale, localizeText } from "@/lib/actions/localize";
import { say } from "@/lib/validation/messages";

/**
 * The sign-in page's language switch. Public by design (nobody is signed in yet): it only sets this browser's
 * language cookie, writes nothing to the database and calls nothing upstream.
 */
export async function setVisitorLocaleAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ locale: string }>> {
  const parsed = LocaleChoiceSchema.safeParse({ locale: formValues(formData).locale });
  if (!parsed.success)
    return actionFailure(
      "InvalidInput",
      await localizeText(say("actions.common.chooseLanguage"), await answerLocale()),
    );
  await rememberLocale(parsed.data.locale);
  return { ok: true, locale: parsed.data.locale };
}
