/**
 * What a finance user meets on the sample data (issue 23): the figures they came for (retention,
 * CLV) in sight at 400 px without scrolling sideways; "Use in the model" gives a sensible
 * scenario shown as money in the data's currency; the written sheets carry the at-risk list, the
 * one-time buyers' caveat and the sBG fit's quality; the model's parameters sit behind an
 * "Advanced" disclosure; axe passes on the data tab, everything open, in both themes.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { cell, expectNoAxeViolations, field } from "./pane-helpers";

async function sampleWithLifetimes(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Your data" }).click();
  await page.getByTestId("data-view").waitFor({ timeout: 20_000 });
  await page.getByRole("button", { name: "Try the sample data" }).click();
  await page.getByTestId("period-table").waitFor({ timeout: 30_000 });
  await page.getByTestId("lifetime-top").waitFor({ timeout: 60_000 });
}

/** The element's box lies inside the viewport's width: seen without scrolling sideways. */
async function expectInSight(page: Page, selector: string, what: string): Promise<void> {
  const target = page.locator(selector).first();
  await target.waitFor({ timeout: 30_000 });
  const width = page.viewportSize()!.width;
  const box = await target.boundingBox();
  expect(box, what).not.toBeNull();
  expect(box!.x, `${what}: starts in the pane`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: ends within ${width} px`).toBeLessThanOrEqual(width);
}

test("at 400 px the retention rate and the CLV are in sight without scrolling sideways", async ({
  page,
  openPane,
}) => {
  await page.setViewportSize({ width: 400, height: 900 });
  await openPane();
  await sampleWithLifetimes(page);
  await expectInSight(page, "[data-testid=period-table] tbody tr [data-col=rate]", "retention");
  await expectInSight(page, "[data-testid=lifetime-top] thead th:nth-child(2)", "CLV header");
  await expectInSight(page, "[data-testid=lifetime-top] tbody tr [data-col=clv]", "CLV");
  await expectInSight(page, "[data-testid=lifetime-top] tbody tr [data-col=pAlive]", "P(alive)");
  await expect(page.locator("[data-testid=lifetime-top] thead th").nth(1)).toHaveText(
    "Lifetime value (CLV)"
  );
  // The table's name is its caption in words, not a template.
  await expect(
    page.getByRole("region", { name: "Top 20 customers by CLV over the next 52 weeks" })
  ).toHaveCount(1);
});

test("Use in the model on the sample gives a sensible scenario, in money of the data's currency", async ({
  page,
  openPane,
}) => {
  test.setTimeout(120_000);
  await openPane();
  // The worked example's profitability, before any figure from the data.
  const before = {
    new: await cell(page, "new.profitability").innerText(),
    returning: await cell(page, "returning.profitability").innerText(),
  };
  await sampleWithLifetimes(page);
  const bills = page.getByTestId("use-bills-text");
  await expect(bills).toContainText("$");
  // Bills from an average of the last 3 months, then the customers per month.
  await page.getByTestId("use-periods").selectOption("last:3");
  await expect(bills).toContainText("average of the last 3 complete months");
  const rateButton = page.getByRole("button", { name: "Use this retention rate" });
  if (await rateButton.isEnabled()) await rateButton.click();
  else await page.getByRole("button", { name: "Use the cohort-based retention" }).click();
  await page.getByRole("button", { name: "Use these customers at the start" }).click();
  await page.getByRole("button", { name: "Use these average bills" }).click();
  await page.getByRole("button", { name: "Use these customers per month" }).click();
  await expect(page.getByTestId("use-status")).toContainText("new and");

  await page.getByRole("tab", { name: "What-if model" }).click();
  // Money comes in the data's currency (en-US: dollars), to the cent.
  for (const group of ["New customers", "Returning customers"]) {
    const bill = await field(page, group, "Average bill").inputValue();
    expect(bill, `${group}' bill`).toMatch(/^\d{1,3}(,\d{3})*(\.\d{1,2})?$/);
    expect(Number(bill.replace(/,/g, "")), `${group}' bill`).toBeGreaterThan(1);
    expect(Number(bill.replace(/,/g, "")), `${group}' bill`).toBeLessThan(10_000);
  }
  await expect(cell(page, "new.revenue")).toContainText("$");
  await expect(cell(page, "total.profit")).toContainText("$");
  // The costs kept their share of revenue: each segment's profitability is the example's.
  await expect(cell(page, "new.profitability")).toHaveText(before.new);
  await expect(cell(page, "returning.profitability")).toHaveText(before.returning);
  const total = Number(
    (await cell(page, "total.profitability").innerText())
      .replace(/[^\d.\-−]/g, "")
      .replace("−", "-")
  );
  expect(total, "total profitability, in percent").toBeGreaterThan(-100);
  expect(total, "total profitability, in percent").toBeLessThan(100);
  // Where the figures came from, the bills as money, and why the costs changed.
  const notes = page.getByTestId("from-data");
  await expect(notes).toContainText("$");
  await expect(notes).toContainText("keep their share");
  await expect(notes.getByText(/^Average bills/)).toHaveCount(1);
});

test("the written sheets carry the at-risk list, the one-time buyers and the fit's quality", async ({
  page,
  openPane,
}) => {
  test.setTimeout(120_000);
  await openPane();
  await sampleWithLifetimes(page);
  await page.getByRole("button", { name: "Write customers to sheet" }).click();
  const customers = page.frameLocator("[data-testid=lifetime-sheet-preview]");
  await customers.locator("table").first().waitFor({ timeout: 30_000 });
  const text = await customers.locator("body").innerText();
  expect(text).toContain("At risk: valuable customers who may have left");
  // MBG/NBD, the panel's default, sees one-time buyers leave too (BG/NBD's caveat is its own).
  expect(text).toMatch(
    /bought only once\. MBG\/NBD gives each of them a chance of still buying of their own/
  );
  expect(text).toContain("Time from first to last purchase, weeks (t_x)");
  // The preview shows the values beside the labels, not only the label column: the value next
  // to a label is inside the preview's frame.
  const frameBox = (await page.getByTestId("lifetime-sheet-preview").boundingBox())!;
  const valueCell = customers
    .locator("td", { hasText: /^Discount rate per year$/ })
    .locator("xpath=following-sibling::td[1]");
  await expect(valueCell).toHaveText(/^10(\.00)?%$/);
  const valueBox = (await valueCell.boundingBox())!;
  expect(valueBox.x + valueBox.width, "the value ends inside the preview").toBeLessThanOrEqual(
    frameBox.x + frameBox.width
  );
  await page.getByRole("button", { name: "Write analysis to sheet" }).click();
  const analysis = page.frameLocator("[data-testid=analysis-sheet-preview]");
  await analysis.locator("table").first().waitFor({ timeout: 30_000 });
  await expect(
    analysis.getByText(/^Fit quality: the fit is \d+\.\d percentage points/)
  ).toHaveCount(1);
});

for (const theme of ["light", "dark"] as const)
  test(`axe finds nothing on the data tab, everything open, in the ${theme} theme`, async ({
    page,
    openPane,
  }) => {
    test.setTimeout(120_000);
    await openPane(theme === "dark" ? "?theme=dark" : "");
    await sampleWithLifetimes(page);
    const advanced = page.getByTestId("lifetime-advanced");
    await expect(advanced).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByTestId("lifetime-parameters")).toHaveCount(0);
    await advanced.click();
    await expect(advanced).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByTestId("lifetime-parameters")).toContainText("What it means");
    await expectNoAxeViolations(page, `data tab, ${theme} theme`);
  });
