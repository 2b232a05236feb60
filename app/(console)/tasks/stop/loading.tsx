import { useTranslations } from "next-intl";
import { FormSkeleton } from "../form-skeleton";

export default function Loading() {
  const t = useTranslations("taskForms");
  return <FormSkeleton title={t("pages.stop.title")} />;
}
