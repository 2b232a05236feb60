import { e, internal, TRY_AGAIN, type Entry } from "./entry";

/** The account, legacy recording tasks, Tencent-side failures and rate limits. */
export const SERVICE_CODES: Record<string, Entry> = {
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
};
