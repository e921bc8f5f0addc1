/**
 * End-to-end checks of the built task pane (dist/) in Debian's Chromium, as a user would try
 * the preview, on Playwright Test (playwright.config.ts; fixtures in fixtures.ts).
 * Run after `npm run build`: `npm run test:e2e` (or `npx playwright test test/e2e/pane.e2e.ts`).
 */
import {
  cloneScenario,
  evaluateScenario,
  WORKED_EXAMPLE,
} from "../../src/model/economics/scenario";
import { recalculateWithLibreOffice } from "../support/libreoffice";
import { namedValues, sheetScopedNames, withWrongCachedResults } from "../support/xlsx-inspection";
import { expect, test } from "./fixtures";
import {
  cell,
  downloadXlsx,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  field,
  screenshotPath,
} from "./pane-helpers";

test("the worked example's numbers appear", async ({ page, openPane }) => {
  await openPane();
  await expect(cell(page, "new.revenue"), "new revenue").toHaveText("₽2,250,000");
  await expect(cell(page, "returning.revenue"), "returning revenue").toHaveText("₽2,400,000");
  await expect(cell(page, "new.profit"), "new profit").toHaveText("₽133,000");
  await expect(cell(page, "returning.profit"), "returning profit").toHaveText("₽572,000");
  await expect(cell(page, "new.costPerCustomer"), "new cost per customer").toHaveText("₽28,227");
  await expect(cell(page, "returning.costPerCustomer"), "returning cost per customer").toHaveText(
    "₽22,850"
  );
  await expect(
    field(page, "New customers", "Marketing spend"),
    "prefilled marketing spend"
  ).toHaveValue("1,617,000");
  // Results are a real table with row and column headers.
  await expect(
    page.locator("[data-testid=results-table] th[scope=col]"),
    "column headers"
  ).toHaveCount(4);
  await expect(
    page.locator("[data-testid=results-table] th[scope=row]"),
    "row headers"
  ).toHaveCount(7);
});

test("edits update results, in the locale's number format", async ({ page, openPane }) => {
  await openPane();
  await field(page, "New customers", "Average bill").fill("40,000");
  await expect(cell(page, "new.revenue"), "new revenue after edit").toHaveText("₽3,000,000");
  await expect(cell(page, "total.profit"), "total profit after edit").toHaveText("₽1,455,000");
  // A European-style number is still understood where it is unambiguous.
  await field(page, "Returning customers", "Marketing spend").fill("1.328.000,50");
  await expect(cell(page, "returning.totalCost"), "returning cost after edit").toHaveText(
    "₽1,828,001"
  );
  // The baseline table shows the change.
  const profitRow = page.locator("[data-testid=baseline-table] tr[data-output='total.profit'] td");
  await expect(profitRow.nth(2), "profit change vs baseline").toHaveText("+₽750,000");
  await page.getByRole("button", { name: "Reset to baseline" }).click();
  await expect(cell(page, "new.revenue"), "revenue after reset").toHaveText("₽2,250,000");
  // The currency picker changes how money is shown, nothing else.
  await page.getByLabel("Currency").selectOption("EUR");
  await expect(cell(page, "new.revenue"), "revenue in euros").toHaveText("€2,250,000");
});

