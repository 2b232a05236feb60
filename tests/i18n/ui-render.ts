import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider, createTranslator } from "next-intl";
import { readCatalog } from "@/lib/i18n/catalog";
import type { Locale } from "@/lib/i18n/locales";

/** A component's HTML in one language, with every catalog (as the root layout gives the client). */
export async function renderIn(locale: Locale, element: ReactElement): Promise<string> {
  const messages = await readCatalog(locale);
  const provider = { locale, messages, timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, provider, element));
}

/** The visible text of some HTML, tags dropped and entities read. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");
}

/** A translator with string keys: the catalogs are read at run time, so their keys have no static types. */
export interface LooseTranslator {
  (key: string, values?: Record<string, unknown>): string;
  markup(key: string, values: Record<string, unknown>): string;
  has(key: string): boolean;
}

export async function translator(locale: Locale, namespace: string): Promise<LooseTranslator> {
  return createTranslator({ locale, messages: await readCatalog(locale), namespace }) as unknown as LooseTranslator;
}
