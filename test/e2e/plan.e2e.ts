/**
 * "Plan the next periods" in the built pane (dist/), in Debian's Chromium: the sample's plan by
 * month with the model's customers (computed here by calling the model on the sample, never read
 * back from the page), an uplift typed in moves it to the model's plan at that uplift, a bad input
 * is named inline, goal seek on the plan finds the model's answer, Chinese, a 320 px pane in both
 * themes with axe-core, and "Write plan to sheet" whose download LibreOffice recalculates to the
 * same numbers.
 * Run after `npm run build`: `npx playwright test test/e2e/plan.e2e.ts`.
 */
import { Page } from "@playwright/test";
import { planBase } from "../../src/model/plan/plan-from-history";
import { planForecast } from "../../src/model/plan/plan-model";
import { goalSeek } from "../../src/model/whatif/goal-seek";
import { PlanState, planWhatIfModel } from "../../src/model/whatif/plan-whatif-model";
import { sampleOrders } from "../report/analysis-support";
import { expect, test } from "./fixtures";
import {
  downloadXlsx,
  expectLibreOfficeAgrees,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  tableRows,
} from "./pane-helpers";

const analysis = sampleOrders();
const base = planBase(analysis);
/** The pane's defaults: 12 months, the latest month's new customers, its revenue, no uplift. */
const plan = (uplift: number) =>
  planForecast({
    ...base,
    horizon: 12,
    newCustomers: Array(12).fill(analysis.latest!.newCustomers),
    revenuePerCustomer: base.revenuePerCustomer!,
    margin: 1,
    cac: 0,
    uplift,
  });
const count = (v: number, locale = "en-US") => Math.round(v).toLocaleString(locale);
/** The same defaults as the what-if tools' plan. */
const planState: PlanState = {
  ...base,
  horizon: 12,
  newPerPeriod: analysis.latest!.newCustomers,
  growth: 0,
  pasted: null,
  acquisitionVolume: 1,
  revenuePerCustomer: base.revenuePerCustomer!,
  margin: 1,
  cac: 0,
  uplift: 0,
};

async function openPlan(page: Page, tab = "Your data", sample = "Try the sample data") {
  await page.getByRole("tab", { name: tab }).click();
  await page.getByTestId("data-view").waitFor({ timeout: 20_000 });
  await page.getByRole("button", { name: sample }).click();
  await page.getByTestId("plan-table").waitFor({ timeout: 30_000 });
}

/** The plan table's Customers column, as shown. */
async function customers(page: Page): Promise<string[]> {
  const rows = await tableRows(page.getByTestId("plan-table"), "td[data-col=total]");
  return rows.map((r) => r[0]);
}

test("the sample's plan is the model's, and an uplift moves it to the model's", async ({
  page,
  openPane,
}) => {
  await openPane();
  await openPlan(page);
  await expect.poll(() => customers(page)).toEqual(Array.from(plan(0).total, (v) => count(v)));
  await expect(page.getByTestId("plan-summary")).toContainText(`${count(plan(0).total[11])} in`);
  await expect(page.getByTestId("plan-backtest")).toContainText(/off by [\d.]+% on average/);
  // The chart: one image named by its summary; today's and new customers stacked, and the range.
  const chart = page.getByRole("img", { name: /^Expected customers from / });
  await expect(chart).toHaveAttribute(
    "aria-label",
    new RegExp(`to ${count(plan(0).total[11])} in .*stacked, the range outlined over them\\.$`)
  );
  await expect(chart.locator(".recharts-area-area")).toHaveCount(3);
  await page.getByLabel("Chart", { exact: true }).selectOption("revenue");
  await expect(page.getByRole("img", { name: /^Expected revenue from / })).toBeVisible();
  await page.getByLabel("Retention uplift (% less churn)").fill("10");
  await expect.poll(() => customers(page)).toEqual(Array.from(plan(0.1).total, (v) => count(v)));
  await page.getByLabel("Margin (% of revenue)").fill("130");
  await expect(page.getByText("Type a percentage from 0 to 100.")).toBeVisible();
});

test("a pasted column of new customers plans with them, and too few are named inline", async ({
  page,
  openPane,
}) => {
  await openPane();
  await openPlan(page);
  const marketing = Array.from({ length: 12 }, (_, i) => 40 + 5 * i);
  const expected = planForecast({
    ...base,
    horizon: 12,
    newCustomers: marketing,
    revenuePerCustomer: base.revenuePerCustomer!,
    margin: 1,
    cac: 0,
    uplift: 0,
  });
  const field = page.getByLabel("Or paste the plan's new customers, one a month");
  await field.fill(marketing.slice(0, 5).join("\n"));
  await expect(
    page.getByText("You pasted 5 numbers; the plan needs 12, one a period.")
  ).toBeVisible();
  await field.fill(marketing.join("\n"));
  await expect.poll(() => customers(page)).toEqual(Array.from(expected.total, (v) => count(v)));
  await expect(page.getByLabel("New customers in the first month")).toBeDisabled();
  // With a CAC, each planned cohort's LTV : CAC by the plan's end: the model's, to one decimal.
  await page.getByLabel("Acquisition cost per new customer").fill("50");
  const withCac = planForecast({
    ...base,
    horizon: 12,
    newCustomers: marketing,
    revenuePerCustomer: base.revenuePerCustomer!,
    margin: 1,
    cac: 50,
    uplift: 0,
  });
  await expect
    .poll(async () =>
      (await tableRows(page.getByTestId("plan-table"), "td[data-col=ltvToCac]")).map((r) => r[0])
    )
    .toEqual(
      Array.from(
        withCac.ltvToCac,
        (v) => `${v.toLocaleString("en-US", { maximumFractionDigits: 1 })}×`
      )
    );
});