test("the per-customer chart follows an edit once typing pauses", async ({ page, openPane }) => {
  await openPane();
  const chart = page.locator("figure").first();
  await chart.locator(".recharts-bar-rectangle path").first().waitFor();
  // The average-bill bars (the series' fill), left to right: new customers, then returning.
  // Not by DOM order or group: recharts regroups and reorders bars after a segment drops
  // out and comes back.
  const heights = () =>
    chart
      .locator('.recharts-bar-rectangle path[fill*="colorPaletteBlueBorderActive"]')
      .evaluateAll((paths) =>
        paths
          .map((p) => (p as SVGGraphicsElement).getBBox())
          .filter((box) => box.height > 0) // visible bars only
          .sort((a, b) => a.x - b.x)
          .map((box) => box.height)
      );
  // Every bar as series-group:x:height, for the failure message.
  const layout = () =>
    chart.locator(".recharts-bar-rectangle path").evaluateAll((paths) =>
      paths
        .map((p) => {
          const box = (p as SVGGraphicsElement).getBBox();
          return `${p.getAttribute("fill")}:${Math.round(box.x)}:${Math.round(box.height)}`;
        })
        .join(" ")
    );
  const before = await heights();
  expect(Math.abs(before[0] / before[1] - 1), "bills equal at first").toBeLessThan(0.01);
  const bill = field(page, "New customers", "Average bill");
  await bill.fill("");
  await bill.pressSequentially("300000", { delay: 50 });
  await expect(cell(page, "new.revenue"), "new revenue").toHaveText("₽22,500,000");
  // 300,000 vs 30,000: the new customers' bill bar ends up ten times the returning one.
  const settled = (bars: number[]) => bars.length === 2 && Math.abs(bars[0] / bars[1] - 10) <= 0.05;
  await expect(async () => {
    const after = await heights();
    expect(
      settled(after),
      `average-bill bars ${after.join(" : ")}; all bars ${await layout()}`
    ).toBe(true);
  }).toPass({ intervals: [100], timeout: 10_000 });
});

test("validation messages show, dependent results show a dash, writing is blocked", async ({
  page,
  openPane,
}) => {
  await openPane();
  const main = page.locator("main");
  await expect(main, "can write when valid").toHaveAttribute("data-can-write", "true");
  await field(page, "New customers", "Customers").fill("abc");
  await field(page, "Returning customers", "Overheads and taxes").fill("-5");
  await page.getByText("Enter a number").waitFor();
  await page.getByText("Cannot be negative").waitFor();
  await expect(field(page, "New customers", "Customers"), "field marked invalid").toHaveAttribute(
    "aria-invalid",
    "true"
  );
  await expect(cell(page, "new.revenue"), "dependent result").toHaveText("–");
  await expect(cell(page, "total.profit"), "total depends on both").toHaveText("–");
  await expect(main, "canWrite while invalid").toHaveAttribute("data-can-write", "false");
  await page.getByTestId("blocked-notice").waitFor();
  await expect(
    page.getByRole("button", { name: "Set as baseline" }),
    "Set as baseline disabled while invalid"
  ).toBeDisabled();
  const write = page.getByRole("button", { name: "Write to sheet" });
  if ((await write.count()) > 0)
    await expect(write, "Write to sheet disabled while invalid").toBeDisabled();
  await field(page, "New customers", "Customers").fill("0");
  await page.getByText("Must be greater than 0").waitFor();
  await field(page, "New customers", "Customers").fill("75");
  await field(page, "Returning customers", "Overheads and taxes").fill("500 000");
  await expect(cell(page, "total.profit"), "total profit once fixed").toHaveText("₽705,000");
  await expect(main, "can write once fixed").toHaveAttribute("data-can-write", "true");
});

test("Chinese renders (?lang=zh-CN)", async ({ page, openPane }) => {
  await openPane("?lang=zh-CN");
  await page.getByRole("heading", { name: "客户留存经济模型" }).waitFor();
  await page.getByRole("group", { name: "新客户" }).waitFor();
  await page.getByRole("group", { name: "回头客" }).waitFor();
  await expect(cell(page, "new.profit"), "new profit in zh-CN").toHaveText("₽133,000");
  await expect(page.locator("html"), "document language").toHaveAttribute("lang", "zh-CN");
  await expectNoAxeViolations(page, "Chinese pane");
});

