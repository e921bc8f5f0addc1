/**
 * Rows dated after the command's as-of date (issue 22, item 3): without --end-date the as-of
 * date is today, and an order (or a subscription start) after it is refused on one line naming
 * file, line, column and date, by both engines alike; --drop-future leaves such rows out and
 * says how many and where the first was, and the figures are then those of the file without
 * them. An end past 2200 (9999-12-31) is a subscription still running. Run in-process through
 * main(), with the clock given.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parseCohortsArguments } from "../../src/cli/cohorts-arguments";
import { analyseCsv } from "../../src/cli/csv-analysis";
import { analyseWithDuckDb } from "../../src/cli/duckdb-analysis";
import { main } from "../../src/cli/main";
import type { AnalysisTables } from "../../src/model/history/analysis";

jest.setTimeout(300_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "future-rows-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The clock's today: 2025-06-15, at 23:30 local time (the local calendar's date is today). */
const NOW = new Date(2025, 5, 15, 23, 30);

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "retention-report", "cohorts", ...args], {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    cwd: dir,
    now: () => NOW,
  });
  return { code, stdout: out, stderr: err };
}

/** ISO text of the day `offset` days after 2024-01-01 (plain calendar arithmetic, in UTC). */
const isoDay = (offset: number) =>
  new Date(Date.UTC(2024, 0, 1) + offset * 864e5).toISOString().slice(0, 10);
/** 2025-06-15 is 531 days after 2024-01-01. */
const TODAY_OFFSET = 531;

