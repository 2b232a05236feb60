import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { pageAccess } from "@/lib/auth/page-access";
import { getDb } from "@/lib/db";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { getOnlineStreamCache } from "@/lib/streams/online-cache";
import { StreamsQuerySchema } from "@/lib/streams/query";
import { buildStreamsPage } from "@/lib/streams/streams-page";
import { StreamsView } from "./streams-view";
import { AccessDenied } from "@/components/ui/access-denied";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("streams"))("title") };
}

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function StreamsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const auth = await pageAccess("streams:view");
  const t = await getTranslations("streams");
  if (!auth.ok) return <AccessDenied title={t("title")} {...auth.denied} />;
  const raw = await searchParams;
  const single = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  // A hand-edited link with a bad value falls back to the defaults instead of failing the page.
  const parsed = StreamsQuerySchema.safeParse(single);
  const query = parsed.success
    ? parsed.data
    : (StreamsQuerySchema.safeParse({ q: single.q }).data ?? StreamsQuerySchema.parse({}));
  // The first page arrives with the HTML, so the table is usable without waiting for a client fetch.
  const locale = await getLocale();
  const initialData = await buildStreamsPage(
    getDb,
    await getOnlineStreamCache().read(),
    query,
    isLocale(locale) ? locale : DEFAULT_LOCALE,
  );
  return <StreamsView key={JSON.stringify(query)} initialQuery={query} initialData={initialData} />;
}
