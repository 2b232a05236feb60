import { FormSkeleton } from "../form-skeleton";

export default function Loading() {
  return <FormSkeleton title="Start recording" />;
}