let files = 0;
function write(lines: string[]): string {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

const shared = (a: AnalysisTables) => ({
  rows: a.rows,
  customers: a.ids.count,
  range: a.range,
  lastDay: a.lastDay,
  retention: a.retention,
  cohorts: { ...a.cohorts, revenue: Array.from(a.cohorts.revenue, (v) => Math.round(v * 1e6)) },
});

describe("the command line and orders dated after today", () => {
  it("refuses the typo of the issue, naming file, line, column and date, in both engines", async () => {
    const lines = ["customer,order_date,amount", "C-1,2025-01-05,10", "C-2,2025-02-05,20"];
    lines.push("C-999999,2204-03-05,10", "C-1,2025-03-05,10");
    const path = write(lines);
    for (const engine of ["stream", "duckdb"]) {
      const r = await cli("--orders", path, "--engine", engine, "--out", `x-${engine}.xlsx`);
      expect(r.code).toBe(1);
      expect(r.stderr).toEqual([
        `retention-report: ${path}:4:2: order_date: 2204-03-05 is after today (2025-06-15): ` +
          "check the date, or leave such rows out with --drop-future, or analyse up to a date with --end-date",
      ]);
    }
  });

  it("an order dated today is not a future one; tomorrow is", async () => {
    const today = write(["customer,order_date", "C-1,2025-01-05", "C-2,2025-06-15"]);
    expect((await cli("--orders", today, "--out", "today.xlsx")).code).toBe(0);
    const tomorrow = write(["customer,order_date", "C-1,2025-01-05", "C-2,2025-06-16"]);
    const r = await cli("--orders", tomorrow, "--out", "tomorrow.xlsx");
    expect(r.stderr[0]).toContain(":3:2: order_date: 2025-06-16 is after today (2025-06-15)");
  });

  it("--drop-future leaves them out, says how many and the first line, and gives the figures of the file without them", async () => {
    const order = fc.record({
      customer: fc.integer({ min: 0, max: 12 }),
      day: fc.oneof(
        fc.integer({ min: 0, max: TODAY_OFFSET }),
        fc.integer({ min: TODAY_OFFSET + 1, max: 80_000 })
      ),
      amount: fc.integer({ min: 1, max: 300 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(order, { minLength: 1, maxLength: 30 }),
        fc.constantFrom("stream", "duckdb"),
        async (orders, engine) => {
          // One order on or before today, so something is left to analyse.
          const all = [{ customer: 0, day: 3, amount: 5 }, ...orders];
          const line = (o: (typeof all)[number]) => `C${o.customer},${isoDay(o.day)},${o.amount}`;
          const path = write(["customer,order_date,amount", ...all.map(line)]);
          const future = all
            .map((o, i) => ({ ...o, line: i + 2 }))
            .filter((o) => o.day > TODAY_OFFSET);
          const kept = write([
            "customer,order_date,amount",
            ...all.filter((o) => o.day <= TODAY_OFFSET).map(line),
          ]);
          const out = `o${files}.xlsx`;
          const r = await cli("--orders", path, "--engine", engine, "--drop-future", "--out", out);
          expect(r.code).toBe(0);
          if (future.length === 0) expect(r.stderr).toEqual([]);
          else
            expect(r.stderr).toEqual([
              `Left out ${future.length} ${future.length === 1 ? "order" : "orders"} dated after today (2025-06-15), ` +
                `the first on line ${future[0].line} (${isoDay(future[0].day)}).`,
            ]);
          // The truth: the file without those rows, read with no as-of rule at all.
          const args = parseCohortsArguments(["--orders", path, "--engine", engine]);
          const keptArgs = parseCohortsArguments(["--orders", kept]);
          const truth = shared(await analyseCsv(kept, "k.csv", keptArgs));
          const rule = (await import("../../src/cli/csv-analysis")).commandFutureRule(
            { ...args, dropFuture: true },
            45823 // 2025-06-15
          );
          const got =
            engine === "duckdb"
              ? await analyseWithDuckDb(path, "o.csv", { ...args, dropFuture: true }, rule)
              : await analyseCsv(path, "o.csv", { ...args, dropFuture: true }, undefined, rule);
          expect(shared(got)).toEqual(truth);
        }
      ),
      { numRuns: 24 }
    );
  });

  it("--end-date is the user's cut-off: later orders are left out as documented, nothing refused", async () => {
    const path = write([
      "customer,order_date",
      "C-1,2025-01-05",
      "C-2,2204-03-05",
      "C-3,2025-02-01",
    ]);
    const r = await cli("--orders", path, "--end-date", "2025-03-31", "--out", "cut.xlsx");
    expect(r.code).toBe(0);
    expect(r.stderr).toEqual([]);
    expect(r.stdout[0]).toContain("2 orders of 2 customers");
  });
});

describe("a far-future date behind a sheet too big", () => {
  it("is named as the likely mistake; a longer period is not suggested", async () => {
    // A new customer every week for 220 weeks, analysed weekly up to 2204: 220 cohorts × 9,400
    // weeks is more cohort cells than a sheet takes. A longer period would hide the typo.
    const lines = ["customer,order_date"];
    for (let w = 0; w < 220; w++) lines.push(`C${w},${isoDay(7 * w)}`);
    const path = write(lines);
    const r = await cli(
      "--orders",
      path,
      "--period",
      "week",
      "--end-date",
      "2204-03-05",
      "--out",
      "far.xlsx"
    );
    expect(r.code).toBe(1);
    expect(r.stderr[0]).toMatch(/past the year 2200/);
    expect(r.stderr[0]).not.toMatch(/longer/);
    // 1,450 real days, daily: too big too, and there a longer period helps.
    const daily = write([
      "customer,order_date",
      ...Array.from({ length: 1450 }, (_, d) => `C${d},${isoDay(d)}`),
    ]);
    const near = await cli("--orders", daily, "--period", "day", "--end-date", "2027-12-31");
    expect(near.stderr[0]).toMatch(/choose a longer period/);
  });
});

describe("the command line and subscriptions", () => {
  it("refuses a start after today, and --drop-future leaves it out", async () => {
    const path = write([
      "customer,start_date,end_date,mrr",
      "C-1,2025-01-01,,10",
      "C-2,2204-03-05,,10",
    ]);
    const refused = await cli("--subscriptions", path, "--out", "s1.xlsx");
    expect(refused.stderr).toEqual([
      `retention-report: ${path}:3:2: start_date: 2204-03-05 is after today (2025-06-15): ` +
        "check the date, or leave such rows out with --drop-future, or analyse up to a date with --end-date",
    ]);
    const dropped = await cli("--subscriptions", path, "--drop-future", "--out", "s2.xlsx");
    expect(dropped.code).toBe(0);
    expect(dropped.stderr).toEqual([
      "Left out 1 subscription dated after today (2025-06-15), the first on line 3 (2204-03-05).",
    ]);
    expect(dropped.stdout[0]).toContain("1 subscriptions of 1 customers");
  });

  it("an end past 2200 (9999-12-31) is a subscription still running: the figures of a blank end", async () => {
    const rows = (end: string) => [
      "customer,start_date,end_date,mrr",
      "C-1,2024-01-10,,10",
      `C-2,2024-02-10,${end},20`,
      "C-3,2024-03-10,2024-09-01,30",
    ];
    const open = write(rows(""));
    const args = parseCohortsArguments(["--subscriptions", open]);
    const truth = shared(await analyseCsv(open, "s.csv", args));
    for (const end of ["9999-12-31", "2201-01-01", "9999-12-31T00:00:00"]) {
      const path = write(rows(end));
      const r = await cli("--subscriptions", path, "--out", `open-${files}.xlsx`);
      expect([r.code, r.stderr]).toEqual([0, []]);
      expect(shared(await analyseCsv(path, "s.csv", args))).toEqual(truth);
    }
  });
});
