import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { MESSAGES_FOLDER, readCatalog } from "@/lib/i18n/catalog";
import { LOCALES } from "@/lib/i18n/locales";

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
      for (const [key, message] of leaves(messages)) {
        // Each message also gets the arguments only it takes (a count, a tag): a number, or a tag that keeps its text.
        const values: Record<string, unknown> = { ...sample };
        for (const [, tag] of String(message).matchAll(/<(\w+)>/g))
          if (tag) values[tag] = (chunks: unknown) => [chunks].flat().join("");
        for (let tries = 0; tries < 20; tries++) {
          const before = problems.length;
          t.markup(key as never, values as never);
          const missing = problems.slice(before).map((p) => /variable "([^"]+)" was not provided/.exec(p)?.[1]);
          if (missing.length !== 1 || !missing[0]) break;
          const name = missing[0];
          problems.length = before;
          values[name] = 1;
        }
      }
      expect(problems).toEqual([]);
    }
  });
});
