/**
 * "Your data" in the built pane (dist/), in Debian's Chromium, as a user tries the preview: the
 * sample data and a CSV file of their own, the period table and the cohort heat map with the
 * model's numbers (computed here by calling the model on samples/orders.csv, never read back from
 * the page), "Use in the model", a malformed file, Cancel, Chinese, a 320 px pane, both themes
 * and axe-core, writing the analysis sheet and downloading it for LibreOffice to recalculate.
 * Run after `npm run build`: `npx playwright test test/e2e/your-data.e2e.ts`.
 */
import { readFileSync } from "fs";
import path from "path";
import Papa from "papaparse";
import { DataAnalysis, OrdersAnalysis } from "../../src/model/history/analysis";
import { cohortCell } from "../../src/model/history/cohorts";
import { periodRetentionRate } from "../../src/model/history/period-retention";
import { Page, Worker } from "@playwright/test";
import { bigOrdersCsv } from "./big-orders";
import { expect, test } from "./fixtures";
import {
  downloadXlsx,
  expectLibreOfficeAgrees,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  field,
  screenshotPath,
  tableRows,
} from "./pane-helpers";

const SAMPLE = path.resolve(__dirname, "../../samples/orders.csv");

/** The sample analysed by the model itself, as the pane's defaults read it: monthly, window 1. */
function sampleAnalysis(): DataAnalysis {
  const rows = Papa.parse<string[]>(readFileSync(SAMPLE, "utf8")).data;
  const analysis = new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true });
  for (let i = 1; i < rows.length; i++) analysis.add(i + 1, rows[i][0], rows[i][1], rows[i][2]);
  return analysis.finish();
}
const expected = sampleAnalysis();

const count = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 0 });
const percent = (v: number) =>
  Number.isFinite(v)
    ? new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(v)
    : "–";
/** A month as the model numbers them (year × 12 + month − 1), as the pane labels it in English. */
const monthLabel = (period: number) =>
  new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", timeZone: "UTC" }).format(
    new Date(Date.UTC(Math.floor(period / 12), period % 12, 1))
  );

async function openDataTab(page: Page, name = "Your data") {
  await page.getByRole("tab", { name }).click();
  await page.getByTestId("data-view").waitFor({ timeout: 20_000 });
}

async function trySample(page: Page, button = "Try the sample data") {
  await page.getByRole("button", { name: button }).click();
  await page.getByTestId("period-table").waitFor({ timeout: 20_000 });
}

/** Every cell of the period table and the heat map, checked against the model. */
async function expectModelNumbers(page: Page) {
  const r = expected.retention;
  const periods = Array.from(r.start, (_, i) =>
    // The retention rate first: the column a user came for stays in sight in a narrow pane.
    [
      percent(periodRetentionRate(r, i)),
      count(r.start[i]),
      count(r.won[i]),
      count(r.end[i]),
      count(r.kept[i]),
      count(r.reactivated[i]),
      count(r.churned[i]),
    ].join(" | ")
  );
  const rows = () => tableRows(page.getByTestId("period-table"));
  await expect
    .poll(async () => (await rows()).map((cells) => cells.slice(1).join(" | ")), {
      message: "the period table, a row per period",
    })
    .toEqual(periods);
  expect((await rows())[0][0], "first period").toBe(monthLabel(expected.range.first));

  const c = expected.cohorts;
  const cohorts = Array.from(c.cohort, (_, row) => {
    const want = [count(c.size[row])];
    for (let age = 0; age < c.ages; age++) {
      const share = cohortCell(c, "share", row, age);
      want.push(Number.isNaN(share) ? "" : percent(share));
    }
    return want.join(" | ");
  });
  // The sections are drawn one after another: the heat map may come a moment later.
  await expect
    .poll(
      async () =>
        (await tableRows(page.getByTestId("cohort-heatmap"), "td")).map((cells) =>
          cells.join(" | ")
        ),
      { message: "the cohort heat map, a row per cohort" }
    )
    .toEqual(cohorts);
}

