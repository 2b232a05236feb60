import fs from "node:fs";
import path from "node:path";
import { test } from "@playwright/test";
import { createTranslator } from "next-intl";

// The Chinese the zh-CN journeys expect, read from the catalogs at run time instead of written into the spec:
// each area keeps its own namespace file (messages/<locale>/<ns>.json), and the journeys must not care which file
// a string landed in or how the translator worded it. An entry is found by its English: every key whose English
// renders exactly as the text the English pages show today (same values) gives the Chinese at the same key.

type Tree = { [key: string]: string | Tree };
type Values = Record<string, string | number | Date>;

const MESSAGES = path.join(process.cwd(), "messages");

function readCatalog(locale: string): Tree {
  const dir = path.join(MESSAGES, locale);
  const tree: Tree = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    tree[file.slice(0, -".json".length)] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Tree;
  }
  return tree;
}

/** Every string of a tree with its path (a key may itself hold a dot, e.g. an error code). */
function leaves(tree: Tree, prefix: string[] = []): { path: string[]; text: string }[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [{ path: [...prefix, k], text: v }] : leaves(v, [...prefix, k]),
  );
}

function at(tree: Tree, path: string[]): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const k of path) node = typeof node === "object" ? node[k] : undefined;
  return typeof node === "string" ? node : undefined;
}

const en = readCatalog("en");
const zh = readCatalog("zh-CN");
const enLeaves = leaves(en);
const FAILED = "\u0000";

/** One ICU message rendered for a language with the values, or undefined when it needs what it was not given. */
function render(locale: string, message: string, values?: Values): string | undefined {
  if (!values && !message.includes("{")) return message;
  try {
    const t = createTranslator({
      locale,
      messages: { m: message },
      onError: () => {},
      getMessageFallback: () => FAILED,
    });
    const out = (t as unknown as (k: string, v?: Values) => string)("m", values);
    return out.includes(FAILED) ? undefined : out;
  } catch {
    return undefined;
  }
}

/** The zh-CN text of one key ("ns.a.b"), or undefined when its namespace or key is not there yet. */
export function zhKey(key: string, values?: Values): string | undefined {
  const message = at(zh, key.split("."));
  return message === undefined ? undefined : render("zh-CN", message, values);
}

/**
 * Every distinct zh-CN text whose English (same key, same values) is exactly `english`; empty when no catalog
 * holds that English yet (the area is not translated on this branch).
 */
export function zhOf(english: string, values?: Values): string[] {
  const found = new Set<string>();
  for (const leaf of enLeaves) {
    if (render("en", leaf.text, values) !== english) continue;
    const message = at(zh, leaf.path);
    const chinese = message === undefined ? undefined : render("zh-CN", message, values);
    if (chinese !== undefined) found.add(chinese);
  }
  return [...found];
}

const stripTags = (message: string) => message.replace(/<\/?[A-Za-z][\w-]*\s*\/?>/g, "");
/** The literal start of a message: up to its first argument, without markup. */
const literalStart = (message: string) => stripTags(message).split("{")[0]!.trim();

/**
 * The zh-CN literal start of every entry whose English (markup removed) starts with `english`: for a sentence
 * that is only the start of a longer message with arguments ("OK — chain intact." of "OK — chain intact. {checked}
 * records checked…").
 */
export function zhStartOf(english: string): string[] {
  const found = new Set<string>();
  for (const leaf of enLeaves) {
    if (!stripTags(leaf.text).startsWith(english)) continue;
    const message = at(zh, leaf.path);
    const start = message === undefined ? "" : literalStart(message);
    if (start) found.add(start);
  }
  return [...found];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A pattern matching any of the Chinese texts, whole (`exact`) or anywhere in the text. */
export function anyOf(texts: string[], exact = false): RegExp {
  const body = texts.map(escape).join("|");
  return new RegExp(exact ? `^(?:${body})$` : `(?:${body})`);
}

/**
 * The Chinese for an English text, or undefined after noting on the test (and in the run's output) that the
 * assertion was skipped because no catalog translates it yet: the integrator sees which ones are still missing.
 */
export function zhOrNote(english: string, values?: Values): RegExp | undefined {
  const texts = zhOf(english, values);
  if (texts.length) return anyOf(texts);
  const starts = values ? [] : zhStartOf(english);
  if (starts.length) return anyOf(starts);
  const description = `no catalog translates ${JSON.stringify(english)} yet: its Chinese assertion was skipped`;
  test.info().annotations.push({ type: "i18n-gap", description });
  console.log(`[i18n-gap] ${test.info().title}: ${description}`);
  return undefined;
}
