import type { Page } from "@playwright/test";
import { demoAccounts } from "./fixtures";

// "Nothing left in English on a zh-CN page except Tencent's own codes, messages and names" (issue 15), as a check.
//
// The allow-list comes from the page itself, not from a list of words: text the page marks as data is never
// checked, and its words may appear anywhere else on the page (a stream name in a sentence, a TaskId in an
// aria-label). Data is what sits inside <code>, <kbd>, <samp>, <pre>, a monospace element (font-mono: RecDesk shows
// every ID, name and code that way), an element marked translate="no" (HTML's own "do not translate this") or
// data-i18n-data, or one of the few test ids that hold values. Besides, a word passes when its shape says it is not
// prose: Tencent's codes and API names (dotted or CamelCase: ResourceNotFound.FreezeService, StopLiveRecord,
// TaskId), e-mails, URLs and paths, host and file names, identifiers with digits or underscores, and acronyms
// (ID, SSO, UTC, MP4, FLV…). Two words are allowed by name: the language switch names English in English and is
// labelled "Language / 语言" on purpose. Everything else made of Latin letters is reported, page by page.

const DATA_SELECTOR = [
  "code",
  "kbd",
  "samp",
  "pre",
  "var",
  ".font-mono",
  '[translate="no"]',
  "[data-i18n-data]",
  ...["request-id", "error-code", "task-id", "current-user-email", "job-reason", "audit-reason"].map(
    (id) => `[data-testid="${id}"]`,
  ),
].join(",");

/** Words a zh-CN page may show as they are, whatever the page's data. */
const ALLOWED_WORDS = new Set(["English", "Language"]);
/** Upper-case words that are English prose, not an acronym. */
const NOT_ACRONYMS = new Set(["OK", "NO", "YES", "ON", "OFF", "AND", "OR", "NEW", "ALL", "NONE"]);

interface Piece {
  text: string;
  where: string;
}

/** Every visible text node, attribute text and option on the page, split into prose and data. */
function collect(dataSelector: string): { prose: Piece[]; data: string[] } {
  const visible = (el: Element) =>
    typeof el.checkVisibility === "function" ? el.checkVisibility({ visibilityProperty: true }) : true;
  const describe = (el: Element) => {
    const id = el.closest("[data-testid]")?.getAttribute("data-testid");
    const tag = el.tagName.toLowerCase();
    return id ? `${tag} in [data-testid=${id}]` : tag;
  };
  const prose: Piece[] = [];
  const data: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.nodeValue ?? "").replace(/\s+/g, " ").trim();
    const el = node.parentElement;
    if (!text || !el || el.closest("script, style, noscript, template, select")) continue;
    if (!visible(el)) continue;
    if (el.closest(dataSelector)) data.push(text);
    else prose.push({ text, where: describe(el) });
  }
  for (const el of document.body.querySelectorAll(
    "[aria-label], [title], [placeholder], [alt], [aria-description], [aria-roledescription]",
  )) {
    // A visually hidden element (sr-only) still counts: a screen reader speaks it.
    if (!visible(el) && el.getAttribute("aria-hidden") !== "false") continue;
    for (const attr of ["aria-label", "title", "placeholder", "alt", "aria-description", "aria-roledescription"]) {
      const value = el.getAttribute(attr)?.replace(/\s+/g, " ").trim();
      if (!value) continue;
      if (el.closest(dataSelector)) data.push(value);
      else prose.push({ text: value, where: `${describe(el)} @${attr}` });
    }
  }
  for (const select of document.body.querySelectorAll("select")) {
    if (!visible(select)) continue;
    for (const option of select.options) {
      const text = option.text.replace(/\s+/g, " ").trim();
      if (!text) continue;
      if (select.closest(dataSelector)) data.push(text);
      else prose.push({ text, where: `option in ${describe(select)}` });
    }
  }
  for (const input of document.body.querySelectorAll<HTMLInputElement>('input[type="submit"], input[type="button"]')) {
    if (visible(input) && input.value.trim()) prose.push({ text: input.value.trim(), where: describe(input) });
  }
  if (document.title) prose.push({ text: document.title, where: "<title>" });
  // The page's own links name its data: a stream's domain, app and name, a TaskId, a filter value.
  for (const a of document.body.querySelectorAll<HTMLAnchorElement>("a[href]")) {
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin) continue;
    for (const segment of url.pathname.split("/")) if (segment) data.push(decodeURIComponent(segment));
    for (const value of url.searchParams.values()) if (value) data.push(value);
  }
  return { prose, data };
}

