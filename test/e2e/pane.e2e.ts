/**
 * End-to-end checks of the built task pane (dist/) in Debian's Chromium, as a user would try
 * the preview, on Playwright Test (playwright.config.ts; fixtures in fixtures.ts).
 * Run after `npm run build`: `npm run test:e2e` (or `npx playwright test test/e2e/pane.e2e.ts`).
 */
import { mkdirSync, readFileSync } from "fs";
import path from "path";
import { cloneScenario, evaluateScenario, WORKED_EXAMPLE } from "../../src/model/economics/scenario";
import { recalculateWithLibreOffice } from "../support/libreoffice";
import { test } from "./fixtures";
import {
  cell,
  expectClose,
  expectEqual,
  expectNoAxeViolations,
  expectTrue,
  field,
} from "./pane-helpers";
import { namedValues, sheetScopedNames, withWrongCachedResults } from "./xlsx-inspection";

const SCREENSHOT = path.resolve(__dirname, "../../docs/pane.png");

test("the worked example's numbers appear", async ({ page, openPane }) => {
  await openPane();
  expectEqual(await cell(page, "new.revenue").textContent(), "₽2,250,000", "new revenue");
  expectEqual(
    await cell(page, "returning.revenue").textContent(),
    "₽2,400,000",
    "returning revenue"
  );
  expectEqual(await cell(page, "new.profit").textContent(), "₽133,000", "new profit");
  expectEqual(await cell(page, "returning.profit").textContent(), "₽572,000", "returning profit");
  expectEqual(
    await cell(page, "new.costPerCustomer").textContent(),
    "₽28,226.67",
    "new cost per customer"
  );
  expectEqual(
    await cell(page, "returning.costPerCustomer").textContent(),
    "₽22,850",
    "returning cost per customer"
  );
  expectEqual(
    await field(page, "New customers", "Marketing spend").inputValue(),
    "1,617,000",
    "prefilled marketing spend"
  );
  // Results are a real table with row and column headers.
  expectEqual(
    await page.locator("[data-testid=results-table] th[scope=col]").count(),
    4,
    "column headers"
  );
  expectEqual(
    await page.locator("[data-testid=results-table] th[scope=row]").count(),
    7,
    "row headers"
  );
});

test("edits update results, in the locale's number format", async ({ page, openPane }) => {
  await openPane();
  await field(page, "New customers", "Average bill").fill("40,000");
  expectEqual(
    await cell(page, "new.revenue").textContent(),
    "₽3,000,000",
    "new revenue after edit"
  );
  expectEqual(
    await cell(page, "total.profit").textContent(),
    "₽1,455,000",
    "total profit after edit"
  );
  // A European-style number is still understood where it is unambiguous.
  await field(page, "Returning customers", "Marketing spend").fill("1.328.000,50");
  expectEqual(
    await cell(page, "returning.totalCost").textContent(),
    "₽1,828,000.5",
    "returning cost after edit"
  );
  // The baseline table shows the change.
  const profitRow = page.locator("[data-testid=baseline-table] tr[data-output='total.profit'] td");
  expectEqual(await profitRow.nth(2).textContent(), "+₽749,999.5", "profit change vs baseline");
  await page.getByRole("button", { name: "Reset to baseline" }).click();
  expectEqual(await cell(page, "new.revenue").textContent(), "₽2,250,000", "revenue after reset");
  // The currency picker changes how money is shown, nothing else.
  await page.getByLabel("Currency").selectOption("EUR");
  expectEqual(await cell(page, "new.revenue").textContent(), "€2,250,000", "revenue in euros");
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
  expectEqual(Math.abs(before[0] / before[1] - 1) < 0.01, true, "bills equal at first");
  const bill = field(page, "New customers", "Average bill");
  await bill.fill("");
  await bill.pressSequentially("300000", { delay: 50 });
  expectEqual(await cell(page, "new.revenue").textContent(), "₽22,500,000", "new revenue");
  // 300,000 vs 30,000: the new customers' bill bar ends up ten times the returning one.
  const deadline = Date.now() + 10_000;
  const settled = (bars: number[]) => bars.length === 2 && Math.abs(bars[0] / bars[1] - 10) <= 0.05;
  let after = await heights();
  while (!settled(after) && Date.now() < deadline) {
    await page.waitForTimeout(100);
    after = await heights();
  }
  expectEqual(
    settled(after),
    true,
    `average-bill bars ${after.join(" : ")}; all bars ${await layout()}`
  );
});

