import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The quality bar: axe finds nothing serious or critical on the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  // Next streams a page's <title> after its body: right after a navigation or a server action re-renders the
  // layout (a language switch), axe could look before it lands and report "document-title" for a settled page.
  await expect(page).toHaveTitle(/\S/);
  // Only violations are read: axe then keeps one example of each passing rule instead of every node, which is
  // most of its time on a big table (every rule still runs on every node).
  // Legacy mode runs axe in the page itself. The default opens a blank page in the context for every call to
  // merge frames' results: a new renderer process each time, about a quarter of a tour's time on 2 cores (78.6 s
  // → 59.9 s for e2e/i18n-journeys.spec.ts), for iframes RecDesk does not have. Same rules, same nodes.
  const { violations } = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    ),
  ).toEqual([]);
}
