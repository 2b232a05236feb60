import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { Locale } from "./locales";
import { compileMessages, FORMATTER_TAKES_COMPILED } from "./precompile";

/** One folder per language, one JSON file per namespace (messages/en/shell.json is the "shell" namespace). */
export const MESSAGES_FOLDER = path.join(process.cwd(), "messages");

export type Messages = Record<string, Record<string, unknown>>;

const loaded = new Map<Locale, Promise<Messages>>();

/**
 * Every namespace of a language, merged into one object keyed by file name. Read from disk rather than imported,
 * so a new feature adds its own file without touching a shared index (no merge conflicts between features);
 * kept per process in production, re-read in development so edits show on the next request.
 */
export function loadMessages(locale: Locale): Promise<Messages> {
  if (process.env.NODE_ENV === "development") return readCatalog(locale);
  let messages = loaded.get(locale);
  if (!messages) {
    messages = readCatalog(locale);
    loaded.set(locale, messages);
    messages.catch(() => loaded.delete(locale));
  }
  return messages;
}

// The turbopackIgnore comments keep the build from tracing the whole project into the standalone output for these
// reads: messages/ is copied next to server.js on purpose instead (Dockerfile, scripts/standalone-server.sh).
export async function readCatalog(locale: Locale, folder = MESSAGES_FOLDER): Promise<Messages> {
  const dir = path.join(/*turbopackIgnore: true*/ folder, locale);
  const files = (await fs.readdir(/*turbopackIgnore: true*/ dir)).filter((f) => f.endsWith(".json")).sort();
  const messages: Messages = {};
  for (const file of files) {
    const text = await fs.readFile(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ dir, file), "utf8");
    messages[file.slice(0, -".json".length)] = JSON.parse(text) as Record<string, unknown>;
  }
  return FORMATTER_TAKES_COMPILED ? compileMessages(messages) : messages;
}
