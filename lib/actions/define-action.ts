import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { actionFailure, formValues, type ActionFailure } from "@/lib/action-result";
import { recordAudit, type AuditAction } from "@/lib/audit";
import { auditWho, recordDenied, type Attempt } from "@/lib/audit/refusal";
import type { AuditResult } from "@/lib/audit/types";
import type { Actor, AuthCheck, RequestOrigin } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/require";
import type { Permission } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import type { Database } from "@/lib/db/types";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { logActionOutcome, outcomeOf } from "@/lib/observability/action-log";
import { SHUTTING_DOWN_MESSAGE, trackInFlight } from "@/lib/observability/in-flight";
import { isShuttingDown } from "@/lib/observability/shutdown-state";
import { say } from "@/lib/validation/messages";
import { answerInvalid, type InvalidReply } from "./invalid-reply";
import { answerLocale, localizeAnswer } from "./localize";
import { ACTION_REGISTRY } from "./registry";

export type { InvalidReply } from "./invalid-reply";

/*
 * The one shape of a server action: authorize (a refusal is audited, nothing else happens), then validate with
 * the action's zod schema (an invalid attempt is audited, nothing goes upstream), then the handler, then
 * revalidatePath. Successful outcomes are audited by the handler (ctx.record) or, for the write-ahead flows in
 * lib/tasks and lib/bulk, by the lib flow itself; the wrapper never audits a success, so nothing is audited twice.
 * Last, the answer is said in the person's language (lib/actions/localize.ts): messages and field errors were
 * made in English with lib/validation/messages.ts (the audit record keeps that English), explanations come from
 * the error catalog (lib/i18n/live-errors.ts).
 */

export type Allowed = Extract<AuthCheck, { ok: true }>;
export type Refused = Extract<AuthCheck, { ok: false }>;

/** What the handler gets besides its parsed input. */
export interface ActionContext<Raw> {
  db: Database;
  actor: Actor;
  origin: RequestOrigin;
  auth: Allowed;
  /** The input as it arrived (form values as strings), for echoing back into a form. */
  raw: Raw;
  /** Appends one audit record for this action (or `action`), in this person's name. */
  record(result: AuditResult, attempt?: Attempt, action?: AuditAction): Promise<number>;
}

interface Spec<Raw, S extends z.ZodType, R> {
  /** The exported name, so the authorization matrix can find every action. */
  name: string;
  permission: Permission;
  audit: AuditAction;
  /** Parses the raw input; a function when the schema depends on configuration read at call time. */
  schema: S | (() => S);
  /** What a refused or invalid attempt's audit record says was tried (target, reason, details, jobId). */
  attempt?: (raw: Raw) => Attempt;
  /** Extra fields for the refusal's answer (a form keeps what was typed, a task explains the code). */
  refusal?: (raw: Raw, failure: ActionFailure) => ActionFailure;
  invalid?: (error: z.ZodError, raw: Raw) => InvalidReply;
  handler: (input: z.output<S>, ctx: ActionContext<Raw>) => Promise<R>;
  /** Paths to revalidate after the handler; on every answer ("always") or only a successful one (default). */
  revalidate?: Revalidation;
}

export interface Revalidation {
  paths: Array<string | [string, "page" | "layout"]>;
  when?: "ok" | "always";
}

export type FormActionSpec<S extends z.ZodType, R> = Spec<Record<string, string>, S, R>;
export type ValueActionSpec<S extends z.ZodType, R> = Spec<unknown, S, R>;

type Answer = { ok: boolean } | ActionFailure;

/** An action bound to a form (useActionState's `(previous, formData)`); its raw input is the form's strings. */
export function formAction<S extends z.ZodType, R extends Answer>(
  spec: FormActionSpec<S, R>,
): (previous: unknown, formData: FormData) => Promise<R | ActionFailure> {
  return register(spec, async (_previous: unknown, formData: FormData) => observed(spec, formValues(formData)));
}

