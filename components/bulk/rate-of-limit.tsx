import { useFormatter, useTranslations } from "next-intl";
import { jobRateCeiling } from "@/lib/bulk/job-rate-ceiling";
import type { JobProgressResponse } from "@/lib/bulk/types";

/** The rate as a share of the best this job can do: StopLiveRecord's limit, StopRecordTask's, or both lanes' together. */
export function RateOfLimit({
  job,
  legacyLimit,
  recordTaskLimit,
}: {
  job: JobProgressResponse["job"];
  legacyLimit: number;
  recordTaskLimit: number;
}) {
  const t = useTranslations("bulk");
  const format = useFormatter();
  const recordTasks = job.recordTaskItems;
  const legacy = job.counts.total - recordTasks;
  const ceiling = jobRateCeiling({
    legacy: { items: legacy, perSecond: legacyLimit },
    recordTask: { items: recordTasks, perSecond: recordTaskLimit },
  });
  const ratio = format.number(job.ratePerSecond / ceiling, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  if (recordTasks === 0) return <>{t("progress.rateOfLimit", { ratio, limit: legacyLimit })}</>;
  if (legacy <= 0) return <>{t("progress.rateOfRecordTaskLimit", { ratio, limit: recordTaskLimit })}</>;
  return <>{t("progress.rateOfMixedLimit", { ratio, limit: Math.round(ceiling), legacyLimit, recordTaskLimit })}</>;
}
