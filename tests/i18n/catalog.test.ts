import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { MESSAGES_FOLDER, readCatalog } from "@/lib/i18n/catalog";
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
});
