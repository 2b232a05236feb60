import { useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";
import { FamilyBadge } from "@/components/tasks/family-badge";
import type { BulkItemState, BulkItemView, JobProgressResponse } from "@/lib/bulk/types";
import { RequestIdLine } from "@/components/ui/copy-button";
import { StatusBadge, type BadgeTone } from "@/components/ui/status-badge";

const ITEM_TONE: Record<BulkItemState, BadgeTone> = {
  pending: "neutral",
  sending: "progress",
  stopped: "ok",
  failed: "danger",
  cancelled: "warn",
};
const ITEM_COLUMNS = ["stream", "taskId", "state", "requestId", "error"] as const;

/** A job's items, one page of them: each with its family, state, RequestId, or error code explained. */
export function JobItemsTable({
  items,
  explanations,
}: {
  items: BulkItemView[];
  explanations: JobProgressResponse["explanations"];
}) {
  const t = useTranslations("bulk");
  return (
    <DataTable
      testId="job-items"
      caption={t("items.caption")}
      headings={ITEM_COLUMNS.map((h) => ({ key: h, label: t(`items.columns.${h}`) }))}
    >
      {items.map((i) => {
        const x = i.errorCode ? explanations[i.errorCode] : undefined;
        return (
          <tr key={i.id} data-testid="job-item" data-state={i.state} data-family={i.family}>
            <td className="px-3 py-2">
              {i.streamName}
              <div className="text-xs text-slate-600 dark:text-slate-400">
                {i.domainName || t("items.noDomain")} / {i.appName}
              </div>
            </td>
            <td className="px-3 py-2 font-mono text-xs">
              <div className="mb-1">
                <FamilyBadge family={i.family} />
              </div>
              <span className="break-all">{i.taskId}</span>
            </td>
            <td className="px-3 py-2">
              <StatusBadge tone={ITEM_TONE[i.state]}>{t(`itemStates.${i.state}`)}</StatusBadge>
            </td>
            <td className="px-3 py-2">
              {i.requestId ? (
                <RequestIdLine requestId={i.requestId} />
              ) : (
                <span className="text-slate-500 dark:text-slate-400">—</span>
              )}
            </td>
            <td className="px-3 py-2">
              {i.errorCode ? (
                <div className="max-w-md space-y-0.5">
                  <code className="font-mono text-xs">{i.errorCode}</code>
                  {x ? (
                    <div className="text-xs">
                      <strong>{t("items.explanationTitle", { title: x.title })}</strong> {x.meaning}{" "}
                      <em>{x.nextStep}</em>
                    </div>
                  ) : null}
                  {i.errorMessage ? (
                    <div className="text-xs text-slate-600 dark:text-slate-400">{i.errorMessage}</div>
                  ) : null}
                </div>
              ) : null}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
