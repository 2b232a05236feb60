import "server-only";
import { getLiveClient } from "@/lib/tencent-live";
import { clientUnavailable } from "@/lib/tencent-live/response";
import type { RecordTemplate } from "@/lib/tencent-live/types";

/**
 * The recording templates the RecordTask Start form offers (DescribeLiveRecordTemplates). A failure is not fatal:
 * the form still offers Tencent's default template and says why the list is missing (code and RequestId).
 */
export async function listRecordTemplates(): Promise<{ templates: RecordTemplate[]; error?: string }> {
  let result;
  try {
    result = await (await getLiveClient()).describeLiveRecordTemplates();
  } catch (err) {
    result = clientUnavailable(err);
  }
  if (result.ok) return { templates: result.data.templates };
  return { templates: [], error: result.requestId ? `${result.code}, RequestId ${result.requestId}` : result.code };
}