test("the sample data shows the model's period table and cohort heat map", async ({
  page,
  openPane,
}, testInfo) => {
  await openPane();
  await openDataTab(page);
  await trySample(page);
  await expect(page.getByTestId("data-summary"), "summary").toHaveText(
    `${count(expected.rows)} orders from ${count(expected.ids.count)} customers, ${monthLabel(expected.range.first)} to ${monthLabel(expected.range.last)}, by month.`
  );
  await expectModelNumbers(page);
  // The other views are there, with the model's figures.
  await page
    .getByTestId("median-lifetime")
    .getByText(`${expected.medianLifetime} months`)
    .waitFor();
  await page.getByTestId("sbg-parameters").waitFor();
  await page.getByTestId("latest-nrr").waitFor();
  await page
    .getByTestId("concentration")
    .getByText(percent(expected.concentration!.topShare))
    .waitFor();
  await page.getByTestId("repeat-spend").waitFor();
  // The charts are drawn (lazily loaded).
  await page.getByTestId("data-results").locator("figure svg").nth(2).waitFor();
  // The README's picture (docs/your-data.png with UPDATE_SCREENSHOTS=1): the top of the view.
  await page.screenshot({
    path: screenshotPath(testInfo, "your-data.png"),
    fullPage: true,
    clip: { x: 0, y: 0, width: 760, height: 1900 },
  });
});

test("opening the sample as a CSV file gives the same numbers", async ({ page, openPane }) => {
  await openPane();
  await openDataTab(page);
  await page.getByTestId("csv-input").setInputFiles(SAMPLE);
  await page.getByTestId("period-table").waitFor({ timeout: 20_000 });
  await page.getByTestId("data-source").getByText("orders.csv").waitFor();
  await expectModelNumbers(page);
  // The matched columns, each changeable.
  const matching = page.getByTestId("column-matching");
  await expect(matching.getByLabel("Customer", { exact: true }), "customer column").toHaveValue(
    "0"
  );
  await expect(matching.getByLabel("Order date", { exact: true }), "date column").toHaveValue("1");
  await expect(matching.getByLabel("Amount", { exact: true }), "amount column").toHaveValue("2");
  // A year as the period: the benchmarks appear and the table has one row per year.
  await matching.getByLabel("Period", { exact: true }).selectOption("year");
  await page.getByTestId("period-table").locator("tbody tr").nth(1).waitFor();
  await page.getByTestId("period-table").locator("tbody tr").nth(2).waitFor({ state: "detached" });
  await page.getByText("Small business ≥ 20%").waitFor();
});

test("Use in the model carries the data's figures into the what-if inputs", async ({
  page,
  openPane,
}) => {
  await openPane();
  await openDataTab(page);
  await trySample(page);
  const latest = expected.latest!;
  const asInput = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 6 });
  await page.getByRole("button", { name: "Use this retention rate" }).click();
  await page.getByRole("button", { name: "Use these customers at the start" }).click();
  await page.getByRole("button", { name: "Use these average bills" }).click();
  await page.getByTestId("use-status").getByText("average bills").waitFor();
  await page.getByRole("tab", { name: "What-if model" }).click();
  await expect(page.getByLabel("Retention rate (%)"), "retention rate").toHaveValue(
    asInput(Number((latest.retention * 100).toPrecision(12)))
  );
  await expect(
    page.getByLabel("Customers at the start of the period"),
    "customers at the start"
  ).toHaveValue(asInput(latest.startCustomers));
  await expect(
    field(page, "New customers", "Average bill"),
    "new customers' average bill"
  ).toHaveValue(asInput(Math.round(latest.newBill! * 100) / 100));
  await expect(
    field(page, "Returning customers", "Average bill"),
    "returning customers' average bill"
  ).toHaveValue(asInput(Math.round(latest.returningBill! * 100) / 100));
  // Where each came from, and the results follow the new inputs.
  const notes = page.getByTestId("from-data");
  // One note per source: the two average bills share theirs (it was listed twice).
  // Rate, customers at the start, bills, and the costs kept in scale with revenue.
  await expect(notes.locator("li"), "one note per source carried in").toHaveCount(4);
  await expect(notes.getByText(/^Average bills/), "the bills' note once").toHaveCount(1);
  await notes.getByText(monthLabel(latest.period)).first().waitFor();
  await expect(
    page.locator("[data-testid=results-table] [data-output='new.revenue']"),
    "new revenue follows the bill"
  ).not.toHaveText("₽2,250,000");
  // The scenario saves as usual.
  await page.getByLabel("Scenario name").fill("From my data");
  await page.getByRole("button", { name: "Save scenario" }).click();
  await page.getByText("From my data").first().waitFor();
});

