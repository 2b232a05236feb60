// The error catalog: every code RecDesk can meet at the Live API edge, in plain words, with what the
// person in front of the screen should do next. Sources: the StopLiveRecord/CreateLiveRecord/
// DeleteLiveRecord/DescribeLiveStream*/DescribeLiveDomains error lists and the API 3.0 common codes
// (shared/reference/tencent-live-api.md §1.1–1.13, §2.3), plus the codes this client makes up for
// failures that never reached Tencent (RecDesk.*).

export interface LiveErrorExplanation {
  code: string;
  title: string;
  meaning: string;
  nextStep: string;
  /** Whether trying the same call again later can succeed. */
  retryable: boolean;
  /** The whole account (or the credentials) is affected: a bulk job must pause instead of trying the next item. */
  accountLevel: boolean;
}

type Entry = Omit<LiveErrorExplanation, "code">;

const TRY_AGAIN = "Try again in a minute. If it keeps happening, contact Tencent Cloud support with the RequestId.";
const FIX_CREDENTIALS =
  "An administrator must fix the Tencent Cloud API key in RecDesk's configuration (TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY).";

function e(title: string, meaning: string, nextStep: string, retryable = false, accountLevel = false): Entry {
  return { title, meaning, nextStep, retryable, accountLevel };
}

const internal = (what: string) =>
  e(
    "Tencent Cloud internal error",
    `Tencent Cloud had an internal problem (${what}). Nothing was wrong with the request.`,
    TRY_AGAIN,
    true,
  );

