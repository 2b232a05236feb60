import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/*
 * What the server says to a person is made with `say` (lib/validation/messages.ts), never written as a literal:
 * a literal would reach a zh-CN page in English. This finds the literal messages of zod rules and of answers in
 * the files that were converted (tests/i18n/no-literal-strings.test.ts does the same for JSX).
 */
const CONVERTED = [
  "lib/actions/define-action.ts",
  "lib/actions/define-route.ts",
  "lib/actions/invalid-reply.ts",
  "lib/auth/authorize.ts",
  "lib/auth/require.ts",
  "lib/auth/users.ts",
  "lib/validation/safe-text.ts",
  "lib/validation/whole-number.ts",
  "lib/tencent-live/validation.ts",
  "lib/tencent-live/user-quota.ts",
  "lib/tasks/schemas.ts",
  "lib/tasks/record-task-start-schema.ts",
  "lib/tasks/invalid-input.ts",
  "lib/tasks/start-task.ts",
  "lib/tasks/start-record-task.ts",
  "lib/tasks/stop-task.ts",
  "lib/tasks/stop-coalesced.ts",
  "lib/tasks/delete-task.ts",
  "lib/tasks/register-task.ts",
  "lib/tasks/correct-registration.ts",
  "lib/bulk/actions.ts",
  "lib/bulk/control.ts",
  "lib/bulk/create.ts",
  "lib/bulk/selection-types.ts",
  "lib/audit/filters.ts",
  "lib/audit/integrity.ts",
  "lib/recordings/filters.ts",
  "lib/streams/query.ts",
  "app/(console)/users/actions.ts",
  "app/(console)/tasks/actions.ts",
  "app/(console)/jobs/actions.ts",
  "app/(console)/audit/actions.ts",
  "app/(console)/account/actions.ts",
  "app/(auth)/locale/actions.ts",
  "app/api/jobs/[id]/route.ts",
  "app/api/streams/route.ts",
  "app/(console)/audit/export/route.ts",
];

const MESSAGE_PROPERTIES = new Set(["message", "minMessage", "maxMessage", "error", "invalidMessage"]);
// zod rules whose last argument is the message, and the answers that take one.
const MESSAGE_CALLS = new Set(["regex", "refine", "min", "max", "int", "positive", "uuid", "actionFailure", "refuse"]);

function isWords(node: ts.Node): boolean {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return /[A-Za-z]{2,}\s/.test(node.text);
  if (ts.isTemplateExpression(node)) return /[A-Za-z]{2,}\s/.test(node.getText());
  return false;
}

function literalMessages(file: string): string[] {
  const text = fs.readFileSync(path.resolve(process.cwd(), file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && MESSAGE_PROPERTIES.has(node.name.getText(source)) && isWords(node.initializer))
      found.push(node.getText(source));
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText(source);
      const last = node.arguments[node.arguments.length - 1];
      if (MESSAGE_CALLS.has(name) && last && isWords(last)) found.push(node.getText(source));
    }
    if (ts.isVariableDeclaration(node) && /^(message|msg)$/.test(node.name.getText(source)) && node.initializer)
      if (isWords(node.initializer)) found.push(node.getText(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("answers and validation messages come from the catalogs, not literals", () => {
  it.each(CONVERTED)("%s", (file) => {
    expect(literalMessages(file)).toEqual([]);
  });

  it("catches a literal when there is one", () => {
    const dir = fs.mkdtempSync(path.join(process.cwd(), "tests/i18n/.tmp-"));
    const file = path.relative(process.cwd(), path.join(dir, "x.ts"));
    fs.writeFileSync(file, 'z.string().regex(/a/, "Enter a value"); const message = `No task ${id}`;');
    try {
      expect(literalMessages(file)).toHaveLength(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