test("a plan saved under a name loads back into the fields, and the table follows", async ({
  page,
  openPane,
}) => {
  await openPane();
  await openPlan(page);
  await page.getByLabel("Retention uplift (% less churn)").fill("10");
  await expect.poll(() => customers(page)).toEqual(Array.from(plan(0.1).total, (v) => count(v)));
  const saved = page.getByTestId("plan-scenarios");
  await expect(saved.getByLabel("Plan name")).toHaveValue("Plan for 12 months");
  await saved.getByLabel("Plan name").fill("Better retention");
  await saved.getByRole("button", { name: "Save plan" }).click();
  await expect(saved.getByTestId("scenarios-status")).toHaveText("Saved “Better retention”.");
  await page.getByLabel("Retention uplift (% less churn)").fill("0");
  await expect.poll(() => customers(page)).toEqual(Array.from(plan(0).total, (v) => count(v)));
  await saved.getByRole("button", { name: "Load Better retention" }).click();
  await expect(page.getByLabel("Retention uplift (% less churn)")).toHaveValue("10");
  await expect.poll(() => customers(page)).toEqual(Array.from(plan(0.1).total, (v) => count(v)));
});

test("goal seek on the plan: the new customers a month that keep month 12's revenue at a target", async ({
  page,
  openPane,
}) => {
  await openPane();
  await openPlan(page);
  // Half as much again as the plan's revenue in its 12th month, in whole dollars.
  const target = Math.round(1.5 * plan(0).revenue[11]);
  const answer = goalSeek(planWhatIfModel, planState, "revenueAtEnd", target, "newPerPeriod");
  expect(answer.kind).toBe("found");
  if (answer.kind !== "found") return;
  const whatIf = page.getByTestId("plan-what-if");
  await whatIf
    .getByLabel("Make", { exact: true })
    .selectOption({ label: "Revenue in the plan's last month" });
  await whatIf
    .getByLabel("by changing")
    .selectOption({ label: "New customers in the first month" });
  await whatIf.getByLabel("equal to", { exact: true }).fill(String(target));
  await whatIf.getByRole("button", { name: "Find" }).click();
  const value = answer.value.toLocaleString("en-US", { maximumFractionDigits: 2 });
  await expect(page.getByTestId("plan-goal-result")).toContainText(
    `New customers in the first month = ${value} gives Revenue in the plan's last month = `
  );
  // Applying the whole number above moves the plan to it.
  const whole = Math.ceil(answer.value);
  await whatIf.getByRole("button", { name: `Apply ${whole.toLocaleString("en-US")}` }).click();
  const field = page.getByTestId("data-view").getByLabel("New customers in the first month", {
    exact: true,
  });
  await expect(field).toHaveValue(whole.toLocaleString("en-US"));
  const applied = planForecast({
    ...base,
    horizon: 12,
    newCustomers: Array(12).fill(whole),
    revenuePerCustomer: base.revenuePerCustomer!,
    margin: 1,
    cac: 0,
    uplift: 0,
  });
  await expect.poll(() => customers(page)).toEqual(Array.from(applied.total, (v) => count(v)));
});

test("Chinese: the plan in zh-CN with the same customers, axe clean", async ({
  page,
  openPane,
}) => {
  await openPane("?lang=zh-CN");
  await openPlan(page, "你的数据", "试用示例数据");
  await expect
    .poll(() => customers(page))
    .toEqual(Array.from(plan(0).total, (v) => count(v, "zh-CN")));
  const text = await page.getByTestId("data-view").innerText();
  expect(text).not.toMatch(/[{}]|Seed/);
  await expectNoAxeViolations(page, "plan, zh-CN");
});

for (const theme of ["light", "dark"] as const)
  test(`a 320 px pane (${theme}) fits the plan and axe finds nothing`, async ({
    page,
    openPane,
  }) => {
    await page.setViewportSize({ width: 320, height: 900 });
    await openPane(`?theme=${theme}`);
    await openPlan(page);
    await page.getByTestId("plan-table").scrollIntoViewIfNeeded();
    await expectNoSidewaysScroll(page, `plan, 320 px, ${theme}`);
    await expectNoAxeViolations(page, `plan, 320 px, ${theme}`);
  });

test("Write plan to sheet shows the sheet; its download recalculates in LibreOffice to the model", async ({
  page,
  openPane,
}) => {
  test.setTimeout(120_000);
  await openPane();
  await openPlan(page);
  await page.getByRole("button", { name: "Write plan to sheet" }).click();
  const frame = page.frameLocator("[data-testid=plan-sheet-preview]");
  await frame.locator("table").first().waitFor({ timeout: 20_000 });
  const downloaded = await downloadXlsx(page, "Download plan .xlsx");
  const results = await expectLibreOfficeAgrees(downloaded, 200);
  const last = plan(0).total[11];
  expect(
    results.some((v) => Math.abs(v - last) <= 1e-9 * last),
    `the 12th month's customers ${last} among LibreOffice's results`
  ).toBe(true);
});