const CATALOG: Record<string, Entry> = {
  // --- Account states: nothing RecDesk can do; every further call fails the same way.
  "ResourceNotFound.StopService": e(
    "Account in arrears",
    "Tencent Cloud suspended the Live service because the account balance is negative.",
    "Top up the Tencent Cloud account to a positive balance and re-enable Live. Nothing RecDesk can do until then.",
    false,
    true,
  ),
  "ResourceNotFound.FreezeService": e(
    "Live service frozen",
    "Tencent Cloud froze the Live service on this account.",
    "The account owner must contact Tencent Cloud to find out why and unfreeze it.",
    false,
    true,
  ),
  "ResourceNotFound.ForbidService": e(
    "Account banned from Live",
    "Tencent Cloud has blocked this account from using the Live service.",
    "The account owner must contact Tencent Cloud support. Nothing RecDesk can do.",
    false,
    true,
  ),
  "ResourceNotFound.UserDisableService": e(
    "Live service disabled by the account",
    "Someone on this account turned the Live service off in the Tencent Cloud console.",
    "Re-enable Live in the Tencent Cloud console, then try again.",
    false,
    true,
  ),
  "ResourceNotFound.UserNotExist": e(
    "Live not activated",
    "This Tencent Cloud account has not signed up for the Live service.",
    "Activate Live in the Tencent Cloud console for this account.",
    false,
    true,
  ),
  "ResourceNotFound.InvalidUser": e(
    "Account not allowed",
    "This account is not allowed to call this API.",
    "Contact Tencent Cloud support to get access.",
    false,
    true,
  ),

  // --- Legacy recording tasks.
  "ResourceNotFound.TaskId": e(
    "Task not found",
    "Tencent Cloud has no recording task with this TaskId (for this stream name).",
    "Check the TaskId and the stream name. The task may have been deleted or created under another account.",
  ),
  "ResourceNotFound.ChannelNotExist": e(
    "Stream not found",
    "The stream (channel) named in the request does not exist.",
    "Check the stream name, app name and domain.",
  ),
  "FailedOperation.AlterTaskState": e(
    "Task state cannot change",
    "The task could not be changed in its current state. DeleteLiveRecord cannot delete a task that is still recording.",
    "Stop the recording first (StopLiveRecord), then delete it.",
  ),
  "LimitExceeded.MaximumRunningTask": e(
    "Too many recordings running",
    "The account already has the maximum number of recording tasks running at once (400 for scheduled tasks).",
    "Stop recordings you no longer need, then try again.",
  ),
  "LimitExceeded.MaximumTask": e(
    "Daily task quota used up",
    "The account has created the maximum number of recording tasks for today (4,000 scheduled tasks).",
    "Wait until tomorrow (China Standard Time) or delete unneeded tasks.",
  ),
  "ResourceUnavailable.InvalidVodStatus": e(
    "VOD not activated",
    "Recordings are stored in Tencent Cloud VOD, and VOD is not active on this account.",
    "Activate VOD (and make sure it is not in arrears), then try again.",
    false,
    true,
  ),
  "ResourceUnavailable.StreamNotExist": e(
    "Stream is not live",
    "The stream to record is not being pushed right now.",
    "Start pushing the stream, or schedule the recording for a time when it will be live.",
    true,
  ),

  // --- Internal errors (retryable).
  InternalError: internal("unspecified"),
  "InternalError.GetConfigError": internal("could not load configuration"),
  "InternalError.NetworkError": internal("internal network error"),
  "InternalError.SystemError": internal("system error"),
  "InternalError.CallOtherSvrError": internal("a call to another internal service failed"),
  "InternalError.ConfigNotExist": internal("configuration does not exist"),
  "InternalError.GetBizidError": internal("could not resolve the account"),
  "InternalError.GetStreamInfoError": internal("could not read stream information"),
  "InternalError.GetUpstreamInfoError": internal("could not read upstream information"),
  "InternalError.NotPermmitOperat": e(
    "Operation not permitted",
    "Tencent Cloud refused the operation for this account (InternalError.NotPermmitOperat).",
    "Check the account's Live permissions; contact Tencent Cloud support if they look right.",
  ),
  "InternalError.StreamStatusError": internal("abnormal stream state"),
  "InternalError.UpdateDataError": internal("data update failed"),
  "InternalError.ConnectDbError": internal("database connection failed"),
  "InternalError.DBError": internal("database error"),
  "FailedOperation.CallOtherSvrFailed": internal("a call to another internal service failed"),
  FailedOperation: e("Operation failed", "Tencent Cloud could not complete the operation.", TRY_AGAIN, true),
  ServiceUnavailable: e(
    "Service temporarily unavailable",
    "Tencent Cloud's Live API is temporarily unavailable.",
    TRY_AGAIN,
    true,
  ),
  "ResourceNotFound.EmptyData": e(
    "No data",
    "Tencent Cloud has nothing matching this query.",
    "Nothing to do; widen the filter if you expected results.",
  ),

  // --- Rate limits (the client already retried with back-off before showing these).
  RequestLimitExceeded: e(
    "Too many requests",
    "Tencent Cloud refused the call because too many requests of this kind were sent in the same second.",
    "Wait a few seconds and try again; bulk jobs slow down automatically.",
    true,
  ),
  "RequestLimitExceeded.UinLimitExceeded": e(
    "Account request limit reached",
    "This account sent more requests per second than Tencent Cloud allows.",
    "Wait a few seconds and try again.",
    true,
  ),
  "RequestLimitExceeded.IPLimitExceeded": e(
    "IP request limit reached",
    "This server's IP address sent more requests per second than Tencent Cloud allows.",
    "Wait a few seconds and try again.",
    true,
  ),
  "RequestLimitExceeded.GlobalRegionUinLimitExceeded": e(
    "Global account request limit reached",
    "The account exceeded Tencent Cloud's global per-account rate limit.",
    "Wait a few seconds and try again.",
    true,
  ),
  LimitExceeded: e(
    "Quota exceeded",
    "An account quota was exceeded.",
    "Free up quota (stop or delete unneeded resources) or ask Tencent Cloud to raise it.",
  ),

  // --- Parameters: a bug or a bad input, never fixed by retrying.
  InvalidParameter: e(
    "Invalid parameter",
    "Tencent Cloud rejected a parameter's format or type.",
    "Check the values entered (stream name, TaskId, times). If they look right, report it to the RecDesk team with the RequestId.",
  ),
  InvalidParameterValue: e(
    "Invalid parameter value",
    "A parameter had a value Tencent Cloud does not accept (out of range, wrong format, or an unknown option).",
    "Check the values entered. If they look right, report it to the RecDesk team with the RequestId.",
  ),
  MissingParameter: e(
    "Missing parameter",
    "A required parameter was not sent.",
    "Report it to the RecDesk team with the RequestId; this is a RecDesk bug.",
  ),
  UnknownParameter: e(
    "Unknown parameter",
    "The request contained a parameter this API does not define.",
    "Report it to the RecDesk team with the RequestId; this is a RecDesk bug.",
  ),
  InvalidAction: e(
    "Unknown API action",
    "Tencent Cloud does not know this API action.",
    "Report it to the RecDesk team; this is a RecDesk bug.",
  ),
  NoSuchVersion: e(
    "Unknown API version",
    "Tencent Cloud does not know the API version RecDesk sent.",
    "Report it to the RecDesk team; this is a RecDesk bug.",
  ),
  ActionOffline: e(
    "API retired",
    "Tencent Cloud has taken this API offline.",
    "Report it to the RecDesk team; RecDesk needs an update.",
  ),
  NoSuchProduct: e(
    "Unknown product",
    "The endpoint does not serve the Live product.",
    "Check TENCENTCLOUD_LIVE_ENDPOINT (normally https://live.tencentcloudapi.com).",
    false,
    true,
  ),
  InvalidRequest: e(
    "Malformed request",
    "Tencent Cloud could not read the request body.",
    "Report it to the RecDesk team with the RequestId.",
  ),
  RequestSizeLimitExceeded: e(
    "Request too large",
    "The request body is larger than Tencent Cloud accepts.",
    "Send fewer items per request.",
  ),
  ResponseSizeLimitExceeded: e(
    "Response too large",
    "The answer would be larger than Tencent Cloud returns.",
    "Use a smaller page size.",
  ),
  UnsupportedProtocol: e(
    "Unsupported HTTP method",
    "Tencent Cloud accepts only GET and POST.",
    "Report it to the RecDesk team.",
  ),
  UnsupportedRegion: e(
    "Unsupported region",
    "This API does not work in the region sent.",
    "Report it to the RecDesk team.",
  ),
  UnsupportedOperation: e(
    "Unsupported operation",
    "Tencent Cloud does not support this operation here.",
    "Check what you asked for; some features are not available for every domain or region.",
  ),
  DryRunOperation: e("Dry run", "The request would have succeeded, but it was a dry run.", "Nothing to do."),
  ResourceInUse: e("Resource in use", "The resource is in use.", "Wait until it is free, then try again.", true),
  ResourceInsufficient: e(
    "Resource insufficient",
    "Tencent Cloud does not have enough of the resource.",
    TRY_AGAIN,
    true,
  ),
  ResourceNotFound: e(
    "Resource not found",
    "Tencent Cloud could not find what the request named.",
    "Check the names and IDs entered.",
  ),
  ResourceUnavailable: e("Resource unavailable", "The resource exists but cannot be used right now.", TRY_AGAIN, true),

  // --- Credentials and access: every call fails until an administrator acts.
  "AuthFailure.SecretIdNotFound": e(
    "API key not found",
    "Tencent Cloud does not know this SecretId: it was deleted, disabled, or has stray whitespace.",
    FIX_CREDENTIALS,
    false,
    true,
  ),
  "AuthFailure.InvalidSecretId": e(
    "Not a Tencent Cloud API key",
    "The SecretId is not a Tencent Cloud API key.",
    FIX_CREDENTIALS,
    false,
    true,
  ),
  "AuthFailure.SignatureFailure": e(
    "Signature rejected",
    "Tencent Cloud could not verify the request signature: usually the SecretKey does not belong to the SecretId.",
    FIX_CREDENTIALS,
    false,
    true,
  ),
  "AuthFailure.SignatureExpire": e(
    "Server clock is off",
    "The request's timestamp differs from Tencent Cloud's clock by more than 5 minutes.",
    "An administrator must fix the RecDesk server's clock (enable NTP).",
    false,
    true,
  ),
  "AuthFailure.TokenFailure": e(
    "Temporary credentials rejected",
    "The session token is wrong or has expired.",
    "An administrator must renew TENCENTCLOUD_SESSION_TOKEN together with the temporary key pair.",
    false,
    true,
  ),
  "AuthFailure.InvalidAuthorization": e(
    "Malformed Authorization header",
    "Tencent Cloud could not read the request's Authorization header.",
    "Report it to the RecDesk team; this is a RecDesk bug.",
    false,
    true,
  ),
  "AuthFailure.MFAFailure": e(
    "MFA check failed",
    "Tencent Cloud requires multi-factor authentication for this key.",
    FIX_CREDENTIALS,
    false,
    true,
  ),
  "AuthFailure.UnauthorizedOperation": e(
    "Key not authorized",
    "The API key is valid but its CAM policy does not allow this Live action.",
    "An administrator must grant the key's sub-account the Live permissions RecDesk needs (e.g. QcloudLiveFullAccess).",
    false,
    true,
  ),
  UnauthorizedOperation: e(
    "Not authorized",
    "The account or key is not authorized for this operation.",
    "An administrator must grant the missing permission in Tencent Cloud CAM.",
    false,
    true,
  ),
  IpInBlacklist: e(
    "Server IP blocked",
    "Tencent Cloud blocks calls from this server's IP address.",
    "An administrator must remove the IP from the blacklist.",
    false,
    true,
  ),
  IpNotInWhitelist: e(
    "Server IP not allowed",
    "The API key only accepts calls from whitelisted IPs, and this server is not one.",
    "An administrator must add the RecDesk server's IP to the key's whitelist.",
    false,
    true,
  ),

  // --- Failures that never got a Tencent answer (made up by this client).
  "RecDesk.Timeout": e(
    "No answer in time",
    "Tencent Cloud did not answer before the timeout. The call may or may not have taken effect.",
    "Check the task's state before trying again; for a stop, trying again is safe.",
    true,
  ),
  "RecDesk.NetworkError": e(
    "Could not reach Tencent Cloud",
    "The connection to the Live API failed (refused, reset, or a gateway error).",
    "Check the server's network; try again in a minute.",
    true,
  ),
  "RecDesk.MalformedResponse": e(
    "Unreadable answer",
    "Tencent Cloud (or something in between) answered with a body that is not the expected JSON.",
    "Try again; if it persists, check for a proxy between RecDesk and Tencent Cloud.",
    true,
  ),
  "RecDesk.Aborted": e(
    "Cancelled",
    "The call was cancelled before Tencent Cloud answered. It may or may not have taken effect.",
    "Check the task's state; start the action again if needed.",
  ),
  "RecDesk.InvalidInput": e(
    "Invalid input",
    "RecDesk refused to send the request because a value is not valid (checked locally; nothing was sent).",
    "Correct the highlighted value and try again.",
  ),
  // --- Bulk-job bookkeeping (audit records only: the item itself goes back to its queue).
  "RecDesk.Busy": e(
    "RecDesk is busy",
    "Too many Stops were already waiting for Tencent Cloud's rate limit in this server (at most 100 single Stops wait at once), so this one was refused at once. Nothing was sent.",
    "Wait a few seconds and press Stop again. To stop many tasks, use bulk stop: its worker queues them on the server and is never refused.",
    true,
  ),
  "RecDesk.UserRateLimited": e(
    "Too many requests from you",
    "You reached the per-person limit for calls that spend the Tencent Cloud account's shared quota (30 Stop by ID requests, 60 stream state lookups a minute). Nothing was sent.",
    "Wait the number of seconds the message names and try again. To stop many tasks, use bulk stop (on-call engineers and admins).",
    true,
  ),
  "RecDesk.NotSent": e(
    "Not sent",
    "RecDesk recorded the intent but did not send the Stop: the job was paused or cancelled, or its worker stopped first.",
    "Nothing to do: the task went back to the job's queue and is sent when the job runs.",
  ),
  "RecDesk.AuditInterrupted": e(
    "Interrupted",
    "RecDesk stopped (a crash or restart) between recording the intent and recording the answer. The call may or may not have reached Tencent Cloud.",
    "Check the task's state; a bulk job sends such a Stop again by itself.",
  ),
};

