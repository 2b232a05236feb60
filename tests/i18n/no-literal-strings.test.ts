import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/*
 * Every user-facing string in app/ and components/ comes from the catalogs: every .tsx there is checked, so a new
 * page or component is checked from its first commit (README, Languages).
 */
function tsxFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory() ? tsxFiles(path.join(dir, d.name)) : d.name.endsWith(".tsx") ? [path.join(dir, d.name)] : [],
    );
}
const TRANSLATED = ["app", "components"].flatMap((dir) => tsxFiles(dir)).sort();

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
  it("finds the pages and components", () => {
    expect(TRANSLATED).toContain("app/(console)/tasks/page.tsx");
    expect(TRANSLATED).toContain("components/ui/live-error-panel.tsx");
  });

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
