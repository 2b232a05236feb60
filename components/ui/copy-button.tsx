"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";

/**
 * Copies a value (a RequestId, a TaskId) so it can be pasted into a ticket. Falls back to selecting a hidden
 * textarea where the Clipboard API is unavailable (plain-http deployments are not a "secure context").
 */
export function CopyButton({
  value,
  label: labelProp,
  what: whatProp,
}: {
  value: string;
  label?: string;
  what?: string;
}) {
  const t = useTranslations("ui.copy");
  const label = labelProp ?? t("label");
  const what = whatProp ?? t("what");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(t);
  }, [state]);

  async function copy() {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(value);
      } else {
        const ta = document.createElement("textarea");
        ta.value = value;
        ta.setAttribute("readonly", "");
        ta.style.position = "fixed";
        ta.style.opacity = "0";
        document.body.appendChild(ta);
        ta.select();
        const ok = document.execCommand("copy");
        ta.remove();
        if (!ok) throw new Error("copy refused");
      }
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <button
      type="button"
      onClick={copy}
      aria-label={t("ariaLabel", { label, what, value })}
      className="inline-flex items-center rounded border border-slate-300 px-1.5 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      <span aria-live="polite">{state === "copied" ? t("copied") : state === "failed" ? t("failed") : label}</span>
    </button>
  );
}

/** A RequestId in monospace with its copy button: the thing support pastes into a Tencent ticket. */
export function RequestIdLine({ requestId, label: labelProp }: { requestId: string; label?: string }) {
  const t = useTranslations("ui");
  const label = labelProp ?? t("requestId");
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5 text-sm">
      <span className="text-slate-600 dark:text-slate-400">{label}</span>
      <code
        data-testid="request-id"
        className="break-all rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800"
      >
        {requestId}
      </code>
      <CopyButton value={requestId} what={label} />
    </span>
  );
}
