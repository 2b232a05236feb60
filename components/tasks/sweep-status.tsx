import { useTranslations } from "next-intl";
import { RequestIdLine } from "@/components/ui/copy-button";
import { LocalTime } from "./local-time";

/** The RecordTask sweep's outcome as the /tasks page shows it (dates as ISO strings). */
export interface SweepStatusView {
  lastSuccessAt: string | null;
  lastError?: { code: string; title: string; nextStep: string; requestId?: string; at: string };
}

/**
 * One line under the filters: when RecDesk last listed the account's RecordTasks from Tencent Cloud, or why the
 * last listing failed (code, what to do, RequestId). RecordTask rows are only as current as this line says.
 */
export function SweepStatusLine({ status }: { status: SweepStatusView }) {
  const t = useTranslations("tasks.sweep");
  const e = status.lastError;
  if (e) {
    return (
      <div
        role="status"
        data-testid="sweep-status"
        data-outcome="error"
        className="max-w-3xl rounded-md border border-warn-300 bg-warn-50 p-2 text-sm text-slate-900 dark:border-warn-700 dark:bg-warn-700/20 dark:text-slate-100"
      >
        <p>
          {t.rich("failed", {
            strong: (chunks) => <strong>{chunks}</strong>,
            code: (chunks) => <code className="font-mono">{chunks}</code>,
            at: () => <LocalTime iso={e.at} />,
            errorCode: e.code,
            title: e.title,
            nextStep: e.nextStep,
          })}{" "}
          {status.lastSuccessAt
            ? t.rich("asOf", { at: () => <LocalTime iso={status.lastSuccessAt} /> })
            : t("mayBeMissing")}
        </p>
        {e.requestId ? <RequestIdLine requestId={e.requestId} /> : null}
      </div>
    );
  }
  return (
    <p
      className="text-sm text-slate-700 dark:text-slate-300"
      role="status"
      data-testid="sweep-status"
      data-outcome="ok"
    >
      {status.lastSuccessAt
        ? t.rich("listedAt", { at: () => <LocalTime iso={status.lastSuccessAt} withZone /> })
        : t("notYet")}
    </p>
  );
}
