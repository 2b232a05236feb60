import "server-only";
import compile from "icu-minify/compile";

/**
 * Inside the Next.js build, next-intl's formatter is the precompiled-message one (next.config.mjs,
 * `messages.precompile`): it reads icu-minify's compiled form, not ICU text. Catalogs imported from messages/ are
 * compiled by next-intl's loader; the ones read from disk (catalog.ts) must be compiled the same way. Outside the
 * build (vitest, tsx scripts) the full ICU formatter runs and takes the text as it is.
 */
export const FORMATTER_TAKES_COMPILED = process.env.NEXT_RUNTIME !== undefined;

type Tree = { [key: string]: string | Tree };

/** JSON-shaped, as next-intl's loader emits it: icu-minify builds plural options on null-prototype objects, which
 * React refuses to pass to client components. */
export function compileMessages<T>(messages: T): T {
  return JSON.parse(JSON.stringify(compileTree(messages as unknown as Tree))) as T;
}

function compileTree(messages: Tree): Tree {
  const walk = (node: Tree): Tree =>
    Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, typeof v === "string" ? (compile(v) as unknown as string) : walk(v)]),
    );
  return walk(messages);
}
