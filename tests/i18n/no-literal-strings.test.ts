import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/*
 * Every user-facing string of a translated file comes from the catalogs. This list grows as pages are translated
 * (README, Languages); when every page is, it becomes "every .tsx in app/ and components/".
 */
// One list per area, apart, so areas translated side by side merge cleanly.
// the shell, sign-in and error pages.
const SHELL: string[] = [
  "app/layout.tsx",
  "app/not-found.tsx",
  "app/global-error.tsx",
  "app/(console)/error.tsx",
  "app/(console)/layout.tsx",
  "app/(auth)/sign-in/page.tsx",
  "components/auth/sign-in-form.tsx",
  "components/auth/sign-out-button.tsx",
  "components/shell/app-header.tsx",
  "components/shell/demo-banner.tsx",
  "components/shell/nav-links.tsx",
  "components/shell/locale-switch.tsx",
];

// Tencent error explanations.
const LIVE_ERRORS: string[] = ["components/ui/live-error-panel.tsx"];

// Streams.
const STREAMS: string[] = [
  "app/(console)/streams/page.tsx",
  "app/(console)/streams/loading.tsx",
  "app/(console)/streams/streams-view.tsx",
  "app/(console)/streams/[domain]/[app]/[stream]/page.tsx",
  "app/(console)/streams/[domain]/[app]/[stream]/loading.tsx",
  "components/streams/publish-times.tsx",
  "components/streams/refresh-status.tsx",
  "components/streams/stream-state-panel.tsx",
  "components/streams/streams-pager.tsx",
  "components/streams/streams-table.tsx",
  "components/streams/streams-toolbar.tsx",
  "components/streams/upstream-error-panel.tsx",
];

// Tasks: the list, Stop and Delete.
const TASK_LIST: string[] = [
  "app/(console)/tasks/page.tsx",
  "app/(console)/tasks/tasks-header.tsx",
  "app/(console)/tasks/loading.tsx",
  "app/(console)/tasks/form-skeleton.tsx",
  "components/tasks/task-table.tsx",
  "components/tasks/task-filters.tsx",
  "components/tasks/task-state-badge.tsx",
  "components/tasks/family-badge.tsx",
  "components/tasks/sweep-status.tsx",
  "components/tasks/stop-task-button.tsx",
  "components/tasks/stop-outcome.tsx",
  "components/tasks/delete-task-button.tsx",
  "components/tasks/local-time.tsx",
];

// Tasks: Start, Register, Stop by ID, Correct.
const TASK_FORMS: string[] = [
  "app/(console)/tasks/new/page.tsx",
  "app/(console)/tasks/new/loading.tsx",
  "app/(console)/tasks/register/page.tsx",
  "app/(console)/tasks/register/loading.tsx",
  "app/(console)/tasks/stop/page.tsx",
  "app/(console)/tasks/stop/loading.tsx",
  "app/(console)/tasks/correct/page.tsx",
  "components/tasks/start-record-task-form.tsx",
  "components/tasks/start-recording-form.tsx",
  "components/tasks/start-family-chooser.tsx",
  "components/tasks/start-outcome.tsx",
  "components/tasks/register-task-form.tsx",
  "components/tasks/stop-by-id-form.tsx",
  "components/tasks/correct-registration-form.tsx",
  "components/tasks/task-id-field.tsx",
];

// Bulk jobs.
const BULK: string[] = [
  "app/(console)/jobs/page.tsx",
  "app/(console)/jobs/[id]/page.tsx",
  "app/(console)/jobs/[id]/layout.tsx",
  "components/bulk/bulk-stop-dialog.tsx",
  "components/bulk/bulk-task-selection.tsx",
  "components/bulk/job-history-table.tsx",
  "components/bulk/job-progress.tsx",
];

// Audit, Users, Recordings and shared UI.
const AUDIT_USERS_RECORDINGS_UI: string[] = [
  "app/page.tsx",
  "components/ui/access-denied.tsx",
  "components/ui/button.tsx",
  "components/ui/dialog.tsx",
  "components/ui/field.tsx",
  "components/ui/query-provider.tsx",
  "components/ui/status-badge.tsx",
  "app/(console)/audit/page.tsx",
  "components/audit/audit-filters.tsx",
  "components/audit/audit-pager.tsx",
  "components/audit/audit-table.tsx",
  "components/audit/outcome-badge.tsx",
  "components/audit/verify-integrity.tsx",
  "components/ui/copy-button.tsx",
  "components/ui/pager.tsx",
  "app/(console)/users/page.tsx",
  "components/users/action-message.tsx",
  "components/users/add-user-form.tsx",
  "components/users/user-row-actions.tsx",
  "components/users/users-table.tsx",
  "app/(console)/recordings/page.tsx",
  "components/recordings/recording-failure.tsx",
  "components/recordings/recording-filters.tsx",
  "components/recordings/recording-table.tsx",
  "components/recordings/recordings-pager.tsx",
];

const TRANSLATED = [
  ...SHELL,
  ...LIVE_ERRORS,
  ...STREAMS,
  ...TASK_LIST,
  ...TASK_FORMS,
  ...BULK,
  ...AUDIT_USERS_RECORDINGS_UI,
];

/** Names, not words: the product's name is the same in every language. */
const ALLOWED = new Set(["RecDesk"]);
const USER_FACING_ATTRIBUTES = new Set(["aria-label", "title", "placeholder", "alt", "label"]);

function literals(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(path.resolve(process.cwd(), file), "utf8"),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.text.trim();
      if (/\p{L}/u.test(text) && !ALLOWED.has(text)) found.push(text);
    } else if (
      ts.isJsxAttribute(node) &&
      USER_FACING_ATTRIBUTES.has(node.name.getText(source)) &&
      node.initializer &&
      (ts.isStringLiteral(node.initializer) ||
        (ts.isJsxExpression(node.initializer) &&
          node.initializer.expression &&
          (ts.isStringLiteral(node.initializer.expression) || ts.isTemplateExpression(node.initializer.expression))))
    ) {
      found.push(node.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("translated pages carry no literal UI text", () => {
  it.each(TRANSLATED)("%s", (file) => {
    expect(literals(file)).toEqual([]);
  });

  it("catches a literal when there is one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recdesk-literal-"));
    const file = path.join(dir, "x.tsx");
    fs.writeFileSync(file, `export const X = () => <p aria-label="Close">Hello {name}</p>;`);
    try {
      expect(literals(file)).toEqual(['aria-label="Close"', "Hello"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
