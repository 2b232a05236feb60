import type { Metadata } from "next";
import { RegisterTaskForm } from "@/components/tasks/register-task-form";
import { pageAccess } from "@/lib/auth/page-access";
import { AccessDenied } from "@/components/ui/access-denied";
import { registerTaskAction } from "../actions";
import { TasksHeader } from "../tasks-header";

export const metadata: Metadata = { title: "Register task" };
export const dynamic = "force-dynamic";

export default async function RegisterTaskPage() {
  const auth = await pageAccess("task:register");
  if (!auth.ok) return <AccessDenied title="Register a task" {...auth.denied} />;
  const role = auth.actor.role;
  return (
    <div>
      <TasksHeader title="Register an existing task" role={role} current="/tasks/register" />
      <p className="mb-4 max-w-2xl text-sm text-slate-700 dark:text-slate-300">
        Tencent Cloud has no API that lists legacy recording tasks. Register one by its stream name and TaskId so it
        shows in the task list and can be stopped from there. Nothing is sent to Tencent Cloud; the state shows as
        unknown until someone acts on it.
      </p>
      <RegisterTaskForm action={registerTaskAction} />
    </div>
  );
}
