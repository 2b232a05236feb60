import { z } from "zod";
import { say, type MessageRef } from "./messages";

/**
 * A whole number from a query string: plain decimal digits only. z.coerce.number() would also take "1e3",
 * " 12", "0x10" and "" (as 0), so a hand-edited URL could mean something other than what it shows.
 */
export function wholeNumberParam(label: MessageRef | string) {
  const message = say("validation.text.wholeNumber", { label });
  return z.preprocess(
    (v) => (typeof v === "string" && /^[0-9]{1,15}$/.test(v) ? Number(v) : v),
    z.number({ error: message }).int(message),
  );
}
