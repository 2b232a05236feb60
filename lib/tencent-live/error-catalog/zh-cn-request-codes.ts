import { z, ZH_FIX_CREDENTIALS, ZH_REPORT_BUG, ZH_TRY_AGAIN, type ZhTexts } from "./zh-cn-entry";

/** request-codes.ts in Chinese: bad parameters, and credentials or access that an administrator must fix. */
export const ZH_REQUEST_CODES: Record<string, ZhTexts> = {
  // --- 参数错误：RecDesk 的缺陷或输入有误，重试无法解决。
  InvalidParameter: z(
    "参数错误",
    "参数错误（包括参数格式、类型等错误）：腾讯云拒绝了某个参数的格式或类型。",
    "请检查输入的值（流名称、任务 ID、时间）。如果看起来无误，请带上请求 ID 报告给 RecDesk 团队。",
  ),
  InvalidParameterValue: z(
    "参数取值错误",
    "参数取值错误：某个参数的值腾讯云不接受（超出范围、格式错误或选项未知）。",
    "请检查输入的值。如果看起来无误，请带上请求 ID 报告给 RecDesk 团队。",
  ),
  MissingParameter: z("缺少参数", "缺少参数：请求中没有发送某个必填参数。", ZH_REPORT_BUG),
  UnknownParameter: z("未知参数", "未知参数错误：请求中包含此接口未定义的参数。", ZH_REPORT_BUG),
  InvalidAction: z(
    "接口不存在",
    "接口不存在：腾讯云不认识此接口名称。",
    "请报告给 RecDesk 团队：这是 RecDesk 的缺陷。",
  ),
  NoSuchVersion: z(
    "接口版本不存在",
    "接口版本不存在：腾讯云不认识 RecDesk 发送的接口版本。",
    "请报告给 RecDesk 团队：这是 RecDesk 的缺陷。",
  ),
  ActionOffline: z("接口已下线", "接口已下线：腾讯云已将此接口下线。", "请报告给 RecDesk 团队：RecDesk 需要更新。"),
  NoSuchProduct: z(
    "产品不存在",
    "产品不存在：该接入地址不提供云直播服务。",
    "请检查 TENCENTCLOUD_LIVE_ENDPOINT（通常为 https://live.tencentcloudapi.com）。",
  ),
  InvalidRequest: z("请求格式错误", "请求体格式错误：腾讯云无法读取请求内容。", "请带上请求 ID 报告给 RecDesk 团队。"),
  RequestSizeLimitExceeded: z(
    "请求包过大",
    "请求包超过限制大小：请求内容超过了腾讯云接受的大小。",
    "请减少每次请求中的条目数。",
  ),
  ResponseSizeLimitExceeded: z(
    "返回包过大",
    "返回包超过限制大小：应答内容将超过腾讯云可返回的大小。",
    "请使用更小的分页大小。",
  ),
  UnsupportedProtocol: z(
    "请求协议错误",
    "HTTP(S) 请求协议错误：腾讯云只支持 GET 和 POST 请求。",
    "请报告给 RecDesk 团队。",
  ),
  UnsupportedRegion: z("接口不支持该地域", "接口不支持所传地域：此接口在所传地域不可用。", "请报告给 RecDesk 团队。"),
  UnsupportedOperation: z(
    "操作不支持",
    "操作不支持：腾讯云在此处不支持该操作。",
    "请检查您请求的内容；部分功能并非对每个推流域名或地域都可用。",
  ),
  DryRunOperation: z("DryRun 操作", "DryRun 操作：请求本会成功，但这只是一次 DryRun。", "无需处理。"),
  ResourceInUse: z("资源被占用", "资源被占用：该资源正在使用中。", "请等待资源释放后重试。"),
  ResourceInsufficient: z("资源不足", "资源不足：腾讯云的该项资源不足。", ZH_TRY_AGAIN),
  ResourceNotFound: z("资源不存在", "资源不存在：腾讯云找不到请求中指定的对象。", "请检查输入的名称和 ID。"),
  ResourceUnavailable: z("资源不可用", "资源不可用：该资源存在，但当前无法使用。", ZH_TRY_AGAIN),

  // --- 密钥与访问权限：在管理员处理之前，每次调用都会失败。
  "AuthFailure.SecretIdNotFound": z(
    "密钥不存在",
    "密钥不存在：腾讯云不认识此 SecretId，它可能已被删除或禁用，或前后带有空格。",
    ZH_FIX_CREDENTIALS,
  ),
  "AuthFailure.InvalidSecretId": z("密钥非法", "密钥非法：此 SecretId 不是云 API 密钥类型。", ZH_FIX_CREDENTIALS),
  "AuthFailure.SignatureFailure": z(
    "签名错误",
    "签名错误：腾讯云无法验证请求签名，通常是 SecretKey 与 SecretId 不匹配。",
    ZH_FIX_CREDENTIALS,
  ),
  "AuthFailure.SignatureExpire": z(
    "服务器时间不准",
    "签名过期：请求的时间戳与腾讯云服务器时间相差超过 5 分钟。",
    "需要管理员校准 RecDesk 服务器的时钟（启用 NTP）。",
  ),
  "AuthFailure.TokenFailure": z(
    "临时凭证被拒绝",
    "Token 错误：会话 Token 有误或已过期。",
    "需要管理员更新 TENCENTCLOUD_SESSION_TOKEN 及配套的临时密钥。",
  ),
  "AuthFailure.InvalidAuthorization": z(
    "Authorization 请求头格式错误",
    "请求头部的 Authorization 不符合腾讯云标准：腾讯云无法读取该请求头。",
    "请报告给 RecDesk 团队：这是 RecDesk 的缺陷。",
  ),
  "AuthFailure.MFAFailure": z("MFA 校验失败", "MFA 错误：腾讯云要求此密钥进行多因子认证。", ZH_FIX_CREDENTIALS),
  "AuthFailure.UnauthorizedOperation": z(
    "密钥未授权",
    "请求未授权：API 密钥有效，但其 CAM 策略不允许此云直播操作。",
    "需要管理员为该密钥所属的子账号授予 RecDesk 所需的云直播权限（例如 QcloudLiveFullAccess）。",
  ),
  UnauthorizedOperation: z(
    "未授权操作",
    "未授权操作：此账号或密钥无权执行该操作。",
    "需要管理员在腾讯云访问管理（CAM）中授予缺少的权限。",
  ),
  IpInBlacklist: z(
    "服务器 IP 已被拦截",
    "IP 地址在黑名单中：腾讯云拦截了来自此服务器 IP 地址的调用。",
    "需要管理员将该 IP 移出黑名单。",
  ),
  IpNotInWhitelist: z(
    "服务器 IP 不在白名单中",
    "IP 地址不在白名单中：此 API 密钥只接受白名单 IP 的调用，而此服务器不在其中。",
    "需要管理员将 RecDesk 服务器的 IP 加入该密钥的白名单。",
  ),
};