test("goal seek answers and Apply puts the answer into the inputs", async ({ page, openPane }) => {
  await openPane();
  // Defaults: make New customers: Profit equal 0 by changing New: Average bill.
  await page.getByRole("button", { name: "Find" }).click();
  const status = page.getByTestId("goal-result");
  await status.getByText("₽28,227", { exact: false }).waitFor();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(field(page, "New customers", "Average bill"), "applied average bill").toHaveValue(
    "28,226.666667"
  );
  await expect(cell(page, "new.profit"), "new profit after applying").toHaveText("₽0.00");
  // Unreachable targets are reported as such, not as a wrong number.
  await page.getByLabel("equal to").fill("-99,000,000,000");
  await page.getByRole("button", { name: "Find" }).click();
  await status.getByText("No value of", { exact: false }).waitFor();
});

test("the sensitivity grid renders 11 × 11 with the current point marked", async ({
  page,
  openPane,
}) => {
  await openPane();
  const grid = page.getByTestId("sensitivity-grid");
  // The what-if tools mount just after first paint.
  await expect(grid.locator("tbody td"), "grid cells").toHaveCount(121);
  const current = grid.locator("td[aria-current=true]");
  await expect(current, "one current cell").toHaveCount(1);
  await expect(current, "current cell is today's total profit").toHaveText("₽705K");
  await page.getByLabel("Steps per axis").fill("5");
  await expect(grid.locator("tbody td"), "grid cells after changing steps").toHaveCount(25);
  // The grid follows every edit.
  await field(page, "New customers", "Average bill").fill("31,000");
  await expect(current, "current cell after an edit").toHaveText("₽780K");
  await expect
    .poll(() => page.getByTestId("tornado-table").locator("tbody tr").count(), {
      message: "tornado rows",
    })
    .toBeGreaterThanOrEqual(8);
});

test("write to sheet shows the rendered sheet; scenarios save, load and compare", async ({
  page,
  openPane,
}) => {
  await openPane();
  await page.getByRole("button", { name: "Write to sheet" }).click();
  const frame = page.frameLocator("[data-testid=sheet-preview]");
  await frame.locator("table").waitFor({ timeout: 10_000 });
  await expect(
    frame.locator("td", { hasText: "2,250,000" }).first(),
    "rendered sheet shows the revenue"
  ).toBeAttached();
  await expect(page.getByTestId("sheet-preview"), "sandboxed preview frame").toHaveAttribute(
    "sandbox",
    ""
  );
  await page.getByLabel("Scenario name").fill("Plan A");
  await page.getByRole("button", { name: "Save scenario" }).click();
  await page.getByRole("button", { name: "Load Plan A" }).waitFor();
  await field(page, "New customers", "Average bill").fill("35,000");
  await page.getByLabel("Scenario name").fill("Plan B");
  await page.getByRole("button", { name: "Save scenario" }).click();
  await page.getByRole("button", { name: "Load Plan B" }).waitFor();
  await page.getByRole("button", { name: "Load Plan A" }).click();
  await expect(field(page, "New customers", "Average bill"), "loaded Plan A").toHaveValue("30,000");
  await page.getByRole("button", { name: "Compare scenarios" }).click();
  await frame.getByText("Plan B").first().waitFor({ timeout: 10_000 });
  // Saved in the browser: still there after a reload.
  await openPane();
  await page.getByRole("button", { name: "Load Plan B" }).waitFor();
  await expectNoAxeViolations(page, "pane with saved scenarios");
});