/** An action called with one value (or none) from a client component. */
export function valueAction<S extends z.ZodType, R extends Answer>(
  spec: ValueActionSpec<S, R>,
): (input?: unknown) => Promise<R | ActionFailure> {
  return register(spec, async (input?: unknown) => observed(spec, input));
}

function register<F extends (...args: never[]) => Promise<unknown>>(
  spec: Spec<never, z.ZodType, unknown>,
  action: F,
): F {
  // A module evaluated twice (dev reloads) declares the same action again: the newer one wins.
  ACTION_REGISTRY.set(spec.name, { permission: spec.permission, audit: spec.audit, action, handled: 0 });
  return action;
}

/**
 * Every action's outcome gets a log line (actor id, action, outcome, RequestId), and shutdown waits for actions in
 * flight (their audit outcome must be written); once shutdown has begun, new ones are refused before any intent.
 */
async function observed<Raw, S extends z.ZodType, R extends Answer>(
  spec: Spec<Raw, S, R>,
  raw: Raw,
): Promise<R | ActionFailure> {
  if (isShuttingDown()) return inLanguage(actionFailure("ShuttingDown", SHUTTING_DOWN_MESSAGE));
  const started = performance.now();
  let actorId: string | undefined;
  const answer = await trackInFlight(() => run(spec, raw, (id) => (actorId = id)));
  const durationMs = Math.round(performance.now() - started);
  logActionOutcome({ actorId, action: spec.audit, ...outcomeOf(answer), via: "action", durationMs });
  return inLanguage(answer);
}

/** The answer in the request's language; a success carries no words of the wrapper's to translate. */
async function inLanguage<A extends Answer>(answer: A): Promise<A> {
  if (answer.ok) return answer;
  return localizeAnswer(answer, await answerLocale());
}

async function run<Raw, S extends z.ZodType, R extends Answer>(
  spec: Spec<Raw, S, R>,
  raw: Raw,
  noteActor: (userId: string) => void,
): Promise<R | ActionFailure> {
  const auth = await requirePermission(spec.permission);
  if (auth.ok) noteActor(auth.actor.userId);
  const db = await getDb();
  if (!auth.ok) return refuse(db, spec, auth, raw);
  const schema =
    typeof spec.schema === "function" && !("safeParse" in spec.schema)
      ? (spec.schema as () => S)()
      : (spec.schema as S);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return rejectInput(db, spec, auth, raw, parsed.error);
  const entry = ACTION_REGISTRY.get(spec.name);
  if (entry) entry.handled += 1;
  const ctx: ActionContext<Raw> = {
    db,
    actor: auth.actor,
    origin: auth.origin,
    auth,
    raw,
    record: (result, attempt = {}, action = spec.audit) =>
      recordAudit(db, { ...auditWho(auth.actor, auth.origin), action, ...attempt }, result),
  };
  const result = await spec.handler(parsed.data, ctx);
  if (spec.revalidate && (result.ok || spec.revalidate.when === "always")) {
    for (const path of spec.revalidate.paths) {
      if (typeof path === "string") revalidatePath(path);
      else revalidatePath(path[0], path[1]);
    }
  }
  return result;
}

async function refuse<Raw>(
  db: Database,
  spec: Spec<Raw, z.ZodType, unknown>,
  auth: Refused,
  raw: Raw,
): Promise<ActionFailure> {
  await recordDenied(db, auth, spec.audit, spec.attempt?.(raw) ?? {});
  const failure = actionFailure(auth.code, auth.message);
  return spec.refusal ? spec.refusal(raw, failure) : failure;
}

function rejectInput<Raw>(
  db: Database,
  spec: Spec<Raw, z.ZodType, unknown>,
  auth: Allowed,
  raw: Raw,
  error: z.ZodError,
): Promise<ActionFailure> {
  const reply = spec.invalid?.(error, raw) ?? defaultInvalid(error, spec.attempt?.(raw));
  return answerInvalid(db, auditWho(auth.actor, auth.origin), spec.audit, reply);
}

function defaultInvalid(error: z.ZodError, attempt: Attempt | undefined): InvalidReply {
  return { message: say("actions.common.checkFields"), fieldErrors: fieldErrorsOf(error), attempt };
}
