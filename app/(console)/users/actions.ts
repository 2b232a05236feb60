"use server";

import { z } from "zod";
import { actionFailure, type ActionResult } from "@/lib/action-result";
import { formAction, type ActionContext, type InvalidReply } from "@/lib/actions/define-action";
import { hasDemoPassword } from "@/lib/auth/demo-password";
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
import { recordableText } from "@/lib/validation/safe-text";
import { clipText } from "@/lib/text/well-formed";
import { say } from "@/lib/validation/messages";

// Declarations and bodies of user management (admin only): lib/actions/define-action.ts authorizes and audits a
// refusal or invalid input; each body audits its own outcome with ctx.record.

type Ctx = ActionContext<Record<string, string>>;

const CreateSchema = z.object({ email: EmailSchema, name: NameSchema, role: RoleSchema, password: PasswordSchema });
const UserIdSchema = z.uuid({ error: say("validation.users.unknownUser") });
const ResetSchema = z.object({ userId: UserIdSchema, password: PasswordSchema });
const RoleChangeSchema = z.object({ userId: UserIdSchema, role: RoleSchema });
const DisableSchema = z.object({
  userId: UserIdSchema,
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});
const ON_USERS_PAGE = { paths: ["/users"] };

/** Never echo a password back into the form. */
function safeValues(values: Record<string, string>) {
  const { password: _password, ...rest } = values;
  void _password;
  return rest;
}

/** What the record of a refused or invalid attempt says: the operation, and the user it aimed at when typed. */
function operationOn(operation: string) {
  return (values: Record<string, string>) => ({
    details: { operation, targetUserId: recordableText(values.userId ?? "", 80) },
  });
}

function invalid(operation: string) {
  return (error: z.ZodError, values: Record<string, string>): InvalidReply => {
    const fieldErrors = z.flattenError(error).fieldErrors as Record<string, string[]>;
    // Zod's messages name the rule, never the value typed, so a password cannot reach the trail this way.
    return {
      message: say("actions.common.checkFields"),
      fieldErrors,
      values: safeValues(values),
      attempt: { details: { operation } },
      errorMessage: clipText(JSON.stringify(fieldErrors), 500),
    };
  };
}

export const createUserAction = formAction({
  name: "createUserAction",
  permission: "users:manage",
  audit: "user.create",
  schema: CreateSchema,
  attempt: () => ({ details: { operation: "create" } }),
  invalid: invalid("create"),
  handler: async ({ email, name, role, password }, ctx): Promise<ActionResult<{ userId: string }>> => {
    try {
      const user = await createUser(ctx.db, { email, name, role, password });
      await ctx.record(
        { outcome: "ok" },
        { details: { operation: "create", targetUserId: user.id, targetEmail: email, role } },
      );
      return { ok: true, userId: user.id };
    } catch (err) {
      if (!(err instanceof UserExistsError)) throw err;
      const message = say("actions.users.exists", { email });
      await ctx.record(
        { outcome: "invalid", errorCode: "UserExists", errorMessage: message },
        { details: { operation: "create", targetEmail: email } },
      );
      return actionFailure("UserExists", message, {
        fieldErrors: { email: [say("validation.users.alreadyInUse")] },
        values: safeValues(ctx.raw),
      });
    }
  },
  revalidate: ON_USERS_PAGE,
});

export const resetPasswordAction = formAction({
  name: "resetPasswordAction",
  permission: "users:manage",
  audit: "user.update",
  schema: ResetSchema,
  attempt: operationOn("reset-password"),
  invalid: invalid("reset-password"),
  handler: async ({ userId, password }, ctx): Promise<ActionResult> => {
    const user = await setUserPassword(ctx.db, userId, password);
    if (!user) return notFound(ctx, "reset-password", userId);
    await ctx.record(
      { outcome: "ok" },
      { details: { operation: "reset-password", targetUserId: user.id, targetEmail: user.email } },
    );
    return { ok: true };
  },
  revalidate: ON_USERS_PAGE,
});

export const changeRoleAction = formAction({
  name: "changeRoleAction",
  permission: "users:manage",
  audit: "user.update",
  schema: RoleChangeSchema,
  attempt: operationOn("change-role"),
  invalid: invalid("change-role"),
  handler: async ({ userId, role }, ctx): Promise<ActionResult> => {
    // An admin demoting themselves could leave nobody able to manage users.
    if (userId === ctx.actor.userId) return selfChange(ctx, "change-role", say("actions.users.selfRole"));
    const change = await changeRoleKeepingAnAdmin(ctx.db, userId, role);
    if (!change.ok && change.reason === "not-found") return notFound(ctx, "change-role", userId);
    if (!change.ok) return lastAdmin(ctx, "change-role", change.target);
    const { before } = change;
    await ctx.record(
      { outcome: "ok" },
      {
        details: {
          operation: "change-role",
          targetUserId: userId,
          targetEmail: before.email,
          from: before.role,
          to: role,
        },
      },
    );
    return { ok: true };
  },
  revalidate: ON_USERS_PAGE,
});

export const setUserDisabledAction = formAction({
  name: "setUserDisabledAction",
  permission: "users:manage",
  audit: "user.update",
  schema: DisableSchema,
  attempt: operationOn("set-disabled"),
  invalid: invalid("set-disabled"),
  handler: async ({ userId, disabled }, ctx): Promise<ActionResult> => {
    if (userId === ctx.actor.userId) return selfChange(ctx, "set-disabled", say("actions.users.selfDisable"));
    if (!disabled && !getConfig().demoMode) {
      // The README's promise: a demo account disabled at start-up comes back only with a password of its own.
      const target = await findUserById(ctx.db, userId);
      if (target && (await hasDemoPassword(target.passwordHash))) {
        const message = say("actions.users.demoPassword", { email: target.email });
        await ctx.record(
          { outcome: "invalid", errorCode: "DemoPassword", errorMessage: message },
          { details: { operation: "enable", targetUserId: userId, targetEmail: target.email } },
        );
        return actionFailure("DemoPassword", message);
      }
    }
    const change = await setDisabledKeepingAnAdmin(ctx.db, userId, disabled);
    if (!change.ok && change.reason === "not-found") return notFound(ctx, "set-disabled", userId);
    if (!change.ok) return lastAdmin(ctx, "disable", change.target);
    await ctx.record(
      { outcome: "ok" },
      {
        details: { operation: disabled ? "disable" : "enable", targetUserId: userId, targetEmail: change.after.email },
      },
    );
    return { ok: true };
  },
  revalidate: ON_USERS_PAGE,
});

async function notFound(ctx: Ctx, operation: string, userId: string): Promise<ActionResult> {
  const message = say("actions.users.notFound");
  await ctx.record(
    { outcome: "invalid", errorCode: "UserNotFound", errorMessage: message },
    { details: { operation, targetUserId: userId } },
  );
  return actionFailure("UserNotFound", message);
}

async function lastAdmin(ctx: Ctx, operation: string, target: { id: string; email: string }): Promise<ActionResult> {
  const message = say("actions.users.lastAdmin", { email: target.email });
  await ctx.record(
    { outcome: "denied", errorCode: "LastAdmin", errorMessage: message },
    { details: { operation, targetUserId: target.id, targetEmail: target.email } },
  );
  return actionFailure("LastAdmin", message);
}

async function selfChange(ctx: Ctx, operation: string, message: string): Promise<ActionResult> {
  await ctx.record(
    { outcome: "invalid", errorCode: "SelfChange", errorMessage: message },
    { details: { operation, targetUserId: ctx.actor.userId } },
  );
  return actionFailure("InvalidInput", message);
}
