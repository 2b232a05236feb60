import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { MESSAGES_FOLDER, readCatalog, type Messages } from "@/lib/i18n/catalog";
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
    const english = await readCatalog("en");
    for (const locale of LOCALES) {
      const messages = await readCatalog(locale);
      const problems: string[] = [];
      const t = createTranslator({
        locale,
        messages,
        onError: (error) => problems.push(`${locale}: ${error.message}`),
      });
      for (const key of leaves(messages).keys()) t(key as never, englishArguments(english, key) as never);
      expect(problems).toEqual([]);
    }
  });
});

// Arguments every message may take. On top of these, each message gets those its English form asks for.
const SAMPLE = {
  digest: "d1",
  email: "a@b.c",
  seconds: 5,
  time: "00:00:00",
  max: 256,
  type: "X",
  field: "email",
  detail: "d",
};

/**
 * The arguments the English message `key` takes, found by formatting it until it stops asking: each missing
 * argument becomes a number (which also suits a plural), each rich-text tag a function.
 */
function englishArguments(english: Messages, key: string): Record<string, unknown> {
  const args: Record<string, unknown> = { ...SAMPLE };
  for (let round = 0; round < 50; round++) {
    const problems: string[] = [];
    createTranslator({ locale: "en", messages: english, onError: (e) => problems.push(e.message) })(
      key as never,
      args as never,
    );
    const found = problems
      .map((p) => /variable "([^"]+)" was not provided|Value for "([^"]+)" must be of type function/.exec(p))
      .find((m) => m !== null);
    if (!found) return args;
    if (found[1]) args[found[1]] = 5;
    else args[found[2]!] = (chunks: unknown[]) => chunks.join("");
  }
  return args;
}
