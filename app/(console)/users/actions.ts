"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailure, formValues, type ActionResult } from "@/lib/action-result";
import { recordAudit } from "@/lib/audit";
import type { Actor, RequestOrigin } from "@/lib/auth/actor";
import { recordDenied } from "@/lib/audit/refusal";
import type { AuthCheck } from "@/lib/auth/actor";
import { hasDemoPassword } from "@/lib/auth/demo-password";
import { requirePermission } from "@/lib/auth/require";
import { getConfig } from "@/lib/config";
import {
  createUser,
  EmailSchema,
  findUserById,
  NameSchema,
  PasswordSchema,
  RoleSchema,
  setUserPassword,
  UserExistsError,
} from "@/lib/auth/users";
import { changeRoleKeepingAnAdmin, setDisabledKeepingAnAdmin } from "@/lib/auth/user-changes";
import { getDb } from "@/lib/db";
import { recordableText } from "@/lib/validation/safe-text";
import type { Database } from "@/lib/db/types";
import { clipText } from "@/lib/text/well-formed";

type UserAction = "user.create" | "user.update";

const CreateSchema = z.object({ email: EmailSchema, name: NameSchema, role: RoleSchema, password: PasswordSchema });
const UserIdSchema = z.uuid({ error: "Unknown user" });
const ResetSchema = z.object({ userId: UserIdSchema, password: PasswordSchema });
const RoleChangeSchema = z.object({ userId: UserIdSchema, role: RoleSchema });
const DisableSchema = z.object({ userId: UserIdSchema, disabled: z.enum(["true", "false"]).transform((v) => v === "true") });

function audit(
  db: Database,
  actor: Actor,
  origin: RequestOrigin,
  action: UserAction,
  outcome: "ok" | "invalid" | "denied",
  details: Record<string, unknown>,
  error?: { code: string; message: string },
) {
  return recordAudit(
    db,
    { actor: { userId: actor.userId, email: actor.email, role: actor.role }, action, clientIp: origin.clientIp, userAgent: origin.userAgent, details },
    { outcome, errorCode: error?.code, errorMessage: error?.message },
  );
}

/** Never echo a password back into the form. */
function safeValues(formData: FormData) {
  const { password: _password, ...rest } = formValues(formData);
  void _password;
  return rest;
}

async function invalid(db: Database, actor: Actor, origin: RequestOrigin, action: UserAction, operation: string, formData: FormData, error: z.ZodError) {
  const fieldErrors = z.flattenError(error).fieldErrors as Record<string, string[]>;
  // Zod's messages name the rule, never the value typed, so a password cannot reach the trail this way.
  await audit(db, actor, origin, action, "invalid", { operation }, { code: "InvalidInput", message: clipText(JSON.stringify(fieldErrors), 500) });
  return actionFailure("InvalidInput", "Check the highlighted fields.", {
    fieldErrors,
    values: safeValues(formData),
  });
}

export async function createUserAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult<{ userId: string }>> {
  const check = await requirePermission("users:manage");
  const db = await getDb();
  if (!check.ok) return refuse(db, check, { action: "user.create", details: { operation: "create" } });
  const { actor, origin } = check;
  const parsed = CreateSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalid(db, actor, origin, "user.create", "create", formData, parsed.error);
  const { email, name, role, password } = parsed.data;
  try {
    const user = await createUser(db, { email, name, role, password });
    await audit(db, actor, origin, "user.create", "ok", { operation: "create", targetUserId: user.id, targetEmail: email, role });
    revalidatePath("/users");
    return { ok: true, userId: user.id };
  } catch (err) {
    if (!(err instanceof UserExistsError)) throw err;
    const message = `${email} already has an account. Reset its password or change its role in the list below.`;
    await audit(db, actor, origin, "user.create", "invalid", { operation: "create", targetEmail: email }, { code: "UserExists", message });
    return actionFailure("UserExists", message, {
      fieldErrors: { email: ["Already in use"] },
      values: safeValues(formData),
    });
  }
}

export async function resetPasswordAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const check = await requirePermission("users:manage");
  const db = await getDb();
  if (!check.ok) return refuse(db, check, { action: "user.update", details: { operation: "reset-password", targetUserId: recordableText(formValues(formData).userId ?? "", 80) } });
  const { actor, origin } = check;
  const parsed = ResetSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalid(db, actor, origin, "user.update", "reset-password", formData, parsed.error);
  const user = await setUserPassword(db, parsed.data.userId, parsed.data.password);
  if (!user) return notFound(db, actor, origin, "reset-password", parsed.data.userId);
  await audit(db, actor, origin, "user.update", "ok", { operation: "reset-password", targetUserId: user.id, targetEmail: user.email });
  revalidatePath("/users");
  return { ok: true };
}

