import { UNKNOWN_RECORD_TASK_CODE } from "../record-task-types";
import type { RecordTaskAction } from "../types";
import { e, type Entry } from "./entry";

/*
 * What the RecordTask family's documented codes (§1.7–1.10) mean when one of its actions answers them, where the
 * general catalog's wording (written for the legacy actions) would mislead. Every other documented code of the
 * family (the account states, InternalError.*, ResourceUnavailable.InvalidVodStatus) means the same for both
 * families and is explained by the general catalog; tests/tencent-live/record-task.test.ts checks that every
 * documented code of every action gets a meaning and a next step.
 */

/** Each action's documented error codes (§1.7–1.10), for the test that checks every one is explained. */
const ACCOUNT = [
  "ResourceNotFound.ForbidService",
  "ResourceNotFound.FreezeService",
  "ResourceNotFound.StopService",
  "ResourceNotFound.UserDisableService",
];
const INTERNAL = ["InternalError", "InternalError.GetConfigError", "InternalError.NetworkError"];
export const RECORD_TASK_DOCUMENTED_CODES: Record<RecordTaskAction, readonly string[]> = {
  CreateRecordTask: [
    ...INTERNAL,
    "InvalidParameter",
    "LimitExceeded.MaximumRunningTask",
    ...ACCOUNT,
    "ResourceUnavailable.InvalidVodStatus",
    "UnsupportedOperation",
  ],
  StopRecordTask: [
    ...INTERNAL,
    "InternalError.SystemError",
    "InvalidParameter",
    ...ACCOUNT,
    "ResourceUnavailable.InvalidVodStatus",
    "UnsupportedOperation",
  ],
  DeleteRecordTask: [
    ...INTERNAL,
    "InvalidParameter",
    ...ACCOUNT,
    "ResourceUnavailable.InvalidVodStatus",
    "UnsupportedOperation",
  ],
  DescribeRecordTask: [...INTERNAL, "InvalidParameter", ...ACCOUNT, "UnsupportedOperation"],
  DescribeLiveRecordTemplates: [...INTERNAL, "InvalidParameter", ...ACCOUNT],
};

const REGION = e(
  "Region missing or not supported",
  "The RecordTask actions need a region (X-TC-Region), and Tencent Cloud refused the one RecDesk sent.",
  "An administrator must set TENCENTCLOUD_REGION to the account's Live region (normally ap-guangzhou) and restart RecDesk.",
  false,
  true,
);

const unknownTask = (what: string) =>
  e(
    "RecordTask not found or TaskId invalid",
    `Tencent Cloud refused the TaskId: no RecordTask with this id exists on the account (it may have been deleted, or expired after 3 months), or the id is not a RecordTask id at all. ${what}`,
    "Check the TaskId (a RecordTask id is a long string of letters and digits; a legacy id is a number, stopped with the legacy family). Refresh the task list to see what Tencent still has.",
  );

const UNSUPPORTED = e(
  "Not supported for this task",
  "Tencent Cloud does not support this RecordTask operation here, for example on a task of the other (legacy) family, on a domain without recording, or in this region.",
  "Check that the task is a RecordTask and that the domain records in this region; legacy tasks are stopped with the legacy Stop.",
);

export const RECORD_TASK_CODES: Record<RecordTaskAction, Record<string, Entry>> = {
  CreateRecordTask: {
    InvalidParameter: e(
      "Invalid recording request",
      "Tencent Cloud rejected a parameter: the end must be after the start and after now, no more than 7 days ahead and at most 24 hours after the start; the stream, app and domain names must be valid.",
      "Correct the times or names and try again. Nothing was created.",
    ),
    "LimitExceeded.MaximumRunningTask": e(
      "Too many tasks for this stream or account",
      "Tencent Cloud already has the most RecordTasks it allows at once (at most 3 overlapping tasks run on one stream).",
      "Stop or delete a task on the same stream that overlaps this one, or choose a time that does not overlap, then try again.",
    ),
    UnsupportedOperation: UNSUPPORTED,
    MissingParameter: REGION,
    InvalidParameterValue: e(
      "Invalid recording request",
      "A value was out of range (a time, the StreamType or the TemplateId), or the region RecDesk sent is not supported.",
      "Correct the values and try again; if the message names the region, set TENCENTCLOUD_REGION correctly.",
    ),
  },
  StopRecordTask: {
    [UNKNOWN_RECORD_TASK_CODE]: unknownTask("Nothing was stopped."),
    UnsupportedOperation: UNSUPPORTED,
    MissingParameter: REGION,
  },
  DeleteRecordTask: {
    [UNKNOWN_RECORD_TASK_CODE]: unknownTask("Nothing was deleted."),
    UnsupportedOperation: UNSUPPORTED,
    MissingParameter: REGION,
  },
  DescribeRecordTask: {
    InvalidParameter: e(
      "Task list query refused",
      "Tencent Cloud refused the time window of the task list query (at most 7 days, starting no earlier than 90 days ago).",
      "Report it to the RecDesk team with the RequestId: RecDesk chooses these windows itself.",
    ),
    InvalidParameterValue: e(
      "Task list query refused",
      "Tencent Cloud refused a value of the task list query: the time window (at most 7 days, starting no earlier than 90 days ago) or the region.",
      "Check TENCENTCLOUD_REGION; if it is right, report it to the RecDesk team with the RequestId.",
    ),
    UnsupportedOperation: e(
      "Task listing not supported",
      "Tencent Cloud does not support listing RecordTasks for this account or region.",
      "Check TENCENTCLOUD_REGION; the list of RecordTasks stays as of the last successful refresh.",
    ),
    MissingParameter: REGION,
  },
  DescribeLiveRecordTemplates: {
    MissingParameter: REGION,
  },
};
