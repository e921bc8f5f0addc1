/**
 * "Segment by" in the built pane (dist/), in Debian's Chromium (issue 19 §4): the sample orders
 * with a deterministic channel column opened as a CSV file, segmented by channel; the segment
 * table's customers, churn and medians and the log-rank chi-square match a brute-force reference
 * computed here (plain loops over the file's rows, never read back from the page); Chinese; a
 * 320 px pane in light and dark with axe; the comparison sheet downloaded and recalculated by
 * LibreOffice. Run after `npx webpack --mode production`: `npx playwright test test/e2e/segments.e2e.ts`.
 */
import { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import {
  downloadXlsx,
  expectLibreOfficeAgrees,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  tableRows,
} from "./pane-helpers";
import {
  logRankByLoops,
  parseOrders,
  referenceSegments,
  sampleOrdersWithChannel,
} from "../taskpane/segment-orders";

const CSV = sampleOrdersWithChannel();
const reference = referenceSegments(parseOrders(CSV));
const chi = logRankByLoops(reference.map((r) => r.durations));
const count = (v: number, locale = "en-US") => v.toLocaleString(locale);

async function openWithChannels(page: Page, tab = "Your data") {
  await page.getByRole("tab", { name: tab }).click();
  await page.getByTestId("data-view").waitFor({ timeout: 20_000 });
  await page.getByTestId("csv-input").setInputFiles({
    name: "orders-with-channel.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(CSV),
  });
  await page.getByTestId("period-table").waitFor({ timeout: 30_000 });
  await page.getByTestId("segment-by").selectOption({ label: "channel" });
  await page.getByTestId("segment-table").waitFor({ timeout: 30_000 });
}

test("Segment by channel: the table and the log-rank result match the reference", async ({
  page,
  openPane,
}) => {
  test.setTimeout(120_000);
  await openPane();
  await openWithChannels(page);
  await expect
    .poll(
      async () => (await tableRows(page.getByTestId("segment-table"))).map((r) => r.slice(0, 3)),
      {
        message: "segment, customers, churned",
      }
    )
    .toEqual(reference.map((r) => [r.label, count(r.customers), count(r.churned)]));
  const medians = (await tableRows(page.getByTestId("segment-table"))).map((r) => r[3]);
  medians.forEach((m, j) =>
    expect(m, `${reference[j].label}'s median`).toMatch(
      reference[j].median === null ? /^not reached/ : new RegExp(`^${reference[j].median} \\(`)
    )
  );
  await expect(page.getByTestId("segment-test")).toContainText(
    `chi-square ${chi.toLocaleString("en-US", { maximumFractionDigits: 2 })} on 2 degrees of freedom`
  );
  await expect(page.getByTestId("segment-sentence")).toContainText(
    "across the 3 segments, a difference this large would happen by chance"
  );
  // The curves: one line per channel in one figure.
  await expect(page.getByTestId("segments").locator("figure .recharts-line")).toHaveCount(3);
  // One channel in the period retention and cohorts.
  await page.getByTestId("segment-shown").selectOption({ label: reference[2].label });
  await expect(page.getByTestId("data-summary")).toContainText(
    `${count(reference[2].customers)} customers`
  );
});

test("Chinese: the segment comparison in zh-CN, axe clean", async ({ page, openPane }) => {
  test.setTimeout(120_000);
  await openPane("?lang=zh-CN");
  await openWithChannels(page, "你的数据");
  await page.getByRole("heading", { name: "细分" }).waitFor();
  await expect(page.getByTestId("segment-sentence")).toContainText("在这 3 个细分之间");
  await expect(page.getByTestId("segment-test")).toContainText("对数秩检验");
  await expectNoAxeViolations(page, "Chinese segments");
});

for (const theme of ["light", "dark"] as const)
  test(`a 320 px pane (${theme}) fits the segment comparison and axe finds nothing`, async ({
    page,
    openPane,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 320, height: 900 });
    await openPane(`?theme=${theme}`);
    await openWithChannels(page);
    await page.getByTestId("segments").locator("figure svg").first().waitFor();
    await expectNoSidewaysScroll(page, `segments, 320 px, ${theme}`);
    await expectNoAxeViolations(page, `segments, 320 px, ${theme}`);
  });

test("the segment comparison sheet: written, downloaded and recalculated by LibreOffice", async ({
  page,
  openPane,
}) => {
  test.setTimeout(180_000);
  await openPane();
  await openWithChannels(page);
  await page.getByRole("button", { name: "Write segment comparison to sheet" }).click();
  const frame = page.frameLocator("[data-testid=segments-sheet-preview]");
  await frame.locator("table").first().waitFor({ timeout: 20_000 });
  await expect(frame.locator("td", { hasText: "Segment comparison" }).first()).toBeVisible();
  const downloaded = await downloadXlsx(page, "Download segment comparison .xlsx");
  // The p-value and one fitted retention per segment with a fit.
  const results = await expectLibreOfficeAgrees(downloaded, 2);
  expect(results.length).toBeGreaterThanOrEqual(2);
});
