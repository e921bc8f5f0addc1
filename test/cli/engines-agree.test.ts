/**
 * The two engines of `retention-report cohorts` on the same generated files (fast-check): with a
 * title row or none, extra columns, a quantity column beside the amount, blank ids or dates,
 * ISO dates with a time and a time-zone offset (the date written is the date), and dates
 * written day-first or month-first with a day above 12 somewhere; the same tables, or the same
 * refusal, line and column included.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parseCohortsArguments } from "../../src/cli/cohorts-arguments";
import { analyseCsv } from "../../src/cli/csv-analysis";
import { analyseWithDuckDb } from "../../src/cli/duckdb-analysis";
import type { AnalysisTables } from "../../src/model/history/analysis";

jest.setTimeout(600_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "engines-agree-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const order = fc.record({
  customer: fc.integer({ min: 0, max: 30 }),
  day: fc.integer({ min: 0, max: 900 }),
  amount: fc.integer({ min: -50, max: 500 }),
  quantity: fc.integer({ min: 1, max: 9 }),
  blank: fc.constantFrom("none", "none", "none", "none", "none", "none", "id", "date"),
  zone: fc.constantFrom("", "", "T23:30:00-05:00", "T00:15:00+09:00", "T12:00:00Z"),
});

const file = fc.record({
  header: fc.boolean(),
  extra: fc.boolean(),
  quantity: fc.boolean(),
  dates: fc.constantFrom("iso", "dmy", "mdy"),
  orders: fc.array(order, { minLength: 1, maxLength: 40 }),
});

type File = typeof file extends fc.Arbitrary<infer T> ? T : never;

function text(f: File): string {
  const lines: string[] = [];
  if (f.header)
    lines.push(
      ["customer", "order_date", ...(f.quantity ? ["quantity"] : []), "amount"]
        .concat(f.extra ? ["city"] : [])
        .join(",")
    );
  // One order on the 25th, so the day and the month are told apart in every file.
  const all = [...f.orders, { ...f.orders[0], day: 24, blank: "none", zone: "" }];
  for (const o of all) {
    const d = new Date(Date.UTC(2023, 0, 1) + o.day * 864e5);
    const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    const iso = `${y}-${String(m).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
    const date =
      f.dates === "iso" ? iso + o.zone : f.dates === "dmy" ? `${dd}/${m}/${y}` : `${m}/${dd}/${y}`;
    lines.push(
      [
        o.blank === "id" ? "" : `C${o.customer}`,
        o.blank === "date" ? "" : date,
        ...(f.quantity ? [String(o.quantity)] : []),
        String(o.amount),
        ...(f.extra ? ["Paris"] : []),
      ].join(",")
    );
  }
  return lines.join("\n") + "\n";
}

/** What both engines compute (the DuckDB engine leaves out the latest period's bills). */
const shared = (a: AnalysisTables) => ({
  rows: a.rows,
  customers: a.ids.count,
  range: a.range,
  lastDay: a.lastDay,
  retention: a.retention,
  cohorts: { ...a.cohorts, revenue: Array.from(a.cohorts.revenue, (v) => Math.round(v * 1e6)) },
  movements:
    a.movements &&
    Object.fromEntries(
      Object.entries(a.movements).map(([k, v]) => [
        k,
        k === "range" ? v : Array.from(v as Float64Array, (x) => Math.round(x * 1e6)),
      ])
    ),
});

let runs = 0;
test("the stream and DuckDB engines give the same tables or the same refusal", async () => {
  await fc.assert(
    fc.asyncProperty(file, fc.constantFrom("month", "week", "quarter"), async (f, unit) => {
      const path = join(dir, `orders-${runs++}.csv`);
      writeFileSync(path, text(f));
      const args = parseCohortsArguments([
        "--orders",
        path,
        "--period",
        unit,
        "--engine",
        "duckdb",
      ]);
      const settle = (p: Promise<AnalysisTables>) =>
        p.then(shared, (e: Error) => ({ refused: e.message }));
      const stream = await settle(analyseCsv(path, "o.csv", args));
      const duck = await settle(analyseWithDuckDb(path, "o.csv", args));
      expect(duck).toEqual(stream);
    }),
    { numRuns: 40 }
  );
  // Quoted in the report: how many generated files went through both engines.
  console.log(`engines-agree: ${runs} generated files through both engines`);
});
