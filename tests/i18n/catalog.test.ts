import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import formatCompiled from "use-intl/format-message/format-only";
import { MESSAGES_FOLDER, readCatalog } from "@/lib/i18n/catalog";
import { compileMessages } from "@/lib/i18n/precompile";
import { LOCALES } from "@/lib/i18n/locales";

/** A value for every argument and tag an English message takes (a plural gets a number, a tag a function). */
function argumentsOf(message: unknown): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const visit = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument) args[el.value] ??= "x";
      else if (el.type === TYPE.number || el.type === TYPE.plural) args[el.value] = 2;
      else if (el.type === TYPE.date || el.type === TYPE.time) args[el.value] = new Date(0);
      else if (el.type === TYPE.select) args[el.value] ??= "other";
      else if (el.type === TYPE.tag) args[el.value] = (chunks: unknown) => chunks;
      if (el.type === TYPE.select || el.type === TYPE.plural)
        for (const option of Object.values(el.options)) visit(option.value);
      if (el.type === TYPE.tag) visit(el.children);
    }
  };
  if (typeof message === "string") visit(parse(message));
  return args;
}

/** Every leaf key of a catalog as "namespace.a.b", with its message. */
function leaves(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else out.set(prefix, value);
  return out;
}

describe("the catalogs (messages/<locale>/<namespace>.json)", () => {
  it("every language has a folder, and nothing else is there", () => {
    const folders = fs
      .readdirSync(MESSAGES_FOLDER, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual([...LOCALES].sort());
  });

  it("the loader merges one namespace per file, named after it", async () => {
    const en = await readCatalog("en");
    const files = fs
      .readdirSync(path.join(MESSAGES_FOLDER, "en"))
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.replace(/\.json$/, ""));
    expect(Object.keys(en).sort()).toEqual(files.sort());
    expect(en.shell).toMatchObject({ signOut: "Sign out" });
  });

  it("every language has exactly the same keys as English, each a non-empty string", async () => {
    const english = leaves(await readCatalog("en"));
    for (const locale of LOCALES) {
      const other = leaves(await readCatalog(locale));
      expect([...other.keys()].sort(), `${locale} keys`).toEqual([...english.keys()].sort());
      for (const [key, message] of other) {
        expect(typeof message === "string" && message.trim().length > 0, `${locale} ${key}`).toBe(true);
      }
    }
  });

  it("every message is valid ICU and formats with the arguments the English one takes", async () => {
    for (const locale of LOCALES) {
      const messages = await readCatalog(locale);
      const problems: string[] = [];
      const t = createTranslator({
        locale,
        messages,
        onError: (error) => problems.push(`${locale}: ${error.message}`),
      });
      const sample = {
        digest: "d1",
        email: "a@b.c",
        seconds: 5,
        time: "00:00:00",
        max: 256,
        type: "X",
        field: "email",
        detail: "d",
      };
      const english = leaves(await readCatalog("en"));
      for (const key of leaves(messages).keys())
        t(key as never, { ...argumentsOf(english.get(key)), ...sample } as never);
      expect(problems).toEqual([]);
    }
  });

  // The production build formats compiled messages with next-intl's small formatter (next.config.mjs,
  // `messages.precompile`); vitest and scripts use the full ICU formatter. Both must say the same thing.
  it("every message reads the same compiled for the browser as through the full ICU formatter", async () => {
    const formatters = {
      getDateTimeFormat: (...a: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...a),
      getNumberFormat: (...a: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...a),
      getPluralRules: (...a: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...a),
    };
    const english = leaves(await readCatalog("en"));
    let compared = 0;
    for (const locale of LOCALES) {
      const raw = await readCatalog(locale);
      const compiled = compileMessages(raw);
      // A compiled message is an array (or a plain string), so it is looked up by its key, not listed as a leaf.
      const compiledAt = (key: string) =>
        key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], compiled);
      const t = createTranslator({ locale, messages: raw, timeZone: "UTC" });
      for (const [key, message] of leaves(raw)) {
        const args = { ...argumentsOf(english.get(key)), ...argumentsOf(message) };
        // Plural arguments at 0, 1 and many, so every branch a language has is read at least once.
        for (const n of [0, 1, 2, 1234]) {
          const values = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === "number" ? n : v]));
          const full = typeof message === "string" ? t.markup(key as never, values as never) : message;
          const small = formatCompiled(
            key,
            compiledAt(key) as never,
            values as never,
            {
              formatters,
              locale,
              timeZone: "UTC",
            } as never,
          );
          expect(Array.isArray(small) ? small.join("") : small, `${locale} ${key} (${n})`).toBe(full);
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
