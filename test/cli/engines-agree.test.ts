/**
 * The two engines of `retention-report cohorts` on the same generated files (fast-check): with a
 * title row or none, extra columns, a quantity column beside the amount, blank ids or dates,
 * ISO dates with a time and a time-zone offset (the date written is the date), and dates
 * written day-first or month-first, with a day above 12 somewhere (the data decides) or none
 * (the one documented guess, month-first); the same tables, or the same refusal, line and column
 * included, and the tables of the same orders written as ISO dates, read as the rule says. Then
 * the same files in child processes under other locales (LC_ALL) and time zones (TZ): the same
 * cells everywhere.
 */
import { execFileSync } from "node:child_process";
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
  /** A day above 12 somewhere (the data tells day-first from month-first), or none. */
  decidable: fc.boolean(),
  /** Whether blank ids and dates are written (else every order has both: the tables compare). */
  blanks: fc.boolean(),
  orders: fc.array(order, { minLength: 1, maxLength: 40 }),
});

type File = typeof file extends fc.Arbitrary<infer T> ? T : never;

/**
 * The file's text, and `asRead`: the same orders with ISO dates as the rule reads them (the day
 * above 12 decides; with none, month-first: a day-first 5/3/2024 is read as May 3).
 */
function text(f: File, asRead = false): string {
  const lines: string[] = [];
  if (f.header)
    lines.push(
      ["customer", "order_date", ...(f.quantity ? ["quantity"] : []), "amount"]
        .concat(f.extra ? ["city"] : [])
        .join(",")
    );
  // Decidable: one order on the 25th tells the day and the month apart. Otherwise every day is
  // 12 or less (o.day picks a month of 2023-2025 and a day 1-12).
  const all = f.decidable
    ? [...f.orders, { ...f.orders[0], day: 24, blank: "none", zone: "" }]
    : f.orders;
  const two = (n: number) => String(n).padStart(2, "0");
  for (const o of all) {
    const d = new Date(Date.UTC(2023, 0, 1) + o.day * 864e5);
    let [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    if (!f.decidable && f.dates !== "iso") {
      [y, m, dd] = [
        2023 + Math.floor(o.day / 360),
        1 + (Math.floor(o.day / 30) % 12),
        1 + (o.day % 12),
      ];
    }
    const guessed = !f.decidable && f.dates === "dmy";
    const iso = guessed ? `${y}-${two(dd)}-${two(m)}` : `${y}-${two(m)}-${two(dd)}`;
    const date = asRead
      ? iso
      : f.dates === "iso"
        ? iso + o.zone
        : f.dates === "dmy"
          ? `${dd}/${m}/${y}`
          : `${m}/${dd}/${y}`;
    lines.push(
      [
        f.blanks && o.blank === "id" ? "" : `C${o.customer}`,
        f.blanks && o.blank === "date" ? "" : date,
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
let compared = 0;
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
      if ("refused" in stream) return;
      // The truth: the same orders written as ISO dates, as the rule reads them.
      const iso = join(dir, `orders-${runs}-iso.csv`);
      compared++;
      writeFileSync(iso, text(f, true));
      const truth = await settle(analyseCsv(iso, "o.csv", { ...args, file: iso }));
      expect(stream).toEqual(truth);
    }),
    { numRuns: 40 }
  );
  // Quoted in the report: how many generated files went through both engines.
  console.log(
    `engines-agree: ${runs} generated files through both engines, ${compared} against their ISO truth`
  );
});

test("the same cells from both engines under other locales and time zones", () => {
  // Files with no day above 12 (read month-first everywhere), ambiguous both ways, and ISO
  // dates with offsets; each machine setting in a child process of its own.
  const files = fc
    .sample(file, { seed: 22, numRuns: 14 })
    .map((f, i) => ({ ...f, blanks: i % 5 === 0, decidable: i % 2 === 0 }));
  const paths = files.map((f, i) => {
    const path = join(dir, `env-${i}.csv`);
    writeFileSync(path, text(f));
    return path;
  });
  const list = join(dir, "env-files.json");
  writeFileSync(list, JSON.stringify(paths));
  const settings = [
    { LC_ALL: "en_US.UTF-8", TZ: "UTC" },
    { LC_ALL: "en_GB.UTF-8", TZ: "Asia/Tokyo" },
    { LC_ALL: "de_DE.UTF-8", TZ: "America/Los_Angeles" },
  ];
  const tsx = join(__dirname, "../../node_modules/.bin/tsx");
  const results = settings.map(
    (env) =>
      JSON.parse(
        execFileSync(tsx, [join(__dirname, "engines-in-env.ts"), list], {
          env: { ...process.env, ...env, LANG: env.LC_ALL, NODE_OPTIONS: "" },
          encoding: "utf8",
          maxBuffer: 64 << 20,
        })
      ) as Record<string, { stream: unknown; duckdb: unknown }>
  );
  for (const path of paths) {
    const here = results[0][path];
    // Revenue sums may differ in the last bits between engines: compared to the cent's millionth.
    const rounded = (v: unknown): unknown =>
      JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "number" ? Math.round(x * 1e6) : x)));
    expect(rounded(here.duckdb)).toEqual(rounded(here.stream));
    for (const other of results.slice(1)) expect(other[path]).toEqual(here);
  }
  // Among them, files the guess decides (day-first or month-first, no day above 12).
  expect(
    files.filter((f) => f.dates !== "iso" && !f.decidable && !f.blanks).length
  ).toBeGreaterThan(1);
});