test("a malformed CSV gives a message naming its line and column", async ({ page, openPane }) => {
  await openPane();
  await openDataTab(page);
  await page.getByTestId("csv-input").setInputFiles({
    name: "bad.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "customer_id,order_date,amount\nC1,2024-01-05,10\nC2,2024-01-06,20\nC3,2024-13-45,30\nC4,2024-01-08,5\n"
    ),
  });
  await expect(page.getByTestId("data-error"), "message names the line and column").toHaveText(
    /^bad\.csv, line 4, column order_date: '2024-13-45' is not a date/,
    { timeout: 20_000 }
  );
  await expect(page.getByTestId("data-results"), "no results from a bad file").toHaveCount(0);
});

test("Cancel stops an analysis of a million rows, and the pane carries on", async ({
  page,
  openPane,
}) => {
  test.setTimeout(120_000);
  const big = bigOrdersCsv();
  const ended = new Set<Worker>();
  page.on("worker", (worker) => worker.on("close", () => ended.add(worker)));
  await openPane();
  await openDataTab(page);
  await page.getByTestId("csv-input").setInputFiles(big);
  await page.getByTestId("data-progress").waitFor();
  await expect
    .poll(() => page.workers().length, { message: "a worker analyses the file" })
    .toBeGreaterThan(0);
  const analysing = page.workers();
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByTestId("data-cancelled").waitFor();
  await expect(page.getByTestId("data-progress"), "progress gone").toHaveCount(0);
  await expect(page.getByTestId("data-results"), "no results after Cancel").toHaveCount(0);
  // Nothing comes in late (the worker that was analysing is ended), and the view still works.
  await expect
    .poll(() => analysing.every((worker) => ended.has(worker)), {
      message: "Cancel ends the analysing worker",
    })
    .toBe(true);
  await expect(page.getByTestId("data-results"), "still no results").toHaveCount(0);
  await trySample(page);
});

test("Chinese: the data view in zh-CN with the same numbers, axe clean", async ({
  page,
  openPane,
}) => {
  await openPane("?lang=zh-CN");
  await openDataTab(page, "你的数据");
  await trySample(page, "试用示例数据");
  await page.getByRole("heading", { name: "各周期留存" }).waitFor();
  await page.getByRole("heading", { name: "同期群" }).waitFor();
  const summary = page.getByTestId("data-summary");
  await expect(summary, "Chinese summary").toContainText(`${count(expected.ids.count)} 位客户`);
  await expect(summary, "Chinese summary").toContainText("按月统计");
  await expect(
    page.getByTestId("period-table").locator("tbody tr").nth(1).locator("[data-col=rate]"),
    "rate in zh-CN"
  ).toHaveText(percent(periodRetentionRate(expected.retention, 1)));
  await expectNoAxeViolations(page, "Chinese data view");
});

for (const theme of ["light", "dark"] as const)
  test(`a 320 px pane (${theme}) fits the data view and axe finds nothing`, async ({
    page,
    openPane,
  }) => {
    await page.setViewportSize({ width: 320, height: 900 });
    await openPane(`?theme=${theme}`);
    await openDataTab(page);
    await trySample(page);
    await page.getByTestId("data-results").locator("figure svg").nth(2).waitFor();
    await expectNoSidewaysScroll(page, `data view, 320 px, ${theme}`);
    await expectNoAxeViolations(page, `data view, 320 px, ${theme}`);
    // Keyboard: the tabs move with the arrow keys.
    await page.getByRole("tab", { name: "Your data" }).focus();
    await page.keyboard.press("ArrowLeft");
    await expect(
      page.getByRole("tab", { name: "What-if model" }),
      "arrow key selects the other tab"
    ).toHaveAttribute("aria-selected", "true");
  });

test("Write analysis to sheet shows the sheet; Download .xlsx recalculates in LibreOffice to the model", async ({
  page,
  openPane,
}) => {
  test.setTimeout(120_000);
  await openPane();
  await openDataTab(page);
  await trySample(page);
  await page.getByRole("button", { name: "Write analysis to sheet" }).click();
  const frame = page.frameLocator("[data-testid=analysis-sheet-preview]");
  await frame.locator("table").first().waitFor({ timeout: 20_000 });
  expect(await frame.locator("td").count(), "the sheet's cells").toBeGreaterThan(100);

  const downloaded = await downloadXlsx(page, "Download .xlsx");
  const results = await expectLibreOfficeAgrees(downloaded, 51);
  // The retention formulas give the model's rates.
  for (let i = 0; i < expected.retention.start.length; i++) {
    const rate = periodRetentionRate(expected.retention, i);
    if (Number.isFinite(rate))
      expect(
        results.some((v) => Math.abs(v - rate) <= 1e-9),
        `period ${i}'s retention ${rate} among LibreOffice's results`
      ).toBe(true);
  }
});
