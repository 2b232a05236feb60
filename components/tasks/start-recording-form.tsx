"use client";

import { useActionState, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FILE_FORMATS } from "@/lib/tasks/schemas";
import { formatInZone, wallTimeToDate } from "@/lib/tasks/zoned-time";

import { StartOutcomePanel, type StartAction, type StartOutcome } from "./start-outcome";

export type { StartAction };

const CST = "Asia/Shanghai";
const noop = () => () => {};

function useBrowserZone(): string {
  return useSyncExternalStore(
    noop,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    () => "UTC",
  );
}

/** CreateLiveRecord as a form. Times are typed in a zone the user sees and previewed in China Standard Time. */
export function StartRecordingForm({ action, domains }: { action: StartAction; domains: string[] }) {
  const [result, formAction, pending] = useActionState<StartOutcome | null, FormData>(action, null);
  const browserZone = useBrowserZone();
  const failed = result && !result.ok ? result : null;
  const typed = failed?.values;
  const errors = failed?.fieldErrors;
  const [mode, setMode] = useState<string>(typed?.mode ?? "realtime");
  const [zoneChoice, setZoneChoice] = useState<string | undefined>(typed?.timeZone);
  const zone = zoneChoice ?? browserZone;
  const [start, setStart] = useState(typed?.startLocal ?? "");
  const [end, setEnd] = useState(typed?.endLocal ?? "");
  const zones = Array.from(new Set([browserZone, CST, "UTC"]));

  const cstPreview = (local: string) => {
    if (!local) return undefined;
    const d = wallTimeToDate(local, zone);
    return Number.isNaN(d.getTime())
      ? undefined
      : `= ${formatInZone(d, CST)} China Standard Time (sent to Tencent Cloud)`;
  };

  return (
    <div className="space-y-4">
      <form
        action={formAction}
        noValidate
        className="grid max-w-3xl gap-4 sm:grid-cols-3"
        key={JSON.stringify(typed ?? {})}
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
          list="known-domains"
          hint="e.g. 5000.livepush.myqcloud.com"
        />
        <datalist id="known-domains">
          {domains.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>

        <fieldset className="sm:col-span-3">
          <legend className="mb-1 text-sm font-medium">Mode</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="inline-flex items-center gap-2">
              <input
                type="radio"
                name="mode"
                value="realtime"
                checked={mode === "realtime"}
                onChange={() => setMode("realtime")}
              />
              Real-time (starts now; may end at most 30 minutes from now)
            </label>
            <label className="inline-flex items-center gap-2">
              <input
                type="radio"
                name="mode"
                value="scheduled"
                checked={mode === "scheduled"}
                onChange={() => setMode("scheduled")}
              />
              Scheduled (start and end times)
            </label>
          </div>
          {errors?.mode ? (
            <p role="alert" className="mt-1 text-sm text-danger-700 dark:text-danger-300">
              {errors.mode.join(" ")}
            </p>
          ) : null}
        </fieldset>

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
        {mode === "scheduled" ? (
          <TextField
            label="Start"
            name="startLocal"
            type="datetime-local"
            required
            value={start}
            onChange={(e) => setStart(e.target.value)}
            errors={errors?.startLocal}
            hint={cstPreview(start)}
          />
        ) : (
          <div className="text-sm text-slate-700 dark:text-slate-300 sm:pt-6">
            Starts as soon as Tencent Cloud accepts the request.
          </div>
        )}
        <TextField
          label={mode === "scheduled" ? "End" : "End (optional)"}
          name="endLocal"
          type="datetime-local"
          required={mode === "scheduled"}
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          errors={errors?.endLocal}
          hint={cstPreview(end) ?? (mode === "realtime" ? "Leave empty for Tencent's default" : undefined)}
        />

        <SelectField
          label="File format"
          name="fileFormat"
          defaultValue={typed?.fileFormat ?? "flv"}
          errors={errors?.fileFormat}
        >
          {FILE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Record type"
          name="recordType"
          defaultValue={typed?.recordType ?? "video"}
          errors={errors?.recordType}
        >
          <option value="video">video</option>
          <option value="audio">audio</option>
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
