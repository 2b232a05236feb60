/** The largest callback body accepted. Tencent's are a few hundred bytes; callback_ext keeps them well under this. */
export const MAX_CALLBACK_BYTES = 64 * 1024;

export type BodyRead = { ok: true; text: string } | { ok: false; reason: "too-large" | "unreadable" };

/**
 * Reads the body, stopping as soon as it passes the cap: Content-Length is checked first but not trusted
 * (it may be absent with chunked encoding, or lie), so a huge body is never buffered whole.
 */
export async function readCappedBody(request: Request, cap = MAX_CALLBACK_BYTES): Promise<BodyRead> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > cap) return { ok: false, reason: "too-large" };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > cap) {
        await reader.cancel().catch(() => {});
        return { ok: false, reason: "too-large" };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, reason: "unreadable" };
  }
}
