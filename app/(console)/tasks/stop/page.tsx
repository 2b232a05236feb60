import type { Metadata } from "next";
import { StopByIdForm } from "@/components/tasks/stop-by-id-form";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/roles";
import { AccessDenied } from "@/components/ui/access-denied";
import { stopByIdAction } from "../actions";
import { TasksHeader } from "../tasks-header";

export const metadata: Metadata = { title: "Stop by ID" };
export const dynamic = "force-dynamic";

export default async function StopByIdPage() {
  const auth = await pageAccess("task:stop", "Stopping recordings needs the support, on-call or admin role.");
  if (!auth.ok) return <AccessDenied title="Stop by ID" {...auth.denied} />;
  const role = auth.actor.role;
  return (
    <div>
      <TasksHeader title="Stop by ID" role={role} current="/tasks/stop" />
      <p className="mb-4 max-w-2xl text-sm text-slate-700 dark:text-slate-300">
        For a recording RecDesk has never seen: enter the stream name and TaskId from the ticket. RecDesk checks them,
        asks you to confirm, calls Tencent Cloud once — StopLiveRecord for a legacy TaskId (a whole number),
        StopRecordTask for a RecordTask TaskId (any other string) — and shows the answer with its RequestId.
      </p>
      <StopByIdForm action={stopByIdAction} canCorrect={can(role, "task:correct")} />
    </div>
  );
}
