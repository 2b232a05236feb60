"use client";

import { useTranslations } from "next-intl";
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
  const t = useTranslations("taskForms");
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
    return Number.isNaN(d.getTime()) ? undefined : t("time.inChinaStandardTime", { time: formatInZone(d, CST) });
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
          list="known-domains-rt"
          hint={t("fields.domainExample")}
        />
        <datalist id="known-domains-rt">
          {domains.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>

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
        <TextField
          label={t("time.startOptional")}
          name="startLocal"
          type="datetime-local"
          value={start}
          onChange={(e) => setStart(e.target.value)}
          errors={errors?.startLocal}
          hint={inZone(start) ?? t("time.startEmptyHint")}
        />
        <TextField
          label={t("time.end")}
          name="endLocal"
          type="datetime-local"
          required
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          errors={errors?.endLocal}
          hint={inZone(end) ?? t("time.endLimitHint")}
        />

        <SelectField
          label={t("start.template")}
          name="templateId"
          defaultValue={typed?.templateId ?? ""}
          errors={errors?.templateId}
          className="sm:col-span-2"
          hint={templatesError ? t("start.templatesFailed", { error: templatesError }) : t("start.templatesSource")}
        >
          <option value="">{t("start.templateDefault")}</option>
          {templates.map((tpl) => (
            <option key={tpl.templateId} value={tpl.templateId}>
              {t("start.templateOption", {
                name: tpl.templateName,
                formats: tpl.formats.length ? tpl.formats.join(", ") : t("start.noFormat"),
                id: String(tpl.templateId),
              })}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("start.streamType")}
          name="streamType"
          defaultValue={typed?.streamType ?? ""}
          errors={errors?.streamType}
        >
          <option value="">{t("start.streamTypePushed")}</option>
          <option value="1">{t("start.streamTypeMixed")}</option>
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
