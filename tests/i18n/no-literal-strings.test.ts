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
const STREAMS: string[] = [];

// Tasks: the list, Stop and Delete.
const TASK_LIST: string[] = [];

// Tasks: Start, Register, Stop by ID, Correct.
const TASK_FORMS: string[] = [];

// Bulk jobs.
const BULK: string[] = [];

// Audit, Users, Recordings and shared UI.
const AUDIT_USERS_RECORDINGS_UI: string[] = [];

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
