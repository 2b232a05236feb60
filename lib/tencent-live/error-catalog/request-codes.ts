import { e, FIX_CREDENTIALS, TRY_AGAIN, type Entry } from "./entry";

/** Bad parameters, and credentials or access that an administrator must fix. */
export const REQUEST_CODES: Record<string, Entry> = {
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
};
