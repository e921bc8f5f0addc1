/**
 * "Your data" in the built pane (dist/), in Debian's Chromium, as a user tries the preview: the
 * sample data and a CSV file of their own, the period table and the cohort heat map with the
 * model's numbers (computed here by calling the model on samples/orders.csv, never read back from
 * the page), "Use in the model", a malformed file, Cancel, Chinese, a 320 px pane, both themes
 * and axe-core, writing the analysis sheet and downloading it for LibreOffice to recalculate.
 * Run after `npm run build`: `npx playwright test test/e2e/your-data.e2e.ts`.
 */
import { Workbook } from "exceljs";
import { mkdirSync, readFileSync } from "fs";
import path from "path";
import Papa from "papaparse";
import { DataAnalysis, OrdersAnalysis } from "../../src/model/history/analysis";
import { cohortCell } from "../../src/model/history/cohorts";
import { periodRetentionRate } from "../../src/model/history/period-retention";
import { recalculateWithLibreOffice } from "../support/libreoffice";
import { Page } from "@playwright/test";
import { bigOrdersCsv } from "./big-orders";
import { test } from "./fixtures";
import { expectClose, expectEqual, expectNoAxeViolations, expectTrue, field } from "./pane-helpers";
import { withWrongCachedResults } from "./xlsx-inspection";

const SAMPLE = path.resolve(__dirname, "../../samples/orders.csv");
const SCREENSHOT = path.resolve(__dirname, "../../docs/your-data.png");

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
  const rows = await page
    .getByTestId("period-table")
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("th, td"), (c) => c.textContent ?? ""))
    );
  expectEqual(rows.length, r.start.length, "periods in the table");
  expectEqual(rows[0][0], monthLabel(expected.range.first), "first period");
  rows.forEach((cells, i) => {
    const want = [
      count(r.start[i]),
      count(r.won[i]),
      count(r.end[i]),
      count(r.kept[i]),
      count(r.reactivated[i]),
      count(r.churned[i]),
      percent(periodRetentionRate(r, i)),
    ];
    expectEqual(cells.slice(1).join(" | "), want.join(" | "), `period ${i} (${cells[0]})`);
  });

  const c = expected.cohorts;
  await page.getByTestId("cohort-heatmap").waitFor(); // the sections are drawn one after another
  const heat = await page
    .getByTestId("cohort-heatmap")
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent ?? ""))
    );
  expectEqual(heat.length, c.cohort.length, "cohorts in the heat map");
  heat.forEach((cells, row) => {
    const want = [count(c.size[row])];
    for (let age = 0; age < c.ages; age++) {
      const share = cohortCell(c, "share", row, age);
      want.push(Number.isNaN(share) ? "" : percent(share));
    }
    expectEqual(cells.join(" | "), want.join(" | "), `cohort row ${row}`);
  });
}