test("validation messages show, dependent results show a dash, writing is blocked", async ({
  page,
  openPane,
}) => {
  await openPane();
  expectEqual(
    await page.locator("main").getAttribute("data-can-write"),
    "true",
    "can write when valid"
  );
  await field(page, "New customers", "Customers").fill("abc");
  await field(page, "Returning customers", "Overheads and taxes").fill("-5");
  await page.getByText("Enter a number").waitFor();
  await page.getByText("Cannot be negative").waitFor();
  expectEqual(
    await field(page, "New customers", "Customers").getAttribute("aria-invalid"),
    "true",
    "field marked invalid"
  );
  expectEqual(await cell(page, "new.revenue").textContent(), "–", "dependent result");
  expectEqual(await cell(page, "total.profit").textContent(), "–", "total depends on both");
  expectEqual(
    await page.locator("main").getAttribute("data-can-write"),
    "false",
    "canWrite while invalid"
  );
  await page.getByTestId("blocked-notice").waitFor();
  expectTrue(
    await page.getByRole("button", { name: "Set as baseline" }).isDisabled(),
    "Set as baseline disabled while invalid"
  );
  const write = page.getByRole("button", { name: "Write to sheet" });
  if ((await write.count()) > 0)
    expectTrue(await write.isDisabled(), "Write to sheet disabled while invalid");
  await field(page, "New customers", "Customers").fill("0");
  await page.getByText("Must be greater than 0").waitFor();
  await field(page, "New customers", "Customers").fill("75");
  await field(page, "Returning customers", "Overheads and taxes").fill("500 000");
  expectEqual(
    await cell(page, "total.profit").textContent(),
    "₽705,000",
    "total profit once fixed"
  );
  expectEqual(
    await page.locator("main").getAttribute("data-can-write"),
    "true",
    "can write once fixed"
  );
});

test("Chinese renders (?lang=zh-CN)", async ({ page, openPane }) => {
  await openPane("?lang=zh-CN");
  await page.getByRole("heading", { name: "客户留存经济模型" }).waitFor();
  await page.getByRole("group", { name: "新客户" }).waitFor();
  await page.getByRole("group", { name: "回头客" }).waitFor();
  expectEqual(await cell(page, "new.profit").textContent(), "₽133,000", "new profit in zh-CN");
  expectEqual(
    await page.evaluate(() => document.documentElement.lang),
    "zh-CN",
    "document language"
  );
  await expectNoAxeViolations(page, "Chinese pane");
});

test("goal seek answers and Apply puts the answer into the inputs", async ({ page, openPane }) => {
  await openPane();
  // Defaults: make New customers: Profit equal 0 by changing New: Average bill.
  await page.getByRole("button", { name: "Find" }).click();
  const status = page.getByTestId("goal-result");
  await status.getByText("28,226.67", { exact: false }).waitFor();
  await page.getByRole("button", { name: "Apply" }).click();
  expectEqual(
    await field(page, "New customers", "Average bill").inputValue(),
    "28,226.666667",
    "applied average bill"
  );
  expectEqual(await cell(page, "new.profit").textContent(), "₽0", "new profit after applying");
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
  await grid.locator("tbody td").first().waitFor(); // the what-if tools mount just after first paint
  expectEqual(await grid.locator("tbody td").count(), 121, "grid cells");
  const current = grid.locator("td[aria-current=true]");
  expectEqual(await current.count(), 1, "one current cell");
  expectEqual(await current.textContent(), "₽705K", "current cell is today's total profit");
  await page.getByLabel("Steps per axis").fill("5");
  expectEqual(await grid.locator("tbody td").count(), 25, "grid cells after changing steps");
  // The grid follows every edit.
  await field(page, "New customers", "Average bill").fill("31,000");
  expectEqual(
    await grid.locator("td[aria-current=true]").textContent(),
    "₽780K",
    "current cell after an edit"
  );
  expectTrue(
    (await page.getByTestId("tornado-table").locator("tbody tr").count()) >= 8,
    "tornado rows"
  );
});

