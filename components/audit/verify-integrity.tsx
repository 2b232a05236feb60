"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui";
import type { ActionResult } from "@/lib/action-result";
import type { VerifyReport } from "@/lib/audit/definitions";

type VerifyResult = ActionResult<{ report: VerifyReport }> | null;

/** Runs the server-side chain check and says plainly what it found (and which record broke it). */
export function VerifyIntegrity({ action }: { action: () => Promise<ActionResult<{ report: VerifyReport }>> }) {
  const [result, run, pending] = useActionState<VerifyResult>(() => action(), null);
  return (
    <div className="flex flex-col gap-2">
      <form action={run}>
        <Button type="submit" variant="secondary" busy={pending} busyLabel="Verifying…">
          Verify integrity
        </Button>
      </form>
      <div aria-live="polite" data-testid="verify-result">
        {result ? <VerifyMessage result={result} /> : null}
      </div>
    </div>
  );
}

function VerifyMessage({ result }: { result: NonNullable<VerifyResult> }) {
  if (!result.ok) {
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
        <strong>OK — chain intact.</strong> {r.checked.toLocaleString("en")} records checked in {r.durationMs} ms.
        {r.headHash ? (
          <>
            {" "}
            Head #{r.headId}: <code className="break-all font-mono text-xs">{r.headHash}</code> (note it outside RecDesk
            to anchor the chain).
          </>
        ) : null}
      </p>
    );
  }
  return (
    <p
      role="alert"
      className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700 dark:bg-danger-700/30 dark:text-danger-300"
    >
      <strong>
        Chain broken: {r.brokenCount.toLocaleString("en")} of {r.checked.toLocaleString("en")} records do not verify
      </strong>{" "}
      ({r.broken.map((b) => `#${b.id}`).join(", ")}
      {r.brokenCount > r.broken.length ? ` and ${(r.brokenCount - r.broken.length).toLocaleString("en")} more` : ""}).
      The first, record #{r.firstBroken!.id}, {r.firstBroken!.problem}. Treat the records from #{r.firstBroken!.id} on
      as untrusted and investigate who had database access.
    </p>
  );
}