test("the sample data shows the model's period table and cohort heat map", async ({
  page,
  openPane,
}) => {
  await openPane();
  await openDataTab(page);
  await trySample(page);
  expectEqual(
    await page.getByTestId("data-summary").textContent(),
    `${count(expected.rows)} orders from ${count(expected.ids.count)} customers, ${monthLabel(expected.range.first)} to ${monthLabel(expected.range.last)}, by month.`,
    "summary"
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
  // The README's picture: the top of the view with the sample data.
  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({
    path: SCREENSHOT,
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
  expectEqual(
    await matching.getByLabel("Customer", { exact: true }).inputValue(),
    "0",
    "customer column"
  );
  expectEqual(
    await matching.getByLabel("Order date", { exact: true }).inputValue(),
    "1",
    "date column"
  );
  expectEqual(
    await matching.getByLabel("Amount", { exact: true }).inputValue(),
    "2",
    "amount column"
  );
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
  expectEqual(
    await page.getByLabel("Retention rate (%)").inputValue(),
    asInput(Number((latest.retention * 100).toPrecision(12))),
    "retention rate"
  );
  expectEqual(
    await page.getByLabel("Customers at the start of the period").inputValue(),
    asInput(latest.startCustomers),
    "customers at the start"
  );
  expectEqual(
    await field(page, "New customers", "Average bill").inputValue(),
    asInput(latest.newBill!),
    "new customers' average bill"
  );
  expectEqual(
    await field(page, "Returning customers", "Average bill").inputValue(),
    asInput(latest.returningBill!),
    "returning customers' average bill"
  );
  // Where each came from, and the results follow the new inputs.
  const notes = page.getByTestId("from-data");
  expectEqual(await notes.locator("li").count(), 4, "one note per input carried in");
  await notes.getByText(monthLabel(latest.period)).first().waitFor();
  const revenue = await page
    .locator("[data-testid=results-table] [data-output='new.revenue']")
    .textContent();
  expectTrue(revenue !== "₽2,250,000", `new revenue follows the bill (${revenue})`);
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
  const error = page.getByTestId("data-error");
  await error.waitFor({ timeout: 20_000 });
  const text = (await error.textContent()) ?? "";
  expectTrue(
    text.startsWith("bad.csv, line 4, column order_date: '2024-13-45' is not a date"),
    `message names the line and column: ${text}`
  );
  expectEqual(await page.getByTestId("data-results").count(), 0, "no results from a bad file");
});

test("Cancel stops an analysis of a million rows, and the pane carries on", async ({
  page,
  openPane,
}) => {
  test.setTimeout(120_000);
  const big = bigOrdersCsv();
  await openPane();
  await openDataTab(page);
  await page.getByTestId("csv-input").setInputFiles(big);
  await page.getByTestId("data-progress").waitFor();
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByTestId("data-cancelled").waitFor();
  expectEqual(await page.getByTestId("data-progress").count(), 0, "progress gone");
  expectEqual(await page.getByTestId("data-results").count(), 0, "no results after Cancel");
  // Nothing comes in late, and the view still works.
  await page.waitForTimeout(3_000);
  expectEqual(await page.getByTestId("data-results").count(), 0, "still no results");
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
  const summary = (await page.getByTestId("data-summary").textContent()) ?? "";
  expectTrue(
    summary.includes(`${count(expected.ids.count)} 位客户`) && summary.includes("按月统计"),
    `Chinese summary: ${summary}`
  );
  const firstRate = await page
    .getByTestId("period-table")
    .locator("tbody tr")
    .nth(1)
    .locator("[data-col=rate]")
    .textContent();
  expectEqual(firstRate, percent(periodRetentionRate(expected.retention, 1)), "rate in zh-CN");
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
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expectTrue(
      scrollWidth <= clientWidth,
      `the page is ${scrollWidth} px wide in a ${clientWidth} px pane`
    );
    await expectNoAxeViolations(page, `data view, 320 px, ${theme}`);
    // Keyboard: the tabs move with the arrow keys.
    await page.getByRole("tab", { name: "Your data" }).focus();
    await page.keyboard.press("ArrowLeft");
    expectEqual(
      await page.getByRole("tab", { name: "What-if model" }).getAttribute("aria-selected"),
      "true",
      "arrow key selects the other tab"
    );
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
  const texts = await frame.locator("td").allTextContents();
  expectTrue(texts.length > 100, `the sheet has cells (${texts.length})`);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download .xlsx" }).click(),
  ]);
  expectTrue(download.suggestedFilename().endsWith(".xlsx"), "an .xlsx");
  const downloaded = new Uint8Array(readFileSync((await download.path())!));
  // Every cached result made wrong first: only LibreOffice's own recalculation can pass.
  const recalculated = await recalculateWithLibreOffice(await withWrongCachedResults(downloaded));
  const [before, after] = await Promise.all([
    formulaResults(downloaded),
    formulaResults(recalculated),
  ]);
  expectTrue(before.size > 50, `formulas in the sheet (${before.size})`);
  for (const [ref, value] of before) {
    if (typeof value !== "number") continue;
    const got = after.get(ref);
    expectClose(typeof got === "number" ? got : undefined, value, `${ref} after LibreOffice`);
  }
  // The retention formulas give the model's rates.
  const results = [...after.values()].filter((v): v is number => typeof v === "number");
  for (let i = 0; i < expected.retention.start.length; i++) {
    const rate = periodRetentionRate(expected.retention, i);
    if (Number.isFinite(rate))
      expectTrue(
        results.some((v) => Math.abs(v - rate) <= 1e-9),
        `period ${i}'s retention ${rate} among LibreOffice's results`
      );
  }
});

/** Every formula cell's result (by sheet!ref) in a workbook. */
async function formulaResults(xlsx: Uint8Array): Promise<Map<string, unknown>> {
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
  const out = new Map<string, unknown>();
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const raw = cell.value;
        if (typeof raw === "object" && raw !== null && "formula" in raw)
          out.set(`${sheet.name}!${cell.address}`, (raw as { result?: unknown }).result);
      })
    )
  );
  return out;
}
