// A substring search over many stream names that avoids touching each name: the lower-cased names, in one
// order, are joined into one string with "\n" between them, so one native indexOf skips every non-matching
// name at once. Tencent's names have no "\n", but a match is still checked to lie inside one name, so a name
// that had one could not make a needle match across two names.

export interface NameSearchText {
  /** The lower-cased names joined with "\n". */
  text: string;
  /** Where name i starts in `text`. */
  starts: Int32Array;
}

export function nameSearchText(lowerNames: readonly string[]): NameSearchText {
  const starts = new Int32Array(lowerNames.length);
  let at = 0;
  for (let i = 0; i < lowerNames.length; i++) {
    starts[i] = at;
    at += lowerNames[i]!.length + 1;
  }
  return { text: lowerNames.join("\n"), starts };
}

/** Calls `visit` with the position of every name containing `needle` (lower-case, non-empty), in order. */
export function forEachNameMatch(search: NameSearchText, needle: string, visit: (i: number) => void): void {
  const { text, starts } = search;
  let from = 0;
  for (;;) {
    const pos = text.indexOf(needle, from);
    if (pos === -1) return;
    // The name holding `pos`: the last start at or before it.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    const end = lo + 1 < starts.length ? starts[lo + 1]! - 1 : text.length;
    if (pos + needle.length > end) {
      from = pos + 1; // straddles a separator: not a match in this name, look further
      continue;
    }
    visit(lo);
    if (end >= text.length) return;
    from = end + 1; // one visit per name, however often it matches
  }
}
