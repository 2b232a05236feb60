// Pure: the page, the table and tests build stream links the same way.

/** A link to paste into a ticket: each segment percent-encoded on its own, so no name can change the path. */
export function streamDetailHref(s: { domainName: string; appName: string; streamName: string }): string {
  return `/streams/${encodeURIComponent(s.domainName)}/${encodeURIComponent(s.appName)}/${encodeURIComponent(s.streamName)}`;
}
