import { z } from "zod";
import { label, say } from "@/lib/validation/messages";
import { safeText } from "@/lib/validation/safe-text";
import { wholeNumberParam } from "@/lib/validation/whole-number";
import type { OnlineStream } from "@/lib/tencent-live/types";
import { forEachNameMatch, nameSearchText, type NameSearchText } from "./name-search";
import { PAGE_SIZES, type StreamSort } from "./types";

// Pure: indexes one sweep once, then answers every viewer's filter/sort/page from the index, so a
// request over 20,000 streams is a single linear scan with no sorting, and a search a few indexOf calls over
// the names joined once per sweep (./name-search.ts): the search box asks on every keystroke.

export interface IndexedStream {
  domainName: string;
  appName: string;
  streamName: string;
  publishTimes: string[];
  publishingSince: string | null;
  nameLower: string;
}

export interface StreamIndex {
  /** Longest-publishing first; streams without a publish time last. */
  ageDesc: IndexedStream[];
  /** Newest first; streams without a publish time last. */
  ageAsc: IndexedStream[];
  /** The lower-cased names in each order, for the search box. */
  ageDescNames: NameSearchText;
  ageAscNames: NameSearchText;
  domains: string[];
  apps: string[];
}

export function indexStreams(streams: readonly OnlineStream[]): StreamIndex {
  const known: (IndexedStream & { sinceMs: number })[] = [];
  const unknown: IndexedStream[] = [];
  const domains = new Set<string>();
  const apps = new Set<string>();
  for (const s of streams) {
    domains.add(s.domainName);
    apps.add(s.appName);
    // Tencent lists one publish time per push session; the earliest is when this stream went live.
    let sinceMs = Infinity;
    let since: string | null = null;
    for (const t of s.publishTimes) {
      const ms = Date.parse(t);
      if (Number.isFinite(ms) && ms < sinceMs) {
        sinceMs = ms;
        since = t;
      }
    }
    const entry = {
      domainName: s.domainName,
      appName: s.appName,
      streamName: s.streamName,
      publishTimes: s.publishTimes,
      publishingSince: since,
      nameLower: s.streamName.toLowerCase(),
    };
    if (since === null) unknown.push(entry);
    else known.push({ ...entry, sinceMs });
  }
  known.sort((a, b) => a.sinceMs - b.sinceMs || a.nameLower.localeCompare(b.nameLower));
  const ageDesc = [...known, ...unknown];
  const ageAsc = [...known.slice().reverse(), ...unknown];
  const byName = (a: string, b: string) => a.localeCompare(b);
  return {
    ageDesc,
    ageAsc,
    ageDescNames: nameSearchText(ageDesc.map((s) => s.nameLower)),
    ageAscNames: nameSearchText(ageAsc.map((s) => s.nameLower)),
    domains: [...domains].sort(byName),
    apps: [...apps].sort(byName),
  };
}

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The viewer's question, as it arrives in the query string of /api/streams and of /streams. */
export const StreamsQuerySchema = z.object({
  q: z.preprocess(blankToUndefined, safeText({ label: label("search"), max: 256 }).optional()),
  domain: z.preprocess(blankToUndefined, safeText({ label: label("domain"), max: 253 }).optional()),
  app: z.preprocess(blankToUndefined, safeText({ label: label("app"), max: 128 }).optional()),
  sort: z.preprocess(blankToUndefined, z.enum(["age-desc", "age-asc"]).default("age-desc")),
  page: z.preprocess(
    blankToUndefined,
    wholeNumberParam(label("page")).pipe(z.number().min(1).max(1_000_000)).default(1),
  ),
  pageSize: z.preprocess(
    blankToUndefined,
    wholeNumberParam(label("pageSize"))
      .pipe(z.number())
      .refine(
        (n) => (PAGE_SIZES as readonly number[]).includes(n),
        say("validation.filters.pageSizeOneOf", { sizes: PAGE_SIZES.join(", ") }),
      )
      .default(50),
  ),
});

export type StreamsQuery = z.infer<typeof StreamsQuerySchema>;

export function parseStreamsQuery(params: URLSearchParams) {
  return StreamsQuerySchema.safeParse(Object.fromEntries(params));
}

export interface StreamSlice {
  rows: IndexedStream[];
  matched: number;
  page: number;
  pageCount: number;
}

export function selectStreams(index: StreamIndex, query: StreamsQuery): StreamSlice {
  const asc = query.sort === ("age-asc" satisfies StreamSort);
  const ordered = asc ? index.ageAsc : index.ageDesc;
  const needle = query.q?.toLowerCase();
  const { domain, app } = query;
  const start = (query.page - 1) * query.pageSize;
  const rows: IndexedStream[] = [];
  let matched = 0;
  const consider = (s: IndexedStream) => {
    if (domain !== undefined && s.domainName !== domain) return;
    if (app !== undefined && s.appName !== app) return;
    if (matched >= start && rows.length < query.pageSize) rows.push(s);
    matched++;
  };
  if (needle) forEachNameMatch(asc ? index.ageAscNames : index.ageDescNames, needle, (i) => consider(ordered[i]!));
  else for (const s of ordered) consider(s);
  const pageCount = Math.max(1, Math.ceil(matched / query.pageSize));
  // A page past the end (the list shrank since the link was made) shows the last page instead of nothing.
  if (query.page > pageCount && matched > 0) {
    return selectStreams(index, { ...query, page: pageCount });
  }
  return { rows, matched, page: Math.min(query.page, pageCount), pageCount };
}
