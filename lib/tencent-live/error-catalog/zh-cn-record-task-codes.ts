import { UNKNOWN_RECORD_TASK_CODE } from "../record-task-types";
import type { RecordTaskAction } from "../types";
import { z, type ZhTexts } from "./zh-cn-entry";

/** record-task-codes.ts in Chinese: what a RecordTask action's own reading of a code means. */

const REGION = z(
  "地域缺失或不受支持",
  "RecordTask 接口需要指定地域（X-TC-Region），而腾讯云拒绝了 RecDesk 发送的地域。",
  "需要管理员将 TENCENTCLOUD_REGION 设置为账号的云直播地域（通常为 ap-guangzhou），然后重启 RecDesk。",
);

const unknownTask = (what: string) =>
  z(
    "RecordTask 不存在或任务 ID 无效",
    `腾讯云拒绝了此任务 ID：账号下不存在该 ID 的 RecordTask（可能已被删除，或已超过 3 个月过期），或者该 ID 根本不是 RecordTask 的任务 ID。${what}`,
    "请检查任务 ID（RecordTask 的任务 ID 是一串较长的字母和数字；旧版接口的任务 ID 是数字，需要用旧版接口停止）。刷新录制任务列表，查看腾讯云上仍有哪些任务。",
  );

const UNSUPPORTED = z(
  "此任务不支持该操作",
  "腾讯云在此处不支持该 RecordTask 操作，例如任务属于另一套（旧版）接口、推流域名未开启录制，或在此地域不可用。",
  "请确认该任务是 RecordTask，且推流域名在此地域开启了录制；旧版接口的任务请用旧版停止。",
);

export const ZH_RECORD_TASK_CODES: Record<RecordTaskAction, Record<string, ZhTexts>> = {
  CreateRecordTask: {
    InvalidParameter: z(
      "录制请求无效",
      "腾讯云拒绝了某个参数：结束时间必须晚于开始时间和当前时间，最多在 7 天之后，且距开始时间不超过 24 小时；流名称、推流路径和推流域名必须有效。",
      "请修正时间或名称后重试。未创建任何任务。",
    ),
    "LimitExceeded.MaximumRunningTask": z(
      "此直播流或账号的任务过多",
      "腾讯云同时允许的 RecordTask 已达上限（同一直播流上最多同时运行 3 个时间重叠的任务）。",
      "请停止或删除同一直播流上与此任务时间重叠的任务，或选择不重叠的时间，然后重试。",
    ),
    UnsupportedOperation: UNSUPPORTED,
    MissingParameter: REGION,
    InvalidParameterValue: z(
      "录制请求无效",
      "某个值超出范围（时间、StreamType 或 TemplateId），或 RecDesk 发送的地域不受支持。",
      "请修正这些值后重试；如果返回信息提到地域，请正确设置 TENCENTCLOUD_REGION。",
    ),
  },
  StopRecordTask: {
    [UNKNOWN_RECORD_TASK_CODE]: unknownTask("未停止任何任务。"),
    UnsupportedOperation: UNSUPPORTED,
    MissingParameter: REGION,
  },
  DeleteRecordTask: {
    [UNKNOWN_RECORD_TASK_CODE]: unknownTask("未删除任何任务。"),
    UnsupportedOperation: UNSUPPORTED,
    MissingParameter: REGION,
  },
  DescribeRecordTask: {
    InvalidParameter: z(
      "任务列表查询被拒绝",
      "腾讯云拒绝了任务列表查询的时间范围（最长 7 天，且开始时间不早于 90 天前）。",
      "请带上请求 ID 报告给 RecDesk 团队：这些时间范围由 RecDesk 自行选择。",
    ),
    InvalidParameterValue: z(
      "任务列表查询被拒绝",
      "腾讯云拒绝了任务列表查询中的某个值：时间范围（最长 7 天，且开始时间不早于 90 天前）或地域。",
      "请检查 TENCENTCLOUD_REGION；如果设置无误，请带上请求 ID 报告给 RecDesk 团队。",
    ),
    UnsupportedOperation: z(
      "不支持查询任务列表",
      "腾讯云不支持为此账号或地域查询 RecordTask 列表。",
      "请检查 TENCENTCLOUD_REGION；RecordTask 列表将保持上次成功刷新时的内容。",
    ),
    MissingParameter: REGION,
  },
  DescribeLiveRecordTemplates: {
    MissingParameter: REGION,
  },
};
