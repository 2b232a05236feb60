import { z, type ZhTexts } from "./zh-cn-entry";

/** recdesk-codes.ts in Chinese: failures that never got a Tencent answer, and bulk bookkeeping. */
export const ZH_RECDESK_CODES: Record<string, ZhTexts> = {
  // --- 未收到腾讯云应答的失败（由 RecDesk 自行给出）
  "RecDesk.Timeout": z(
    "应答超时",
    "腾讯云在超时前没有应答。本次调用可能已生效，也可能未生效。",
    "重试前请先查看任务状态；停止录制可以放心重试。",
  ),
  "RecDesk.NetworkError": z(
    "无法连接腾讯云",
    "与云直播接口的连接失败（被拒绝、被重置或网关错误）。",
    "请检查服务器网络，1 分钟后重试。",
  ),
  "RecDesk.MalformedResponse": z(
    "无法读取应答",
    "腾讯云（或中间的某个环节）返回的内容不是预期的 JSON。",
    "请重试；如果问题持续，请检查 RecDesk 与腾讯云之间是否有代理。",
  ),
  "RecDesk.Aborted": z(
    "已取消",
    "本次调用在腾讯云应答前被取消。它可能已生效，也可能未生效。",
    "请查看任务状态；如有需要，请重新发起操作。",
  ),
  "RecDesk.InvalidInput": z(
    "输入无效",
    "某个值无效，RecDesk 拒绝发送请求（在本地检查，未发送任何请求）。",
    "请修正标出的值后重试。",
  ),
  // --- 批量任务记账（仅见于审计记录：该条目会回到队列）
  "RecDesk.Busy": z(
    "RecDesk 繁忙",
    "此服务器上等待腾讯云频率限制的停止请求已经太多（单个停止请求最多同时等待 100 个），因此本次请求被立即拒绝，未发送任何请求。",
    "请等待几秒后再次点击停止录制。如需停止大量任务，请使用批量停止：批量任务会在服务器上排队，不会被拒绝。",
  ),
  "RecDesk.UserRateLimited": z(
    "您的请求过多",
    "您已达到每人调用上限，这些调用会消耗腾讯云账号的共享配额（每分钟 30 次按 ID 停止、60 次直播流状态查询）。未发送任何请求。",
    "请按提示中的秒数等待后重试。如需停止大量任务，请使用批量停止（值班工程师和管理员可用）。",
  ),
  "RecDesk.NotSent": z(
    "未发送",
    "RecDesk 已记录操作意图，但没有发送停止请求：批量任务已暂停或取消，或其工作进程先停止了。",
    "无需处理：该任务已回到批量任务的队列，批量任务运行时会发送。",
  ),
  "RecDesk.AuditInterrupted": z(
    "已中断",
    "RecDesk 在记录操作意图和记录应答之间停止了（崩溃或重启）。本次调用可能已到达腾讯云，也可能没有。",
    "请查看任务状态；批量任务会自动重新发送此类停止请求。",
  ),
};
