/*
 * Writes the repository's sample data (samples/*.csv), deterministically: the pane's "Try the
 * sample data", the docs' worked examples and the command line's examples use these files.
 * `npx tsx scripts/make-samples.ts` rewrites them byte for byte the same.
 */
import fs from "fs";
import path from "path";
import { isoTextFromSerial } from "../src/model/reading/excel-dates";
import { syntheticOrders, syntheticSubscriptions } from "../test/support/synthetic-data";

export const SAMPLE_ORDERS = { customers: 400, months: 18, seed: 2024, firstDay: 45292 };
export const SAMPLE_SUBSCRIPTIONS = { customers: 300, months: 18, seed: 7, firstDay: 45292 };

const dir = path.resolve(__dirname, "..", "samples");

function main(): void {
  fs.mkdirSync(dir, { recursive: true });
  const orders = syntheticOrders(SAMPLE_ORDERS);
  const lines = ["customer_id,order_date,amount"];
  // Exports list orders by date; ties keep the generator's order, so the file is stable.
  const byDate = orders.date
    .map((_, i) => i)
    .sort((a, b) => orders.date[a] - orders.date[b] || a - b);
  for (const i of byDate)
    lines.push(
      `${orders.customer[i]},${isoTextFromSerial(orders.date[i])},${orders.amount[i].toFixed(2)}`
    );
  fs.writeFileSync(path.join(dir, "orders.csv"), lines.join("\n") + "\n");
  const subs = syntheticSubscriptions(SAMPLE_SUBSCRIPTIONS);
  const subLines = ["customer_id,start_date,end_date,mrr"];
  for (let i = 0; i < subs.start.length; i++) {
    const end = subs.end[i];
    subLines.push(
      `${subs.customer[i]},${isoTextFromSerial(subs.start[i])},${end === null ? "" : isoTextFromSerial(end)},${subs.mrr[i]}`
    );
  }
  fs.writeFileSync(path.join(dir, "subscriptions.csv"), subLines.join("\n") + "\n");
  console.log(
    `samples/orders.csv: ${orders.date.length} orders; samples/subscriptions.csv: ${subs.start.length} subscriptions`
  );
}

if (require.main === module) main();