export async function changeRoleAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const check = await requirePermission("users:manage");
  const db = await getDb();
  if (!check.ok) return refuse(db, check, { action: "user.update", details: { operation: "change-role", targetUserId: recordableText(formValues(formData).userId ?? "", 80) } });
  const { actor, origin } = check;
  const parsed = RoleChangeSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalid(db, actor, origin, "user.update", "change-role", formData, parsed.error);
  const { userId, role } = parsed.data;
  // An admin demoting themselves could leave nobody able to manage users.
  if (userId === actor.userId) return selfChange(db, actor, origin, "change-role", "You cannot change your own role. Ask another admin.");
  const change = await changeRoleKeepingAnAdmin(db, userId, role);
  if (!change.ok && change.reason === "not-found") return notFound(db, actor, origin, "change-role", userId);
  if (!change.ok) return lastAdmin(db, actor, origin, "change-role", change.target);
  const { before } = change;
  await audit(db, actor, origin, "user.update", "ok", { operation: "change-role", targetUserId: userId, targetEmail: before.email, from: before.role, to: role });
  revalidatePath("/users");
  return { ok: true };
}

export async function setUserDisabledAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const check = await requirePermission("users:manage");
  const db = await getDb();
  if (!check.ok) return refuse(db, check, { action: "user.update", details: { operation: "set-disabled", targetUserId: recordableText(formValues(formData).userId ?? "", 80) } });
  const { actor, origin } = check;
  const parsed = DisableSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalid(db, actor, origin, "user.update", "set-disabled", formData, parsed.error);
  const { userId, disabled } = parsed.data;
  if (userId === actor.userId) return selfChange(db, actor, origin, "set-disabled", "You cannot disable your own account. Ask another admin.");
  if (!disabled && !getConfig().demoMode) {
    // The README's promise: a demo account disabled at start-up comes back only with a password of its own.
    const target = await findUserById(db, userId);
    if (target && (await hasDemoPassword(target.passwordHash))) {
      const message = `${target.email} still has the published demo password. Reset its password first, then enable it.`;
      await audit(db, actor, origin, "user.update", "invalid", { operation: "enable", targetUserId: userId, targetEmail: target.email }, { code: "DemoPassword", message });
      return actionFailure("DemoPassword", message);
    }
  }
  const change = await setDisabledKeepingAnAdmin(db, userId, disabled);
  if (!change.ok && change.reason === "not-found") return notFound(db, actor, origin, "set-disabled", userId);
  if (!change.ok) return lastAdmin(db, actor, origin, "disable", change.target);
  const user = change.after;
  await audit(db, actor, origin, "user.update", "ok", { operation: disabled ? "disable" : "enable", targetUserId: userId, targetEmail: user.email });
  revalidatePath("/users");
  return { ok: true };
}

async function refuse(db: Database, check: Extract<AuthCheck, { ok: false }>, intent: { action: UserAction; details: Record<string, unknown> }) {
  await recordDenied(db, check, intent.action, { details: intent.details });
  return actionFailure(check.code, check.message);
}

async function notFound(db: Database, actor: Actor, origin: RequestOrigin, operation: string, userId: string): Promise<ActionResult> {
  const message = "That user no longer exists. Reload the page.";
  await audit(db, actor, origin, "user.update", "invalid", { operation, targetUserId: userId }, { code: "UserNotFound", message });
  return actionFailure("UserNotFound", message);
}

async function lastAdmin(db: Database, actor: Actor, origin: RequestOrigin, operation: string, target: { id: string; email: string }): Promise<ActionResult> {
  const message = `${target.email} is the last enabled admin: RecDesk would have nobody to manage users. Make another user admin first. Nothing was changed.`;
  await audit(db, actor, origin, "user.update", "denied", { operation, targetUserId: target.id, targetEmail: target.email }, { code: "LastAdmin", message });
  return actionFailure("LastAdmin", message);
}

async function selfChange(db: Database, actor: Actor, origin: RequestOrigin, operation: string, message: string): Promise<ActionResult> {
  await audit(db, actor, origin, "user.update", "invalid", { operation, targetUserId: actor.userId }, { code: "SelfChange", message });
  return actionFailure("InvalidInput", message);
}
