"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui";
import type { ActionResult } from "@/lib/action-result";
import type { VerifyReport } from "@/lib/audit/definitions";
import { verifyProblemMessage } from "./verify-problem";

type VerifyResult = ActionResult<{ report: VerifyReport }> | null;

/** Runs the server-side chain check and says plainly what it found (and which record broke it). */
export function VerifyIntegrity({ action }: { action: () => Promise<ActionResult<{ report: VerifyReport }>> }) {
  const t = useTranslations("audit.verify");
  const [result, run, pending] = useActionState<VerifyResult>(() => action(), null);
  return (
    <div className="flex flex-col gap-2">
      <form action={run}>
        <Button type="submit" variant="secondary" busy={pending} busyLabel={t("busy")}>
          {t("button")}
        </Button>
      </form>
      <div aria-live="polite" data-testid="verify-result">
        {result ? <VerifyMessage result={result} /> : null}
      </div>
    </div>
  );
}

function VerifyMessage({ result }: { result: NonNullable<VerifyResult> }) {
  const t = useTranslations("audit.verify");
  if (!result.ok) {
    // The server already said it in the reader's language; the code stays as it is.
    return (
      <p role="alert" className="text-sm text-danger-700 dark:text-danger-300">
        <span className="font-mono font-semibold">{result.code}</span>: {result.message}
      </p>
    );
  }
  const r = result.report;
  if (r.intact) {
    return (
      <p className="rounded-md bg-ok-50 px-3 py-2 text-sm text-ok-700 dark:bg-ok-700/30 dark:text-ok-300">
        {t.rich("intact", {
          strong: (chunks) => <strong>{chunks}</strong>,
          checked: r.checked,
          durationMs: r.durationMs,
        })}
        {r.headHash ? (
          <>
            {" "}
            {t.rich("head", {
              code: (chunks) => <code className="break-all font-mono text-xs">{chunks}</code>,
              headId: r.headId ?? "",
              headHash: r.headHash,
            })}
          </>
        ) : null}
      </p>
    );
  }
  const first = r.firstBroken!;
  const problem = verifyProblemMessage(first.problem);
  return (
    <p
      role="alert"
      className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700 dark:bg-danger-700/30 dark:text-danger-300"
    >
      {t.rich("broken", {
        strong: (chunks) => <strong>{chunks}</strong>,
        brokenCount: r.brokenCount,
        checked: r.checked,
        ids: r.broken.map((b) => `#${b.id}`).join(", "),
        more: r.brokenCount > r.broken.length ? t("more", { count: r.brokenCount - r.broken.length }) : "",
        firstId: first.id,
        problem: problem ? t(`problems.${problem.key}`, problem.values) : first.problem,
      })}
    </p>
  );
}
