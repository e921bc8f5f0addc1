/**
 * What the pane's end-to-end checks share: locators by role and label, a table's text, axe-core,
 * the page's width, screenshots, and a downloaded workbook recalculated by LibreOffice.
 */
import AxeBuilder from "@axe-core/playwright";
import { Locator, Page, TestInfo } from "@playwright/test";
import { readFileSync } from "fs";
import path from "path";
import { recalculateWithLibreOffice } from "../support/libreoffice";
import { withWrongCachedResults, workbookFormulaResults } from "../support/xlsx-inspection";
import { expect } from "./fixtures";

/** A result cell of the results table, by its output key (e.g. "new.revenue"). */
export const cell = (page: Page, output: string) =>
  page.locator(`[data-testid=results-table] [data-output='${output}']`);
/** An input by its group (fieldset legend) and label. */
export const field = (page: Page, group: string, label: string) =>
  page.getByRole("group", { name: group }).getByLabel(label, { exact: true });

/** The text of each body row's cells (`cells` selects them), for comparing a table with the model. */
export function tableRows(table: Locator, cells = "th, td"): Promise<string[][]> {
  return table
    .locator("tbody tr")
    .evaluateAll(
      (trs, selector) =>
        trs.map((tr) => Array.from(tr.querySelectorAll(selector), (c) => c.textContent ?? "")),
      cells
    );
}

/** Zero axe-core violations, WCAG 2.1 A/AA and best practices. */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  // Charts load lazily; check the pane as the user ends up seeing it (a pane without one is fine).
  await page
    .locator("figure")
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  expect(
    violations.map(
      (v) => `${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes[0]?.target.join(" ")}`
    ),
    `${what}: axe violations`
  ).toEqual([]);
}

/** Nothing pushes the page sideways: it is no wider than the pane. */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth
        ),
      { message: `${what}: pixels the page is wider than the pane` }
    )
    .toBeLessThanOrEqual(0);
}

/**
 * Where a test saves a picture: its own folder under test-results/, or, with UPDATE_SCREENSHOTS=1,
 * docs/ (the README's pictures), so an ordinary run leaves the working tree as it was.
 */
export function screenshotPath(testInfo: TestInfo, name: string): string {
  return process.env.UPDATE_SCREENSHOTS === "1"
    ? path.resolve(__dirname, "../../docs", name)
    : testInfo.outputPath(name);
}

/** Clicks the button and returns the .xlsx it downloads. */
export async function downloadXlsx(page: Page, button: string): Promise<Uint8Array> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button }).click(),
  ]);
  expect(download.suggestedFilename(), "the download's name").toMatch(/\.xlsx$/);
  return new Uint8Array(readFileSync(await download.path()));
}

/**
 * The downloaded workbook, every cached result made wrong first (so only LibreOffice's own
 * recalculation can pass), recalculated by LibreOffice: each formula with a numeric result in
 * the download comes back to it. Returns LibreOffice's numeric results, and checks there are at
 * least `atLeast` formulas.
 */
export async function expectLibreOfficeAgrees(
  downloaded: Uint8Array,
  atLeast: number
): Promise<number[]> {
  const recalculated = await recalculateWithLibreOffice(await withWrongCachedResults(downloaded));
  const [before, after] = await Promise.all([
    workbookFormulaResults(downloaded),
    workbookFormulaResults(recalculated),
  ]);
  expect(before.size, "formulas in the workbook").toBeGreaterThanOrEqual(atLeast);
  for (const [ref, value] of before)
    if (typeof value === "number")
      expect(after.get(ref), `${ref} after LibreOffice`).toBeCloseToModel(value);
  return [...after.values()].filter((v): v is number => typeof v === "number");
}
