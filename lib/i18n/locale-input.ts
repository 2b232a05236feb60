import { z } from "zod";
import { LOCALES } from "./locales";

/** What both language switches send: one of the languages this build speaks. */
export const LocaleChoiceSchema = z.object({
  locale: z.enum(LOCALES, { error: `Choose one of: ${LOCALES.join(", ")}` }),
});
