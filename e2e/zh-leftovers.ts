import type { Page } from "@playwright/test";
import { demoAccounts } from "./fixtures";
import { judgeLeftovers, type Leftover, type Piece } from "./zh-leftovers-judge";

export { formatLeftovers, type Leftover } from "./zh-leftovers-judge";

// "Nothing left in English on a zh-CN page except Tencent's own codes, messages and names" (issue 15), as a check.
//
// The allow-list comes from the page itself, not from a list of words: text the page marks as data is never
// checked, and its words may appear anywhere else on the page (a stream name in a sentence, a TaskId in an
// aria-label). Data is what sits inside <code>, <kbd>, <samp>, <pre>, a monospace element (font-mono: RecDesk shows
// every ID, name and code that way), an element marked translate="no" (HTML's own "do not translate this") or
// data-i18n-data, or one of the few test ids that hold values; and the path segments and query values of the page's
// own links (a stream's domain, app and name). The test adds what it knows is data: the demo accounts' names, the
// reasons it typed, Tencent's message for a fault it injected. Besides, a word passes when its shape says it is not
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

/**
 * Demo data the seed puts on pages: the demo accounts' names (header, /users) and the seeded tasks' creator.
 */
const DEMO_DATA = [...Object.values(demoAccounts).map((a) => a.name), "simulator (demo seed)"];

/**
 * The English words a zh-CN page still shows (one entry per distinct word), beyond what its data and the allowed
 * shapes explain. `knownData` adds values the test itself put on the page, e.g. Tencent's message for a fault it
 * injected or the reason it typed.
 */
export async function englishLeftovers(page: Page, knownData: string[] = []): Promise<Leftover[]> {
  const { prose, data } = await page.evaluate(collect, DATA_SELECTOR);
  return judgeLeftovers(prose, data, [...DEMO_DATA, ...knownData]);
}
