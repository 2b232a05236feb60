"use client";

import { useTranslations } from "next-intl";
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
  const t = useTranslations("taskForms");
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
    return Number.isNaN(d.getTime()) ? undefined : t("time.sentInChinaStandardTime", { time: formatInZone(d, CST) });
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
          label={t("fields.streamName")}
          name="streamName"
          required
          defaultValue={typed?.streamName}
          errors={errors?.streamName}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label={t("fields.appName")}
          name="appName"
          required
          defaultValue={typed?.appName ?? "live"}
          errors={errors?.appName}
        />
        <TextField
          label={t("fields.pushDomain")}
          name="domainName"
          required
          defaultValue={typed?.domainName ?? domains[0] ?? ""}
          errors={errors?.domainName}
          list="known-domains"
          hint={t("fields.domainExample")}
        />
        <datalist id="known-domains">
          {domains.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>

        <fieldset className="sm:col-span-3">
          <legend className="mb-1 text-sm font-medium">{t("start.mode")}</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="inline-flex items-center gap-2">
              <input
                type="radio"
                name="mode"
                value="realtime"
                checked={mode === "realtime"}
                onChange={() => setMode("realtime")}
              />
              {t("start.modeRealtime")}
            </label>
            <label className="inline-flex items-center gap-2">
              <input
                type="radio"
                name="mode"
                value="scheduled"
                checked={mode === "scheduled"}
                onChange={() => setMode("scheduled")}
              />
              {t("start.modeScheduled")}
            </label>
          </div>
          {errors?.mode ? (
            <p role="alert" className="mt-1 text-sm text-danger-700 dark:text-danger-300">
              {errors.mode.join(" ")}
            </p>
          ) : null}
        </fieldset>

        <SelectField
          label={t("time.zone")}
          name="timeZone"
          value={zone}
          onChange={(e) => setZoneChoice(e.target.value)}
          errors={errors?.timeZone}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z === browserZone
                ? t("time.zoneThisBrowser", { zone: z })
                : z === CST
                  ? t("time.zoneChinaStandard", { zone: z })
                  : z}
            </option>
          ))}
        </SelectField>
        {mode === "scheduled" ? (
          <TextField
            label={t("time.start")}
            name="startLocal"
            type="datetime-local"
            required
            value={start}
            onChange={(e) => setStart(e.target.value)}
            errors={errors?.startLocal}
            hint={cstPreview(start)}
          />
        ) : (
          <div className="text-sm text-slate-700 dark:text-slate-300 sm:pt-6">{t("start.startsNow")}</div>
        )}
        <TextField
          label={mode === "scheduled" ? t("time.end") : t("time.endOptional")}
          name="endLocal"
          type="datetime-local"
          required={mode === "scheduled"}
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          errors={errors?.endLocal}
          hint={cstPreview(end) ?? (mode === "realtime" ? t("time.endEmptyHint") : undefined)}
        />

        <SelectField
          label={t("start.fileFormat")}
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
          label={t("start.recordType")}
          name="recordType"
          defaultValue={typed?.recordType ?? "video"}
          errors={errors?.recordType}
        >
          <option value="video">{t("start.recordTypeVideo")}</option>
          <option value="audio">{t("start.recordTypeAudio")}</option>
        </SelectField>
        <TextField
          label={t("fields.reasonOptional")}
          name="reason"
          defaultValue={typed?.reason}
          errors={errors?.reason}
          hint={t("fields.reasonAuditHint")}
        />

        <div className="sm:col-span-3">
          <Button type="submit" busy={pending} busyLabel={t("start.submitting")} data-testid="start-submit">
            {t("start.submit")}
          </Button>
        </div>
      </form>

      <StartOutcomePanel result={result} typedStreamName={typed?.streamName} />
    </div>
  );
}