/** Retry, pause or show: everything a caller needs to know about an error code. Never throws. */
export function explainLiveError(code: string, message?: string): LiveErrorExplanation {
  const known = CATALOG[code];
  if (known) return { code, ...known };
  // A sub-code we have never seen still belongs to a family we know (RequestLimitExceeded.Foo is a rate limit).
  const family = code.includes(".") ? CATALOG[code.slice(0, code.indexOf("."))] : undefined;
  const detail = message ? ` Tencent Cloud said: "${message}".` : "";
  if (family) {
    return { code, ...family, meaning: `${family.meaning} (code ${code}).${detail}` };
  }
  return {
    code,
    title: `Unexpected error ${code || "(no code)"}`,
    meaning: `RecDesk does not know the error code ${code || "(none)"}.${detail}`,
    nextStep: "Try again later; if it keeps happening, send the code, message and RequestId to the RecDesk team.",
    retryable: false,
    accountLevel: false,
  };
}

/** Every code the catalog explains, for tests and for an error reference page. */
export const KNOWN_LIVE_ERROR_CODES: readonly string[] = Object.keys(CATALOG);

/** Codes that say "this second is full": the client retries these with back-off. */
export function isRateLimitCode(code: string): boolean {
  return code === "RequestLimitExceeded" || code.startsWith("RequestLimitExceeded.");
}
