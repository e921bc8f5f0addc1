/**
 * "What goes with leaving" in the built pane (dist/), in Debian's Chromium (issue 19 §4): orders
 * with a plan and a channel column opened as a CSV file; the hazard ratios shown match the Cox
 * model fitted here on customers built by plain loops over the file's rows (drivers-orders.ts),
 * never read back from the page; the forest chart has a row per term and a line at 1; Chinese;
 * a 320 px pane in light and dark with axe; the churn drivers sheet downloaded and recalculated
 * by LibreOffice. Run after `npx webpack --mode production`:
 * `npx playwright test test/e2e/drivers.e2e.ts`.
 */
import { Page } from "@playwright/test";
import { codeCovariates } from "../../src/model/survival/cox-design";
import { fitCox } from "../../src/model/survival/cox-fit";
import { coxSummary } from "../../src/model/survival/cox-summary";
import { driversOrders, loopCustomers } from "../taskpane/drivers-orders";
import { expect, test } from "./fixtures";
import {
  downloadXlsx,
  expectLibreOfficeAgrees,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  tableRows,
} from "./pane-helpers";

const ROWS = driversOrders();
const CSV = ROWS.map((r) => r.join(",")).join("\n") + "\n";

/** The model's hazard ratios on the loop's customers, lowest first, as the pane writes them. */
function expectedRatios(locale = "en-US"): string[] {
  const customers = loopCustomers(ROWS);
  const design = codeCovariates({
    n: customers.length,
    columns: 2,
    cell: (i, j) => (j === 0 ? customers[i].plan : customers[i].channel),
    rowNumbers: Int32Array.from(customers, (_, i) => i + 2),
    titles: ["plan", "channel"],
  });
  const time = Float64Array.from(customers, (c) => c.duration);
  const churned = Uint8Array.from(customers, (c) => c.churned);
  const fit = fitCox({ time, churned, x: design.x, p: design.p, labels: design.labels });
  return coxSummary(fit, time, churned)
    .hazardRatios.slice()
    .sort((a, b) => a - b)
    .map((v) => v.toLocaleString(locale, { maximumFractionDigits: 2 }));
}

async function openOrders(page: Page, tab = "Your data") {
  await page.getByRole("tab", { name: tab }).click();
  await page.getByTestId("data-view").waitFor({ timeout: 20_000 });
  await page.getByTestId("csv-input").setInputFiles({
    name: "orders-with-plan.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(CSV),
  });
  await page.getByTestId("drivers-table").waitFor({ timeout: 60_000 });
}

test("What goes with leaving: the hazard ratios match the model on the loop's customers", async ({
  page,
  openPane,
}) => {
  test.setTimeout(120_000);
  await openPane();
  await openOrders(page);
  await expect
    .poll(async () => (await tableRows(page.getByTestId("drivers-table"))).map((r) => r[1]), {
      message: "hazard ratios",
    })
    .toEqual(expectedRatios());
  await expect(page.getByTestId("drivers-sentences")).toContainText(
    "Customers with plan annual churn at"
  );
  await expect(page.getByTestId("drivers-association")).toContainText("not what causes it");
  // The forest chart: a row per term, and the line at 1.
  const chart = page.getByTestId("forest-chart");
  await expect(chart.locator("g[data-row]")).toHaveCount(3);
  await expect(chart.locator("line[data-reference='1']")).toHaveCount(1);
});

test("Chinese: What goes with leaving in zh-CN, axe clean", async ({ page, openPane }) => {
  test.setTimeout(120_000);
  await openPane("?lang=zh-CN");
  await openOrders(page, "你的数据");
  await page.getByRole("heading", { name: "与流失相关的因素" }).waitFor();
  await expect(page.getByTestId("drivers-sentences")).toContainText("plan 为 annual 的客户");
  await expect(page.getByTestId("drivers-association")).toContainText("而不是流失的原因");
  await expectNoAxeViolations(page, "Chinese drivers");
});

for (const theme of ["light", "dark"] as const)
  test(`a 320 px pane (${theme}) fits What goes with leaving and axe finds nothing`, async ({
    page,
    openPane,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 320, height: 900 });
    await openPane(`?theme=${theme}`);
    await openOrders(page);
    await page.getByTestId("forest-chart").waitFor();
    await page.getByTestId("drivers").scrollIntoViewIfNeeded();
    await page
      .getByTestId("drivers")
      .screenshot({ path: test.info().outputPath(`drivers-320-${theme}.png`) });
    await expectNoSidewaysScroll(page, `drivers, 320 px, ${theme}`);
    await expectNoAxeViolations(page, `drivers, 320 px, ${theme}`);
  });

test("the churn drivers sheet: written, downloaded and recalculated by LibreOffice", async ({
  page,
  openPane,
}) => {
  test.setTimeout(180_000);
  await openPane();
  await openOrders(page);
  await page.getByRole("button", { name: "Write churn drivers to sheet" }).click();
  const frame = page.frameLocator("[data-testid=drivers-sheet-preview]");
  await frame.locator("table").first().waitFor({ timeout: 20_000 });
  await expect(frame.locator("td", { hasText: "Hazard ratio" }).first()).toBeVisible();
  const downloaded = await downloadXlsx(page, "Download churn drivers .xlsx");
  // Three terms, each with a hazard ratio, two bounds and a p-value.
  const results = await expectLibreOfficeAgrees(downloaded, 12);
  const ratios = expectedRatios().map((r) => Number(r));
  for (const ratio of ratios) expect(results.some((v) => Math.abs(v - ratio) < 0.006)).toBe(true);
});
