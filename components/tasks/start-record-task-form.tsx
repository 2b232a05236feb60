"use client";

import { useActionState, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { formatInZone, wallTimeToDate } from "@/lib/tasks/zoned-time";
import { StartOutcomePanel, type StartAction, type StartOutcome } from "./start-outcome";

/** A recording template as the form offers it (DescribeLiveRecordTemplates). */
export interface TemplateChoice {
  templateId: number;
  templateName: string;
  formats: string[];
}

const CST = "Asia/Shanghai";
const noop = () => () => {};

function useBrowserZone(): string {
  return useSyncExternalStore(
    noop,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    () => "UTC",
  );
}

/**
 * CreateRecordTask as a form: an end time (required, at most 7 days ahead and 24 h after the start), an optional
 * start (empty = now), the stream type and a template from DescribeLiveRecordTemplates (name and formats shown).
 */
export function StartRecordTaskForm({
  action,
  domains,
  templates,
  templatesError,
}: {
  action: StartAction;
  domains: string[];
  templates: TemplateChoice[];
  /** Set when DescribeLiveRecordTemplates failed: only Tencent's default template can be chosen. */
  templatesError?: string;
}) {
  const [result, formAction, pending] = useActionState<StartOutcome | null, FormData>(action, null);
  const browserZone = useBrowserZone();
  const failed = result && !result.ok ? result : null;
  const typed = failed?.values;
  const errors = failed?.fieldErrors;
  const [zoneChoice, setZoneChoice] = useState<string | undefined>(typed?.timeZone);
  const zone = zoneChoice ?? browserZone;
  const [start, setStart] = useState(typed?.startLocal ?? "");
  const [end, setEnd] = useState(typed?.endLocal ?? "");
  const zones = Array.from(new Set([browserZone, CST, "UTC"]));
  const inZone = (local: string) => {
    if (!local) return undefined;
    const d = wallTimeToDate(local, zone);
    return Number.isNaN(d.getTime()) ? undefined : `= ${formatInZone(d, CST)} China Standard Time`;
  };

  return (
    <div className="space-y-4">
      <form
        action={formAction}
        noValidate
        className="grid max-w-3xl gap-4 sm:grid-cols-3"
        key={JSON.stringify(typed ?? {})}
        data-testid="start-record-task-form"
      >
        <TextField
          label="Stream name"
          name="streamName"
          required
          defaultValue={typed?.streamName}
          errors={errors?.streamName}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label="App name"
          name="appName"
          required
          defaultValue={typed?.appName ?? "live"}
          errors={errors?.appName}
        />
        <TextField
          label="Push domain"
          name="domainName"
          required
          defaultValue={typed?.domainName ?? domains[0] ?? ""}
          errors={errors?.domainName}
          list="known-domains-rt"
          hint="e.g. 5000.livepush.myqcloud.com"
        />
        <datalist id="known-domains-rt">
          {domains.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>

        <SelectField
          label="Time zone of the times below"
          name="timeZone"
          value={zone}
          onChange={(e) => setZoneChoice(e.target.value)}
          errors={errors?.timeZone}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z === browserZone ? `${z} (this browser)` : z === CST ? `${z} (China Standard Time)` : z}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Start (optional)"
          name="startLocal"
          type="datetime-local"
          value={start}
          onChange={(e) => setStart(e.target.value)}
          errors={errors?.startLocal}
          hint={inZone(start) ?? "Leave empty to start now"}
        />
        <TextField
          label="End"
          name="endLocal"
          type="datetime-local"
          required
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          errors={errors?.endLocal}
          hint={inZone(end) ?? "At most 7 days from now, and 24 hours after the start"}
        />

        <SelectField
          label="Recording template"
          name="templateId"
          defaultValue={typed?.templateId ?? ""}
          errors={errors?.templateId}
          className="sm:col-span-2"
          hint={
            templatesError
              ? `The templates could not be listed (${templatesError}); Tencent's default applies.`
              : "From DescribeLiveRecordTemplates"
          }
        >
          <option value="">Tencent default (HLS, kept in VOD)</option>
          {templates.map((t) => (
            <option key={t.templateId} value={t.templateId}>
              {t.templateName} — {t.formats.length ? t.formats.join(", ") : "no format enabled"} (#{t.templateId})
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Stream type"
          name="streamType"
          defaultValue={typed?.streamType ?? ""}
          errors={errors?.streamType}
        >
          <option value="">Pushed stream (default)</option>
          <option value="1">Mixed stream (A+B=C)</option>
        </SelectField>
        <TextField
          label="Reason (optional)"
          name="reason"
          defaultValue={typed?.reason}
          errors={errors?.reason}
          hint="Recorded in the audit trail"
        />

        <div className="sm:col-span-3">
          <Button type="submit" busy={pending} busyLabel="Creating… (not retried)" data-testid="start-submit">
            Start recording
          </Button>
        </div>
      </form>
      <StartOutcomePanel result={result} typedStreamName={typed?.streamName} />
    </div>
  );
}
