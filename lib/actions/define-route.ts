import type { z } from "zod";
import { recordDenied, recordInvalid, type Attempt } from "@/lib/audit/refusal";
import type { AuditAction } from "@/lib/audit/types";
import type { AuthCheck } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/require";
import type { Permission } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import type { Database } from "@/lib/db/types";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { logActionOutcome } from "@/lib/observability/action-log";
import { SHUTTING_DOWN_MESSAGE, trackInFlight } from "@/lib/observability/in-flight";
import { isShuttingDown } from "@/lib/observability/shutdown-state";
import type { Locale } from "@/lib/i18n/locales";
import { say } from "@/lib/validation/messages";
import { answerLocale, localizeAnswer, localizeText } from "./localize";

/*
 * The one shape of a route handler, as define-action.ts is for server actions: authorize (401/403 with a typed
 * JSON body), then parse the request (400 with the field errors), then the handler. Routes that name an audit
 * action have their refusals and invalid requests audited here; the others answer without a record, as before.
 * The words of an answer are in the request's language (lib/actions/localize.ts); the audit record keeps English.
 */

type Allowed = Extract<AuthCheck, { ok: true }>;

/** What a request parser answers: the input, or the field errors and what the audit record keeps of the try. */
export type RouteInput<T> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors: Record<string, string[]>; attempt?: Pick<Attempt, "target" | "details"> };

export interface RouteContext<Params> {
  db: Database;
  auth: Allowed;
  request: Request;
  params: Params;
  /** The request's language, for the words of the handler's own answer (localizeText, localizeExplanation). */
  locale: Locale;
}

interface RouteSpec<Input, Params> {
  permission: Permission;
  /** When set, a refused or invalid request is audited under this action. */
  audit?: AuditAction;
  /** Parses the request; the 400 answer says `invalidMessage`. */
  input?: (request: Request) => RouteInput<Input>;
  invalidMessage?: string;
  handler: (input: Input, ctx: RouteContext<Params>) => Promise<Response>;
}

/** A GET (or other) handler with Next's `(request, { params })` signature. */
export function defineRoute<Input = undefined, Params = Record<string, never>>(
  spec: RouteSpec<Input, Params>,
): (request: Request, context?: { params: Promise<Params> }) => Promise<Response> {
  const handle = async (
    request: Request,
    context: { params: Promise<Params> } | undefined,
    noteActor: (id: string) => void,
  ) => {
    const auth = await requirePermission(spec.permission);
    if (auth.ok) noteActor(auth.actor.userId);
    if (!auth.ok) {
      if (spec.audit) await recordDenied(await getDb(), auth, spec.audit);
      return Response.json(
        { ok: false, code: auth.code, message: await localizeText(auth.message, await answerLocale()) },
        { status: auth.code === "Unauthenticated" ? 401 : 403 },
      );
    }
    const parsed: RouteInput<Input> = spec.input ? spec.input(request) : { ok: true, data: undefined as Input };
    const db = await getDb();
    if (!parsed.ok) {
      if (spec.audit) await recordInvalid(db, auth, spec.audit, parsed.fieldErrors, parsed.attempt);
      const answer = {
        ok: false,
        code: "InvalidInput",
        message: spec.invalidMessage ?? say("actions.common.requestInvalid"),
        fieldErrors: parsed.fieldErrors,
      };
      return Response.json(await localizeAnswer(answer, await answerLocale()), { status: 400 });
    }
    const params = context ? await context.params : ({} as Params);
    return spec.handler(parsed.data, { db, auth, request, params, locale: await answerLocale() });
  };
  // Logged and tracked as actions are (define-action.ts): one outcome line each, and shutdown waits for it.
  return async (request, context) => {
    if (isShuttingDown()) {
      const message = await localizeText(SHUTTING_DOWN_MESSAGE, await answerLocale());
      return Response.json({ ok: false, code: "ShuttingDown", message }, { status: 503 });
    }
    const started = performance.now();
    let actorId: string | undefined;
    const response = await trackInFlight(() => handle(request, context, (id) => (actorId = id)));
    const outcome = response.ok ? "ok" : `http-${response.status}`;
    const action = spec.audit ?? new URL(request.url).pathname;
    logActionOutcome({ actorId, action, outcome, via: "route", durationMs: Math.round(performance.now() - started) });
    return response;
  };
}

/** A zod parse result as a route's input (field errors keyed by the query parameter). */
export function fromSafeParse<T>(parsed: z.ZodSafeParseResult<T>): RouteInput<T> {
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}