const TOKEN = /[A-Za-z0-9][A-Za-z0-9._\-@/+:'’]*/g;

function tokens(text: string): string[] {
  return (text.match(TOKEN) ?? []).map((t) => t.replace(/[.:'’\-/]+$/, "")).filter((t) => /[A-Za-z]/.test(t));
}

/** Whether a Latin-letter word is allowed by its shape alone (see the top of this file). */
function allowedByShape(word: string): boolean {
  if (ALLOWED_WORDS.has(word)) return true;
  if (/^https?:/i.test(word) || word.includes("@") || word.includes("/") || word.includes("_")) return true;
  // Dotted: Tencent's error codes, audit action codes, host and file names (but not an abbreviation like "e.g").
  if (/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(word) && !/^([a-z]\.)+[a-z]$/i.test(word)) return true;
  // CamelCase with a capital inside: API and parameter names, RecDesk, RecordTask.
  if (/[a-z][A-Z]/.test(word)) return true;
  // A digit inside: IDs, hashes, MP4, H.264 (a number with an English unit, "24h" or "5min", is prose).
  if (/\d/.test(word) && !/^\d+(ms|s|sec|min|mins|h|hr|hrs|d|days?)$/i.test(word)) return true;
  if (/^[A-Z]{2,6}s?$/.test(word) && !NOT_ACRONYMS.has(word)) return true;
  return false;
}

export interface Leftover {
  word: string;
  /** The first text the word was seen in, and where. */
  text: string;
  where: string;
}

/** People's names are data: the demo accounts' names show in the header and on /users. */
const DEMO_NAMES = Object.values(demoAccounts).map((a) => a.name);

/**
 * The English words a zh-CN page still shows (one entry per distinct word), beyond what its data and the allowed
 * shapes explain. `knownData` adds values the test itself put on the page, e.g. Tencent's message for a fault it
 * injected or the reason it typed.
 */
export async function englishLeftovers(page: Page, knownData: string[] = []): Promise<Leftover[]> {
  const { prose, data } = await page.evaluate(collect, DATA_SELECTOR);
  const dataTexts = [...data, ...DEMO_NAMES, ...knownData];
  const dataWords = new Set(dataTexts.flatMap(tokens));
  const found = new Map<string, Leftover>();
  for (const piece of prose) {
    // A whole text that is data shown elsewhere (a stream name as a link, a reason in a table cell).
    if (dataTexts.includes(piece.text)) continue;
    // A text that quotes data the test knows (Tencent's message after the code).
    let text = piece.text;
    for (const known of knownData) if (known) text = text.split(known).join(" ");
    for (const word of tokens(text)) {
      if (dataWords.has(word) || allowedByShape(word) || found.has(word)) continue;
      found.set(word, { word, text: piece.text.slice(0, 120), where: piece.where });
    }
  }
  return [...found.values()];
}

/** One line per page (`brief`), or one more line per word with the text it was seen in and where. */
export function formatLeftovers(name: string, leftovers: Leftover[], brief = false): string {
  if (!leftovers.length) return `${name}: nothing left in English`;
  if (brief) return `${name}: ${leftovers.length} English word(s): ${leftovers.map((l) => l.word).join(", ")}`;
  return [
    `${name}: ${leftovers.length} English word(s): ${leftovers.map((l) => l.word).join(", ")}`,
    ...leftovers.map((l) => `    ${l.word}  ← "${l.text}" (${l.where})`),
  ].join("\n");
}
