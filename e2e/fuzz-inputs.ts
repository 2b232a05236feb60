import fc from "fast-check";

// Generators of bad input for the fuzz journey (fuzz.spec.ts). Each request they build carries at least one value
// that some rule at the edge must refuse, so every answer has to be a field error or a refusal, and nothing may
// reach the Live API simulator.

/** Characters no typed text may carry (lib/validation/safe-text.ts), including lone surrogates of both halves. */
export const FORBIDDEN_CHARS = [
  "\u0000",
  "\u0001",
  "\u0007",
  "\u000B",
  "\u001B",
  "\u007F",
  "\u0080",
  "\u0085",
  "\u009F",
  "\u2028",
  "\u2029",
  "\u202E",
  "\u2066",
  "\uD800",
  "\uDBFF",
  "\uDC00",
  "\uDFFF",
  "\uD83D",
];
/** Refused in single-line fields only: a textarea may keep them. */
export const LINE_CHARS = ["\t", "\n", "\r"];

/** TaskIds that are not a decimal 1..2^64−1 without sign, spaces or leading zeros. */
export const BAD_TASK_IDS = [
  "0",
  "-1",
  "18446744073709551616",
  "99999999999999999999",
  "1e3",
  " 12",
  "12 ",
  "0x10",
  "+7",
  "1.0",
  "007",
  "",
  "١٢",
  "１２",
  "߁",
  "๑๒",
  "12\u0000",
  "1\uD800",
  "9".repeat(30),
  "NaN",
  "Infinity",
  "1_000",
];

// Inside the text, not at its ends: white space and line breaks at the ends are trimmed away, legitimately.
const around = (inner: fc.Arbitrary<string>) =>
  fc.tuple(fc.string({ maxLength: 12 }), inner, fc.string({ maxLength: 12 })).map(([a, c, b]) => `${a}x${c}y${b}`);

/** Text that breaks the shared rule wherever it goes: a forbidden character somewhere, or far too long. */
export function badText(opts: { multiline?: boolean; utf8Only?: boolean } = {}): fc.Arbitrary<string> {
  // A URL or a form body cannot carry a lone surrogate: the client's encoder or the server's decoder makes it
  // U+FFFD, a legitimate character. There only the rest is bad; JSON bodies carry lone surrogates as they are.
  const forbidden = opts.utf8Only ? FORBIDDEN_CHARS.filter((c) => !/\p{Cs}/u.test(c)) : FORBIDDEN_CHARS;
  const chars = opts.multiline ? forbidden : [...forbidden, ...LINE_CHARS];
  // Past every maximum (the largest is 500 code points); a URL stays under Node's 16 KB request-line limit.
  const longest = opts.utf8Only ? 2_000 : 20_000;
  const fillers = opts.utf8Only ? ["x", "\u{1F600}", "\u0000"] : ["x", "\u{1F600}", "\uD83D", "\u0000"];
  return fc.oneof(
    { weight: 6, arbitrary: around(fc.constantFrom(...chars)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: 600, max: longest }), fc.constantFrom(...fillers))
        .map(([n, c]) => c.repeat(n)),
    },
  );
}

export const badTaskId = (opts: { utf8Only?: boolean } = {}): fc.Arbitrary<string> =>
  fc.oneof(fc.constantFrom(...BAD_TASK_IDS), badText(opts));

/** Values of the wrong JSON type where a string or a structure is wanted: never valid anywhere they are used. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
  fc.bigInt({ min: 2n ** 64n, max: 2n ** 70n }),
);

/** Anything at all, objects included, for arguments an action ignores or must refuse whole. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  wrongType,
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** A field of a form: its valid value, and how to break it. */
export type FieldSpec = { valid: string; bad: fc.Arbitrary<string> };

/**
 * A form in which one field (chosen by the generator) is bad and every other is valid or also bad, so the
 * request as a whole must be refused; sometimes the bad field is left out or sent as a file instead.
 */
export function badForm(
  fields: Record<string, FieldSpec>,
  required: string[],
): fc.Arbitrary<Record<string, string | Blob | undefined>> {
  const names = Object.keys(fields);
  return fc
    .tuple(
      fc.constantFrom(...names),
      fc.record(
        Object.fromEntries(
          names.map((n) => [
            n,
            fc.oneof({ weight: 4, arbitrary: fc.constant(fields[n]!.valid) }, { weight: 1, arbitrary: fields[n]!.bad }),
          ]),
        ),
      ),
      fc.nat(9),
    )
    .chain(([broken, others, how]) =>
      fields[broken]!.bad.map((bad) => {
        const form: Record<string, string | Blob | undefined> = { ...others, [broken]: bad };
        // Missing, or a file where text belongs: both count as absent, which only a required field refuses.
        if (how === 0 && required.includes(broken)) form[broken] = undefined;
        if (how === 1 && required.includes(broken)) form[broken] = new Blob([bad]);
        return form;
      }),
    );
}

export function toFormData(fields: Record<string, string | Blob | undefined>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) fd.append(k, v);
  return fd;
}

/** Percent-encodes as a browser would, plus raw bytes no UTF-8 decoder accepts (they arrive as U+FFFD). */
export function queryValue(value: string, rawBytes = false): string {
  const encoded = [...new TextEncoder().encode(value)]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
  return rawBytes ? `${encoded}%ED%A0%80%C0%80%FF` : encoded;
}
