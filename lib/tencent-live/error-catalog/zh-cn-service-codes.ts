import { z, zhInternal, ZH_TRY_AGAIN, type ZhTexts } from "./zh-cn-entry";

/** service-codes.ts in Chinese: the account, legacy recording tasks, Tencent-side failures and rate limits. */
export const ZH_SERVICE_CODES: Record<string, ZhTexts> = {
  // --- 账号状态
  "ResourceNotFound.StopService": z(
    "账号欠费停服",
    "用户欠费停服：腾讯云账号余额为负，云直播服务已被暂停。",
    "请先为腾讯云账号充值至余额为正，再重新启用云直播服务。在此之前 RecDesk 无法操作。",
  ),
  "ResourceNotFound.FreezeService": z(
    "云直播服务已冻结",
    "用户服务已冻结：腾讯云冻结了此账号的云直播服务。",
    "请账号所有者联系腾讯云，了解冻结原因并申请解冻。",
  ),
  "ResourceNotFound.ForbidService": z(
    "账号已被禁用云直播",
    "用户被禁用：腾讯云已禁止此账号使用云直播服务。",
    "请账号所有者联系腾讯云技术支持。RecDesk 无法处理。",
  ),
  "ResourceNotFound.UserDisableService": z(
    "云直播服务已被主动停用",
    "用户主动停服：此账号中有人在腾讯云控制台关闭了云直播服务。",
    "请在腾讯云控制台重新启用云直播服务，然后重试。",
  ),
  "ResourceNotFound.UserNotExist": z(
    "未开通云直播",
    "用户未注册直播：此腾讯云账号尚未开通云直播服务。",
    "请在腾讯云控制台为此账号开通云直播服务。",
  ),
  "ResourceNotFound.InvalidUser": z("账号无权调用", "此账号不允许调用该接口。", "请联系腾讯云技术支持开通权限。"),

  // --- 旧版录制任务
  "ResourceNotFound.TaskId": z(
    "任务不存在",
    "任务 ID 不存在：腾讯云没有此任务 ID（对应此流名称）的录制任务。",
    "请检查任务 ID 和流名称。该任务可能已被删除，或创建于其他账号下。",
  ),
  "ResourceNotFound.ChannelNotExist": z(
    "直播流不存在",
    "频道不存在：请求中指定的直播流不存在。",
    "请检查流名称、推流路径和推流域名。",
  ),
  "FailedOperation.AlterTaskState": z(
    "无法修改任务状态",
    "修改任务状态失败：任务在当前状态下无法修改。DeleteLiveRecord 不能删除仍在录制中的任务。",
    "请先停止录制（StopLiveRecord），再删除该任务。",
  ),
  "LimitExceeded.MaximumRunningTask": z(
    "运行中的录制任务过多",
    "运行中的任务数已达上限：此账号同时运行的录制任务已达上限（定时录制任务最多 400 个）。",
    "请停止不再需要的录制，然后重试。",
  ),
  "LimitExceeded.MaximumTask": z(
    "当日任务数已达上限",
    "当日任务数已达上限：此账号今天创建的录制任务已达上限（定时录制任务 4,000 个）。",
    "请等到明天（北京时间）再创建，或删除不需要的任务。",
  ),
  "ResourceUnavailable.InvalidVodStatus": z(
    "未开通云点播",
    "点播服务状态异常：录制文件存储在腾讯云云点播（VOD），而此账号未开通云点播。",
    "请开通云点播（并确认未欠费），然后重试。",
  ),
  "ResourceUnavailable.StreamNotExist": z(
    "直播流未在推流",
    "流不存在：要录制的直播流当前没有在推流。",
    "请开始推流，或将录制安排在直播流推流的时间段。",
  ),

  // --- 内部错误（可重试）
  InternalError: zhInternal("内部错误"),
  "InternalError.GetConfigError": zhInternal("获取配置错误"),
  "InternalError.NetworkError": zhInternal("内部网络错误"),
  "InternalError.SystemError": zhInternal("系统内部错误"),
  "InternalError.CallOtherSvrError": zhInternal("调用内部服务错误"),
  "InternalError.ConfigNotExist": zhInternal("配置不存在"),
  "InternalError.GetBizidError": zhInternal("获取用户账号错误"),
  "InternalError.GetStreamInfoError": zhInternal("获取直播流信息错误"),
  "InternalError.GetUpstreamInfoError": zhInternal("获取上行信息错误"),
  "InternalError.NotPermmitOperat": z(
    "无权限操作",
    "无权限操作：腾讯云拒绝了此账号的这项操作（InternalError.NotPermmitOperat）。",
    "请检查账号的云直播权限；如果权限无误，请联系腾讯云技术支持。",
  ),
  "InternalError.StreamStatusError": zhInternal("流状态异常"),
  "InternalError.UpdateDataError": zhInternal("更新数据操作失败"),
  "InternalError.ConnectDbError": zhInternal("数据库连接错误"),
  "InternalError.DBError": zhInternal("数据库执行错误"),
  "FailedOperation.CallOtherSvrFailed": zhInternal("调用内部服务失败"),
  FailedOperation: z("操作失败", "操作失败：腾讯云未能完成此操作。", ZH_TRY_AGAIN),
  ServiceUnavailable: z("服务暂时不可用", "当前服务暂时不可用：腾讯云直播接口暂时无法使用。", ZH_TRY_AGAIN),
  "ResourceNotFound.EmptyData": z(
    "无数据",
    "数据为空：腾讯云没有符合此查询条件的数据。",
    "无需处理；如果预期会有结果，请放宽筛选条件。",
  ),

  // --- 请求频率超限（客户端已按退避策略重试过）
  RequestLimitExceeded: z(
    "请求频率超限",
    "请求的次数超过了频率限制：同一秒内发送的此类请求过多，腾讯云拒绝了本次调用。",
    "请等待几秒后重试；批量任务会自动降低速度。",
  ),
  "RequestLimitExceeded.UinLimitExceeded": z(
    "账号请求频率超限",
    "主账号限频：此账号每秒发送的请求数超过了腾讯云的限制。",
    "请等待几秒后重试。",
  ),
  "RequestLimitExceeded.IPLimitExceeded": z(
    "IP 请求频率超限",
    "IP 限频：此服务器的 IP 地址每秒发送的请求数超过了腾讯云的限制。",
    "请等待几秒后重试。",
  ),
  "RequestLimitExceeded.GlobalRegionUinLimitExceeded": z(
    "账号全局请求频率超限",
    "主账号超过频率限制：此账号超过了腾讯云的全局单账号频率限制。",
    "请等待几秒后重试。",
  ),
  LimitExceeded: z(
    "超过配额限制",
    "超过配额限制：此账号的某项配额已用尽。",
    "请释放配额（停止或删除不需要的资源），或申请腾讯云提高配额。",
  ),
};
