"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/action-result";
import type { BulkSelection } from "@/lib/bulk/selection-types";
import type { BulkPreview } from "@/lib/bulk/types";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/field";
import { REASON_MAX, REASON_MIN } from "@/lib/validation/reason";

/** StopLiveRecord's rate limit, which the server's job keeps to (lib/bulk/worker.ts). */
const STOP_CALLS_PER_SECOND = 200;

export type PreviewAction = (selection: BulkSelection) => Promise<ActionResult<{ preview: BulkPreview }>>;
export type CreateAction = (input: {
  selection: BulkSelection;
  reason: string;
}) => Promise<ActionResult<{ jobId: string; total: number }>>;

/**
 * The one confirmation for a batch: the server says how many tasks the selection really covers (the whole
 * filter, not the page), the streams are listed collapsed, and one reason goes into every item's audit record.
 */
export function BulkStopDialog({
  selection,
  onClose,
  previewAction,
  createAction,
}: {
  selection: BulkSelection;
  onClose: () => void;
  previewAction: PreviewAction;
  createAction: CreateAction;
}) {
  const t = useTranslations("bulk.dialog");
  const router = useRouter();
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void previewAction(selection).then((r) => {
      if (!live) return;
      if (r.ok) setPreview(r.preview);
      else setError({ code: r.code, message: r.message });
    });
    return () => {
      live = false;
    };
  }, [previewAction, selection]);

  const tooMany = preview !== null && preview.count > preview.max;
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await createAction({ selection, reason });
    if (r.ok) {
      router.push(`/jobs/${r.jobId}`);
      return;
    }
    setBusy(false);
    setError({ code: r.code, message: r.message });
  }

  const title = preview === null ? t("titleCounting") : t("title", { count: preview.count });
  const mono = (chunks: React.ReactNode) => <code className="font-mono">{chunks}</code>;
  return (
    <Dialog open title={title} onClose={() => !busy && onClose()} testId="bulk-stop-dialog">
      <form onSubmit={submit} className="space-y-4">
        {preview === null && !error ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">{t("counting")}</p>
        ) : null}
        {preview !== null ? (
          tooMany ? (
            <p role="alert" className="text-sm text-red-800 dark:text-red-300" data-testid="bulk-too-many">
              {t.rich("tooMany", { count: preview.count, max: preview.max, mono })}
            </p>
          ) : (
            <>
              <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="bulk-count">
                {t("willStop", { count: preview.count, rate: STOP_CALLS_PER_SECOND })}
              </p>
              <details className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700">
                <summary className="cursor-pointer font-medium">{t("targets", { count: preview.count })}</summary>
                {/* Focusable so keyboard users can scroll a long list (axe: scrollable-region-focusable). */}
                <ul
                  tabIndex={0}
                  aria-label={t("targetsLabel")}
                  className="mt-2 max-h-56 space-y-0.5 overflow-y-auto font-mono text-xs"
                  data-testid="bulk-targets"
                >
                  {preview.targets.map((t) => (
                    <li key={t.taskId}>
                      {t.streamName} <span className="text-slate-600 dark:text-slate-400">· {t.taskId}</span>
                    </li>
                  ))}
                </ul>
              </details>
            </>
          )
        ) : null}
        <TextAreaField
          label={t("reason")}
          name="reason"
          required
          minLength={REASON_MIN}
          maxLength={REASON_MAX}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-autofocus
        />
        {error ? (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300" data-testid="bulk-error">
            {t.rich("error", { code: error.code, message: error.message, mono })}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            {t("cancel")}
          </Button>
          <Button
            type="submit"
            variant="danger"
            busy={busy}
            busyLabel={t("creating")}
            disabled={preview === null || tooMany || preview.count === 0 || reason.trim().length < REASON_MIN}
          >
            {preview ? t("submit", { count: preview.count }) : t("submitNoCount")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
