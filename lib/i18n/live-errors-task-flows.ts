import type { ZhTexts } from "@/lib/tencent-live/error-catalog/zh-cn-entry";

/**
 * lib/tasks/local-errors.ts in Chinese: the refusals and states RecDesk itself produces around the task flows.
 * They travel in action results next to Tencent's codes, so localizeExplanation says them too; it recognises each
 * by the exact English explainTaskError gives, so a changed English text stays English rather than wrong.
 */
export const ZH_TASK_FLOW_CODES: Readonly<Record<string, ZhTexts>> = {
  "RecDesk.StopInProgress": {
    title: "其他人正在停止此任务",
    meaning: "此任务的另一个停止请求仍在等待腾讯云应答。RecDesk 只发送了一次请求，您的请求没有重复发送。",
    nextStep: "请几秒后刷新录制任务列表：该行会显示那次停止的结果和请求 ID。",
  },
  "RecDesk.Interrupted": {
    title: "停止因重启而中断",
    meaning: "RecDesk 在此停止请求等待腾讯云应答时重启了，因此无法确定任务是否已停止。",
    nextStep: "请再次点击停止录制：停止一个已停止的任务是安全的。",
  },
  "RecDesk.TaskNotRegistered": {
    title: "任务未登记",
    meaning: "RecDesk 中没有此任务 ID 的任务，因此无法从此列表停止。",
    nextStep: "请使用按 ID 停止（录制任务 → 按 ID 停止），填写流名称和任务 ID。",
  },
  "RecDesk.StreamMismatch": {
    title: "任务 ID 属于其他直播流",
    meaning: "RecDesk 已将此任务 ID 登记在另一个流名称下。腾讯云会校验两者是否一致，因此此请求会失败。",
    nextStep:
      "请对照工单检查流名称和任务 ID。如果工单正确而登记有误，请值班工程师或管理员更正登记信息（录制任务 → 更正登记信息），之后即可停止。",
  },
  "RecDesk.DeleteWhileRecording": {
    title: "请先停止再删除",
    meaning:
      "此旧版接口任务正在录制。腾讯云不允许删除正在录制的旧版任务（FailedOperation.AlterTaskState），因此未发送任何请求。",
    nextStep: "请先停止该任务（该行的停止录制按钮），再删除。",
  },
  "RecDesk.NothingToCorrect": {
    title: "无需更正",
    meaning: "该任务登记的流名称、推流路径和推流域名与填写的完全相同，未做任何修改。",
    nextStep: "如果停止仍然失败，请对照腾讯云检查任务 ID 和流名称（直播流页面列出了它的任务）。",
  },
  InvalidInput: {
    title: "请检查标出的字段",
    meaning: "某个值无效，RecDesk 拒绝了此请求，未向腾讯云发送任何请求。",
    nextStep: "请修正标红的字段后重新提交。",
  },
  Forbidden: {
    title: "您的角色无权执行此操作",
    meaning: "您的角色不包含此操作。未向腾讯云发送任何请求；此次尝试已记录。",
    nextStep: "请值班工程师或管理员代为操作，或请其更改您的角色。",
  },
  Unauthenticated: {
    title: "已退出登录",
    meaning: "您的会话已结束。未向腾讯云发送任何请求。",
    nextStep: "请重新登录，然后再次操作。",
  },
};
