/**
 * `retention-report cohorts` as a process (the compiled command, dist/cli) on generated files:
 * the workbook it writes holds the same cells as the plan built in this process from the same
 * rows; columns are matched in English and Chinese and by flags; date formats are detected; every
 * error is one line naming file:line:column (lines counted as the file has them, a quoted field
 * spanning lines included) and leaves nothing behind.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Workbook } from "exceljs";
import { SubscriptionsAnalysis } from "../../src/model/history/analysis";
import { isoTextFromSerial } from "../../src/model/reading/excel-dates";
import { analysisPlan } from "../../src/report/plans/analysis-plan";
import { planCells, SheetPlan } from "../../src/report/sheet-plan";
import { builtFile } from "../support/built";
import { syntheticSubscriptions } from "../support/synthetic-data";
import { ordersAnalysis, syntheticOrderRows } from "../report/analysis-support";

jest.setTimeout(120_000);

const BIN = resolve(__dirname, "../../bin/retention-report.js");
let dir: string;

beforeAll(() => builtFile("cli/retention-report.js"));
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cohorts-cli-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, "cohorts", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const csv = (rows: (string | number)[][]) =>
  rows
    .map((r) =>
      r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : v)).join(",")
    )
    .join("\n") + "\n";

async function loadSheet(file: string) {
  const workbook = new Workbook();
  await workbook.xlsx.readFile(join(dir, file));
  return workbook.worksheets[0];
}

/** Every planned cell is in the written sheet: numbers and text as values, formulas as formulas. */
async function expectSheetMatches(file: string, plan: SheetPlan, tolerance = 0): Promise<number> {
  const sheet = await loadSheet(file);
  let checked = 0;
  for (const { ref, cell } of planCells(plan)) {
    const raw = sheet.getCell(ref).value as unknown;
    // ExcelJS reads a date-formatted number as a Date: back to its serial.
    const written = raw instanceof Date ? raw.getTime() / 86_400_000 + 25_569 : raw;
    if (cell.kind === "number" && tolerance > 0 && typeof written === "number")
      expect([
        ref,
        Math.abs(written - cell.value) <= tolerance * Math.max(1, Math.abs(cell.value)),
      ]).toEqual([ref, true]);
    else if (cell.kind === "number") expect([ref, written]).toEqual([ref, cell.value]);
    else if (cell.kind === "text") expect([ref, written]).toEqual([ref, cell.text]);
    else if (cell.kind === "formula")
      expect([ref, (written as { formula: string }).formula]).toEqual([ref, cell.formula.slice(1)]);
    checked++;
  }
  return checked;
}

/** Files left in the folder besides the ones a test put there (temporary files must not remain). */
const leftovers = (...expected: string[]) => readdirSync(dir).filter((f) => !expected.includes(f));