test("write to sheet shows the rendered sheet; scenarios save, load and compare", async ({
  page,
  openPane,
}) => {
  await openPane();
  await page.getByRole("button", { name: "Write to sheet" }).click();
  const frame = page.frameLocator("[data-testid=sheet-preview]");
  await frame.locator("table").waitFor({ timeout: 10_000 });
  expectTrue(
    (await frame.locator("td").allTextContents()).some((text) => text.includes("2,250,000")),
    "rendered sheet shows the revenue"
  );
  expectEqual(
    await page.getByTestId("sheet-preview").getAttribute("sandbox"),
    "",
    "sandboxed preview frame"
  );
  await page.getByLabel("Scenario name").fill("Plan A");
  await page.getByRole("button", { name: "Save scenario" }).click();
  await page.getByRole("button", { name: "Load Plan A" }).waitFor();
  await field(page, "New customers", "Average bill").fill("35,000");
  await page.getByLabel("Scenario name").fill("Plan B");
  await page.getByRole("button", { name: "Save scenario" }).click();
  await page.getByRole("button", { name: "Load Plan B" }).waitFor();
  await page.getByRole("button", { name: "Load Plan A" }).click();
  expectEqual(
    await field(page, "New customers", "Average bill").inputValue(),
    "30,000",
    "loaded Plan A"
  );
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
  expectTrue(
    model.new.profit !== evaluateScenario(WORKED_EXAMPLE).new.profit,
    "edit changes profit"
  );

  // "Write to sheet" shows the edited report too (75 × 31,000 = 2,325,000).
  await page.getByRole("button", { name: "Write to sheet" }).click();
  await page
    .frameLocator("[data-testid=sheet-preview]")
    .locator("td", { hasText: "2,325,000" })
    .first()
    .waitFor({ timeout: 10_000 });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download .xlsx" }).click(),
  ]);
  expectTrue(download.suggestedFilename().endsWith(".xlsx"), "downloaded an .xlsx");
  const downloaded = new Uint8Array(readFileSync(await download.path()));
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
  expectEqual(asDownloaded.get("New_AverageBill")?.value, 31_000, "the edit is in the file");
  for (const name of Object.keys(expected))
    expectTrue(asDownloaded.get(name)?.isFormula === true, `${name} is a live formula`);

  // Every cached result made wrong first: only LibreOffice's own recalculation can pass.
  const poisoned = await withWrongCachedResults(downloaded);
  const stale = await namedValues(poisoned, names);
  for (const [name, value] of Object.entries(expected))
    expectTrue(
      stale.get(name)?.value !== value,
      `${name}'s cached value is wrong before recalculation`
    );

  const recalculated = await recalculateWithLibreOffice(poisoned);
  const recalculatedNames = await sheetScopedNames(recalculated);
  const values = await namedValues(recalculated, recalculatedNames);
  for (const [name, value] of Object.entries(expected))
    expectClose(values.get(name)?.value, value, `${name} after LibreOffice recalculated`);
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
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expectTrue(
      scrollWidth <= clientWidth,
      `${query || "English"}: the page is ${scrollWidth} px wide in a ${clientWidth} px pane`
    );
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
    expectTrue(reached.has(name), `Tab never reached "${name}"`);
  }
});

test("the pane makes no network request besides Office.js, and a screenshot is saved", async ({
  page,
  openPane,
  foreignRequests,
}) => {
  await openPane();
  await page.locator("figure").first().waitFor();
  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  // The top of the pane: inputs, results and the per-customer chart.
  await page.screenshot({
    path: SCREENSHOT,
    fullPage: true,
    clip: { x: 0, y: 0, width: 760, height: 1500 },
  });
  // Every test fails on such a request (fixtures.ts); this one says so by name.
  expectEqual(foreignRequests.join(" "), "", "requests besides Office.js");
});