test("Download .xlsx gives a workbook LibreOffice recalculates to the model's numbers", async ({
  page,
  openPane,
}) => {
  await openPane();
  await field(page, "New customers", "Average bill").fill("31,000");
  const edited = cloneScenario(WORKED_EXAMPLE);
  edited.segments.new.averageBill = 31_000;
  const model = evaluateScenario(edited);
  // The numbers a stale file would hold: the worked example's, not the edited scenario's.
  expect(model.new.profit, "edit changes profit").not.toBe(
    evaluateScenario(WORKED_EXAMPLE).new.profit
  );

  // "Write to sheet" shows the edited report too (75 × 31,000 = 2,325,000).
  await page.getByRole("button", { name: "Write to sheet" }).click();
  await page
    .frameLocator("[data-testid=sheet-preview]")
    .locator("td", { hasText: "2,325,000" })
    .first()
    .waitFor({ timeout: 10_000 });

  const downloaded = await downloadXlsx(page, "Download .xlsx");
  await page.getByTestId("workbook-status").getByText(".xlsx", { exact: false }).waitFor();

  const expected: Record<string, number> = {
    New_Revenue: model.new.revenue,
    New_TotalCost: model.new.totalCost,
    New_Profit: model.new.profit,
    New_Profitability: model.new.profitability,
    New_CostPerCustomer: model.new.costPerCustomer,
    New_ProfitPerCustomer: model.new.profitPerCustomer,
    Returning_Revenue: model.returning.revenue,
    Returning_Profit: model.returning.profit,
    Returning_CostPerCustomer: model.returning.costPerCustomer,
    Total_Revenue: model.total.revenue,
    Total_Profit: model.total.profit,
  };
  const names = await sheetScopedNames(downloaded);
  const asDownloaded = await namedValues(downloaded, names);
  expect(asDownloaded.get("New_AverageBill")?.value, "the edit is in the file").toBe(31_000);
  for (const name of Object.keys(expected))
    expect(asDownloaded.get(name)?.isFormula, `${name} is a live formula`).toBe(true);

  // Every cached result made wrong first: only LibreOffice's own recalculation can pass.
  const poisoned = await withWrongCachedResults(downloaded);
  const stale = await namedValues(poisoned, names);
  for (const [name, value] of Object.entries(expected))
    expect(stale.get(name)?.value, `${name}'s cached value is wrong before recalculation`).not.toBe(
      value
    );

  const recalculated = await recalculateWithLibreOffice(poisoned);
  const recalculatedNames = await sheetScopedNames(recalculated);
  const values = await namedValues(recalculated, recalculatedNames);
  for (const [name, value] of Object.entries(expected))
    expect(values.get(name)?.value, `${name} after LibreOffice recalculated`).toBeCloseToModel(
      value
    );
});

test("axe-core reports no violations (light and dark)", async ({ page, openPane }) => {
  await openPane();
  await expectNoAxeViolations(page, "light pane");
  await field(page, "New customers", "Customers").fill("x"); // with messages showing
  await expectNoAxeViolations(page, "pane with a validation message");
  await openPane("?theme=dark");
  await expectNoAxeViolations(page, "dark pane");
});

test("fits a narrow task pane (320 px): nothing pushes the pane sideways", async ({
  page,
  openPane,
}) => {
  await page.setViewportSize({ width: 320, height: 900 });
  for (const query of ["", "?lang=zh-CN"]) {
    await openPane(query);
    await expectNoSidewaysScroll(page, query || "English");
  }
});

test("every control is reachable by keyboard", async ({ page, openPane }) => {
  await openPane();
  const reached = new Set<string>();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return "";
      const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return labelled || el.getAttribute("aria-label") || el.textContent || el.tagName;
    });
    reached.add(label.trim());
  }
  for (const name of [
    "Marketing spend",
    "Average bill",
    "Currency",
    "Retention rate (%)",
    "Set as baseline",
    "Rows",
    "Swing ± (%)",
    "Find",
  ]) {
    expect([...reached], `Tab never reached "${name}"`).toContain(name);
  }
});

test("the pane makes no network request besides Office.js, and a screenshot is saved", async ({
  page,
  openPane,
  foreignRequests,
}, testInfo) => {
  await openPane();
  await page.locator("figure").first().waitFor();
  // The top of the pane: inputs, results and the per-customer chart (the README's docs/pane.png
  // with UPDATE_SCREENSHOTS=1).
  await page.screenshot({
    path: screenshotPath(testInfo, "pane.png"),
    fullPage: true,
    clip: { x: 0, y: 0, width: 760, height: 1500 },
  });
  // Every test fails on such a request (fixtures.ts); this one says so by name.
  expect(foreignRequests, "requests besides Office.js").toEqual([]);
});