describe("retention-report cohorts", () => {
  it("writes the analysis workbook of an orders CSV: the same cells as the plan of the same rows", async () => {
    const rows = syntheticOrderRows(3, 120, 14);
    writeFileSync(join(dir, "orders.csv"), csv([["customer_id", "order_date", "amount"], ...rows]));
    const r = run("--orders", "orders.csv", "--out", "analysis.xlsx");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^Wrote analysis.xlsx: sheet "Cohort analysis", ${rows.length.toLocaleString("en-US")} orders of 1\\d\\d customers\\.\\n$`
      )
    );
    const plan = analysisPlan(ordersAnalysis(rows, "month", true));
    expect(await expectSheetMatches("analysis.xlsx", plan)).toBeGreaterThan(500);
    expect(leftovers("orders.csv", "analysis.xlsx")).toEqual([]);
  });

  it("--engine duckdb runs the warehouse SQL and writes the same cells as the JavaScript model, but the latest period's names", async () => {
    const rows = syntheticOrderRows(3, 120, 14);
    writeFileSync(join(dir, "orders.csv"), csv([["customer_id", "order_date", "amount"], ...rows]));
    const r = run(
      "--orders",
      "orders.csv",
      "--engine",
      "duckdb",
      "--window",
      "2",
      "--out",
      "analysis.xlsx"
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const model = ordersAnalysis(rows, "month", true, 2);
    const plan = analysisPlan({ ...model, latest: null });
    // Money is summed in another order by the engine: equal to 1e-9, not to the last bit.
    expect(await expectSheetMatches("analysis.xlsx", plan, 1e-9)).toBeGreaterThan(500);
    expect(run("--subscriptions", "orders.csv", "--engine", "duckdb").stderr).toMatch(
      /--engine duckdb reads orders only/
    );
  });

  it("reads Chinese headers in another order and US dates, by quarter with a window, to the given end date", async () => {
    const rows = syntheticOrderRows(5, 80, 20);
    const us = (iso: string) =>
      `${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}/${iso.slice(0, 4)}`;
    writeFileSync(
      join(dir, "订单.csv"),
      "\uFEFF" + csv([["金额", "客户", "日期"], ...rows.map(([c, d, a]) => [a, c, us(d)])])
    );
    const r = run(
      "--orders",
      "订单.csv",
      "--period",
      "quarter",
      "--window",
      "2",
      "--end-date",
      "2023-12-31",
      "--lang",
      "zh-CN"
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "cohort-analysis.xlsx"))).toBe(true);
    const kept = rows.filter(([, d]) => d <= "2023-12-31");
    const { OrdersAnalysis } = await import("../../src/model/history/analysis");
    const expected = new OrdersAnalysis({
      unit: "quarter",
      window: 2,
      hasRevenue: true,
      endDay: 45291,
    });
    rows.forEach((row, i) => expected.add(i + 2, row[0], row[1], row[2]));
    const plan = analysisPlan(expected.finish(), {
      labels: (await import("../../src/report/plans/analysis-labels")).CHINESE_ANALYSIS_LABELS,
    });
    expect(kept.length).toBeLessThan(rows.length);
    expect(await expectSheetMatches("cohort-analysis.xlsx", plan)).toBeGreaterThan(100);
  });

  it("reads Excel's Unicode text (UTF-16 with its mark, tab-separated) as it reads UTF-8", async () => {
    const rows = syntheticOrderRows(4, 70, 12).map(([c, d, a], i) => [
      i % 2 ? `张三${c}` : c,
      d,
      a,
    ]);
    const text = [["客户", "日期", "金额"], ...rows].map((r) => r.join("\t")).join("\r\n") + "\r\n";
    writeFileSync(
      join(dir, "unicode.txt"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])
    );
    const r = run("--orders", "unicode.txt", "--out", "unicode.xlsx");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const plan = analysisPlan(ordersAnalysis(rows, "month", true));
    expect(await expectSheetMatches("unicode.xlsx", plan)).toBeGreaterThan(300);
  });

  it("--engine duckdb takes the columns and date format the flags name, as the stream engine does", async () => {
    const rows = syntheticOrderRows(6, 80, 12);
    const day = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
    writeFileSync(
      join(dir, "flags.csv"),
      csv([["when", "who", "paid"], ...rows.map(([c, d, a]) => [day(d), c, a])])
    );
    const flags = ["--customer-column", "who", "--date-column", "1", "--amount-column", "Paid"];
    const model = ordersAnalysis(rows, "month", true);
    const stream = run(
      "--orders",
      "flags.csv",
      ...flags,
      "--date-format",
      "dmy",
      "--out",
      "s.xlsx"
    );
    expect([stream.code, stream.stderr]).toEqual([0, ""]);
    expect(await expectSheetMatches("s.xlsx", analysisPlan(model))).toBeGreaterThan(300);
    const duck = run("--orders", "flags.csv", "--engine", "duckdb", ...flags, "--out", "d.xlsx");
    expect([duck.code, duck.stderr]).toEqual([0, ""]);
    const plan = analysisPlan({ ...model, latest: null });
    expect(await expectSheetMatches("d.xlsx", plan, 1e-9)).toBeGreaterThan(300);
  });

  it("writes a subscriptions CSV's workbook, and takes columns named by flags (by header or number)", async () => {
    const subs = syntheticSubscriptions({ customers: 90, months: 15, seed: 8 });
    const rows = subs.customer.map((c, i) => [
      "x",
      c,
      isoTextFromSerial(subs.start[i]),
      subs.end[i] === null ? "" : isoTextFromSerial(subs.end[i]!),
      subs.mrr[i],
    ]);
    writeFileSync(join(dir, "subs.csv"), csv([["note", "who", "from", "until", "fee"], ...rows]));
    const r = run(
      "--subscriptions",
      "subs.csv",
      "--customer-column",
      "who",
      "--start-column",
      "3",
      "--end-column",
      "until",
      "--mrr-column",
      "fee",
      "--out",
      "subs.xlsx"
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const expected = new SubscriptionsAnalysis({ unit: "month", hasRevenue: true });
    rows.forEach((row, i) => expected.add(i + 2, row[1], row[2], row[3], row[4]));
    expect(await expectSheetMatches("subs.xlsx", analysisPlan(expected.finish()))).toBeGreaterThan(
      200
    );
  });

  it("names file:line:column in one line for a bad cell, counting a quoted field's line breaks, and writes nothing", () => {
    const rows: (string | number)[][] = [
      ["customer_id", "order_date", "amount", "note"],
      ["A", "2024-01-03", 10, "first"],
      ["B", "2024-01-09", 12, "two\nlines"],
      ["C", "2024-02-11", "12,5x", "a typo in the amount"],
    ];
    writeFileSync(join(dir, "orders.csv"), csv(rows));
    const r = run("--orders", "orders.csv");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    // Line 5: the header, A, B's two lines, then C.
    expect(r.stderr).toBe("retention-report: orders.csv:5:3: amount: '12,5x' is not a number\n");
    expect(leftovers("orders.csv")).toEqual([]);

    writeFileSync(join(dir, "dates.csv"), "customer,date\nA,2024-01-03\nB,2024-02-30\n");
    const bad = run("--orders", "dates.csv");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^retention-report: dates\.csv:3:2: date: '2024-02-30' is not a date .*\n$/
    );
    expect(leftovers("orders.csv", "dates.csv")).toEqual([]);
  });

  it("refuses to replace an existing file without --force, and replaces it with --force", () => {
    writeFileSync(
      join(dir, "orders.csv"),
      csv([["customer", "date"], ...syntheticOrderRows(9, 20, 6).map((r) => r.slice(0, 2))])
    );
    writeFileSync(join(dir, "analysis.xlsx"), "mine");
    const refused = run("--orders", "orders.csv", "--out", "analysis.xlsx");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "retention-report: analysis.xlsx already exists (use --force to replace it)\n"
    );
    expect(readFileSync(join(dir, "analysis.xlsx"), "utf8")).toBe("mine");
    const forced = run("--orders", "orders.csv", "--out", "analysis.xlsx", "--force");
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "analysis.xlsx")).subarray(0, 2).toString()).toBe("PK");
    expect(leftovers("orders.csv", "analysis.xlsx")).toEqual([]);
  });

  it("explains missing columns, missing files, empty data and bad usage in one line", () => {
    writeFileSync(join(dir, "ids.csv"), "customer,city\nA,Paris\n");
    writeFileSync(join(dir, "empty.csv"), "customer_id,order_date,amount\n");
    const cases: [string[], number, RegExp][] = [
      [
        ["--orders", "ids.csv"],
        1,
        /^retention-report: ids\.csv: cannot tell which column holds the date \(name it with --date-column\)\n$/,
      ],
      [
        ["--orders", "ids.csv", "--date-column", "when"],
        1,
        /^retention-report: ids\.csv: no column "when" \(the columns are customer, city\)\n$/,
      ],
      [["--orders", "none.csv"], 1, /^retention-report: cannot read none\.csv: no such file\n$/],
      [["--orders", "empty.csv"], 1, /^retention-report: empty\.csv: no orders\n$/],
      [
        [],
        2,
        /^retention-report cohorts: give the data: --orders FILE or --subscriptions FILE \(see --help\)\n$/,
      ],
      [["--orders", "a.csv", "--subscriptions", "b.csv"], 2, /one input/],
      [["--subscriptions", "ids.csv", "--window", "2"], 2, /--window applies to orders only/],
      [["--orders", "ids.csv", "--mrr-column", "x"], 2, /--mrr-column does not apply to orders/],
      [
        ["--orders", "ids.csv", "--period", "fortnight"],
        2,
        /--period must be day, week, month, quarter, year, not "fortnight"/,
      ],
      [
        ["--orders", "ids.csv", "--end-date", "30/06/2025"],
        2,
        /--end-date must be a date like 2025-06-30/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const r = run(...args);
      expect([args, r.code, r.stderr]).toEqual([args, code, expect.stringMatching(message)]);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(leftovers("ids.csv", "empty.csv")).toEqual([]);
    const help = run("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      "retention-report cohorts (--orders FILE | --subscriptions FILE)"
    );
  });
});
