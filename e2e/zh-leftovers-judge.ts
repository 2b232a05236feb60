// The judging half of e2e/zh-leftovers.ts: plain functions (no browser, no Playwright), so vitest checks them
// (tests/i18n/journeys-leftovers.test.ts). What is allowed and why: see the top of e2e/zh-leftovers.ts.

/**
 * Words a zh-CN page may show as they are, whatever the page's data: the language switch names English in English
 * and is labelled "Language / 语言"; "live" is Tencent's default AppName (推流路径), a value ("默认为 live").
 */
const ALLOWED_WORDS = new Set(["English", "Language", "live"]);
/** File and stream formats, in any case: Tencent's templates name them in lower case ("hls_vod — hls"). */
const FORMATS = new Set(["MP4", "FLV", "HLS", "AAC", "MP3", "M3U8", "TS", "MOV", "JPG", "PNG", "RTMP", "WEBRTC"]);
/** Upper-case words that are English prose, not an acronym. */
const NOT_ACRONYMS = new Set(["OK", "NO", "YES", "ON", "OFF", "AND", "OR", "NEW", "ALL", "NONE"]);

export interface Piece {
  text: string;
  where: string;
}

const TOKEN = /[A-Za-z0-9][A-Za-z0-9._\-@/+:'’]*/g;

function tokens(text: string): string[] {
  return (text.match(TOKEN) ?? []).map((t) => t.replace(/[.:'’\-/]+$/, "")).filter((t) => /[A-Za-z]/.test(t));
}

/** Whether a Latin-letter word is allowed by its shape alone (see the top of e2e/zh-leftovers.ts). */
function allowedByShape(word: string): boolean {
  if (ALLOWED_WORDS.has(word) || FORMATS.has(word.toUpperCase())) return true;
  // A formula or a single capital: the mix-stream layout "混流（A+B=C）", a label "A" in a diagram.
  if (word.includes("+") || /^[A-Z]$/.test(word)) return true;
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

/**
 * The English words among a page's prose (one entry per distinct word), beyond what its data and the allowed
 * shapes explain. `data` is the text the page marks as data plus what the test knows is data.
 */
export function judgeLeftovers(prose: Piece[], data: string[], knownData: string[] = []): Leftover[] {
  const dataTexts = [...data, ...knownData];
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
