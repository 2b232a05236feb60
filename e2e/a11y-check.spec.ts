import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";

// The control for every @visual tour: the axe check they all use must fail on a page with serious violations,
// or a passing tour would prove nothing. No server is involved; the page is set in the browser.

test("the axe check fails on serious violations (an unlabelled field, an image without alt) and passes without them", async ({
  page,
}) => {
  await page.setContent(
    `<!doctype html><html lang="en"><head><title>control</title></head><body><main>
      <h1>Control</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" /><input type="text" /></main></body></html>`,
  );
  const failed = await expectNoSeriousA11yViolations(page).then(
    () => null,
    (error: Error) => error.message,
  );
  expect(failed).toContain("image-alt");
  expect(failed).toContain("label");

  await page.setContent(
    `<!doctype html><html lang="en"><head><title>control</title></head><body><main>
      <h1>Control</h1><img alt="a dot" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" />
      <label>Name <input type="text" /></label></main></body></html>`,
  );
  await expectNoSeriousA11yViolations(page);
});
