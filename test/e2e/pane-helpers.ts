/** What the pane's end-to-end checks share: plain assertions, locators by role and label, axe-core. */
import AxeBuilder from "@axe-core/playwright";
import { Page } from "@playwright/test";

export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected)
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
export function expectTrue(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
}
export function expectClose(actual: number | undefined, expected: number, what: string): void {
  const ok =
    actual !== undefined && Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(expected), 1);
  if (!ok) throw new Error(`${what}: expected ${expected}, got ${actual}`);
}

/** A result cell of the results table, by its output key (e.g. "new.revenue"). */
export const cell = (page: Page, output: string) =>
  page.locator(`[data-testid=results-table] [data-output='${output}']`);
/** An input by its group (fieldset legend) and label. */
export const field = (page: Page, group: string, label: string) =>
  page.getByRole("group", { name: group }).getByLabel(label, { exact: true });

/** Zero axe-core violations, WCAG 2.1 A/AA and best practices. */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  // Charts load lazily; check the pane as the user ends up seeing it.
  await page
    .locator("figure")
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  if (violations.length > 0) {
    const detail = violations
      .map((v) => `${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes[0]?.target.join(" ")}`)
      .join("\n    ");
    throw new Error(`${what}: ${violations.length} axe violation(s)\n    ${detail}`);
  }
}
