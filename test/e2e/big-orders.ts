/**
 * A CSV of orders at Excel's scale, for the pane's Cancel check and its benchmark: made once per
 * machine in the temp folder (about 30 MB), deterministic.
 */
import { existsSync, renameSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import path from "path";

/** A CSV of Excel's maximum 1,048,575 data rows (made once per machine, in the temp folder). */
export function bigOrdersCsv(rows = 1_048_575): string {
  const file = path.join(tmpdir(), `your-data-orders-${rows}.csv`);
  if (existsSync(file)) return file;
  const lines = ["customer_id,order_date,amount"];
  const first = Date.UTC(2023, 0, 1);
  for (let i = 0; i < rows; i++) {
    const customer = (i * 7919) % 150_000;
    const day = new Date(first + ((i * 37 + customer) % 730) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    lines.push(`C-${customer},${day},${(20 + ((i * 13) % 180)).toFixed(2)}`);
  }
  // Written aside and moved into place, so a reader never sees half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, lines.join("\n") + "\n");
  renameSync(partial, file);
  return file;
}
