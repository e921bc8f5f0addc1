/**
 * Numbers as the user writes them, in the built pane (dist/), in Debian's Chromium: the sample
 * orders written as a German export (semicolons, Kunde;Datum;Betrag, dd.mm.yyyy dates, decimal
 * commas with a € sign after) give exactly the numbers of the same orders as a clean CSV; and a
 * file whose amount column holds the customers' numbers gets a warning instead of silently wrong
 * revenue. Run after `npm run build`: `npx playwright test test/e2e/number-formats.e2e.ts`.
 */
import { readFileSync } from "fs";
import path from "path";
import Papa from "papaparse";
import { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { tableRows } from "./pane-helpers";

const SAMPLE = path.resolve(__dirname, "../../samples/orders.csv");

/** The sample's orders: numeric customer numbers (as German exports have), ISO dates, cents. */
function sampleOrders(): { customer: number; date: string; cents: number }[] {
  const rows = Papa.parse<string[]>(readFileSync(SAMPLE, "utf8"), { skipEmptyLines: true }).data;
  return rows.slice(1).map(([id, date, amount]) => ({
    customer: Number(id.replace(/\D/g, "")),
    date,
    cents: Math.round(Number(amount) * 100),
  }));
}

/** 1234567 cents as "12.345,67 €": dots group the thousands, a comma marks the decimals. */
function germanAmount(cents: number): string {
  const whole = String(Math.floor(Math.abs(cents) / 100)).replace(/\B(?=(\d{3})+$)/g, ".");
  const text = `${whole},${String(Math.abs(cents) % 100).padStart(2, "0")} €`;
  return cents < 0 ? `-${text}` : text;
}

function cleanCsv(): string {
  const lines = sampleOrders().map((o) => `${o.customer},${o.date},${(o.cents / 100).toFixed(2)}`);
  return ["customer_id,order_date,amount", ...lines].join("\n") + "\n";
}

function germanCsv(): string {
  const lines = sampleOrders().map((o) => {
    const [y, m, d] = o.date.split("-");
    return `${o.customer};${d}.${m}.${y};${germanAmount(o.cents)}`;
  });
  return ["Kunde;Datum;Betrag", ...lines].join("\r\n") + "\r\n";
}

async function openFile(page: Page, name: string, text: string) {
  await page.getByRole("tab", { name: "Your data" }).click();
  await page.getByTestId("data-view").waitFor({ timeout: 20_000 });
  await page.getByTestId("csv-input").setInputFiles({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from(text, "utf8"),
  });
  await page.getByTestId("period-table").waitFor({ timeout: 20_000 });
  await page.getByTestId("data-source").getByText(name).waitFor();
}

/** What the user reads of an analysis: the data check, the summary, every table's cells. */
async function numbersShown(page: Page) {
  return {
    check: await page.getByTestId("data-check").innerText(),
    summary: await page.getByTestId("data-summary").innerText(),
    periods: await tableRows(page.getByTestId("period-table")),
  };
}

test("a German export reads to exactly the numbers of the same orders as a clean CSV", async ({
  page,
  openPane,
}) => {
  const orders = sampleOrders();
  await openPane();
  await openFile(page, "clean.csv", cleanCsv());
  const clean = await numbersShown(page);
  // The check is the data's own: its orders, customers and revenue, counted here.
  const revenueCents = orders.reduce((s, o) => s + o.cents, 0);
  const customers = new Set(orders.map((o) => o.customer)).size;
  expect(clean.check).toContain(`${orders.length.toLocaleString("en-US")} orders`);
  expect(clean.check).toContain(`${customers.toLocaleString("en-US")} customers`);
  // Money above a threshold shows whole: the revenue rounded, as the sum of the cents says.
  expect(clean.check).toContain(Math.round(revenueCents / 100).toLocaleString("en-US"));
  expect(clean.check, "no row of the clean file is left out").not.toContain("left out");

  await openFile(page, "export.csv", germanCsv());
  const matching = page.getByTestId("column-matching");
  await expect(matching.getByLabel("Customer", { exact: true })).toHaveValue("0");
  await expect(matching.getByLabel("Order date", { exact: true })).toHaveValue("1");
  await expect(matching.getByLabel("Amount", { exact: true })).toHaveValue("2");
  await expect(matching.getByLabel("Decimal mark in amounts", { exact: true })).toHaveValue(",");
  await expect(page.getByTestId("data-warning-amount-looks-like-ids")).toHaveCount(0);
  await expect
    .poll(async () => (await numbersShown(page)).periods, { message: "the period table" })
    .toEqual(clean.periods);
  expect(await numbersShown(page)).toEqual(clean);
});

test("an amount column that holds the customers' numbers gets a warning, not revenue", async ({
  page,
  openPane,
}) => {
  const orders = sampleOrders();
  const lines = orders.map((o) => `C-${o.customer},${o.date},${o.customer}`);
  await openPane();
  await openFile(page, "ids.csv", ["customer,order_date,amount", ...lines].join("\n") + "\n");
  await expect(page.getByTestId("data-warning-amount-looks-like-ids")).toBeVisible();
  await expect(page.getByTestId("data-warning-amount-looks-like-ids")).toContainText(
    "looks like ids"
  );
  const matching = page.getByTestId("column-matching");
  await expect(matching.getByLabel("Amount", { exact: true })).toHaveValue("-1");
  await expect(page.getByTestId("data-check")).toContainText("no amounts");
});
