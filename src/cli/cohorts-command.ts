/**
 * `retention-report cohorts`: the "Cohort analysis" workbook (the sheet "Write analysis to sheet"
 * makes in Excel) from an orders or subscriptions CSV of any length. The file is streamed through
 * Papa Parse into the model's OrdersAnalysis / SubscriptionsAnalysis one row at a time, so memory
 * grows with customers and periods, never with rows. Columns and date formats are matched as the
 * pane matches them (column-matching.ts, date-formats.ts), with flags to override.
 * Errors are one line, file:line:column: problem; nothing is written on error.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import Papa from "papaparse";
import {
  AnalysisTables,
  DataShape,
  OrdersAnalysis,
  SubscriptionsAnalysis,
} from "../model/history/analysis";
import {
  ColumnRole,
  ColumnRoles,
  matchColumns,
  missingRoles,
  normalizeHeader,
  SHAPE_ROLES,
} from "../model/reading/column-matching";
import {
  DATE_FORMATS,
  DateFormat,
  dateCellIn,
  detectDateFormat,
  localeWritesDayFirst,
} from "../model/reading/date-formats";
import { serialFromIsoText } from "../model/reading/excel-dates";
import { ORDER_COLUMN_NAMES } from "../model/reading/order-rows";
import { PERIOD_UNITS, PeriodUnit } from "../model/history/periods";
import { SUBSCRIPTION_COLUMN_NAMES } from "../model/reading/subscription-rows";
import { CHINESE_ANALYSIS_LABELS, ENGLISH_ANALYSIS_LABELS } from "../report/plans/analysis-labels";
import { analysisPlan } from "../report/plans/analysis-plan";
import { SheetPlan } from "../report/sheet-plan";
import { oneLine } from "../scenarios/scenario-schema";
import { CommonArguments, InputError, parseCommandLine, UsageError } from "./arguments";
import type { CommandIo } from "./report-command";

export const DEFAULT_ANALYSIS_OUTPUT = "cohort-analysis.xlsx";

export const COHORTS_USAGE = `Usage: retention-report cohorts (--orders FILE | --subscriptions FILE) [--period month]
         [--window 1] [--end-date YYYY-MM-DD] [--out ${DEFAULT_ANALYSIS_OUTPUT}] [--force] [--lang en|zh-CN]

Writes the cohort-analysis workbook from a CSV of any length (streamed: memory grows with
customers, not rows): the period table and cohort counts and revenue as values; retention,
shares, NRR, GRR and the sBG projection as formulas; α and β as named cells (Sbg_Alpha, Sbg_Beta).

  --orders FILE          orders CSV: customer, order date, amount (optional)
  --subscriptions FILE   subscriptions CSV: customer, start date, end date (blank while
                         active), recurring revenue (optional)
  --period UNIT          day, week, month (default), quarter or year
  --window N             orders: periods a customer stays active after an order (default 1)
  --end-date DATE        leave out orders (subscriptions starting) after this date
  --out FILE             output workbook (default: ${DEFAULT_ANALYSIS_OUTPUT})
  --force                replace the output file if it exists
  --lang LANG            labels: en (default) or zh-CN
  --customer-column C, --date-column C, --amount-column C,
  --start-column C, --end-column C, --mrr-column C
                         the column holding each field, by header or number (1 = first);
                         by default matched from the headers (English or Chinese)
  --date-format F        iso, ymd (2024/3/5), mdy (3/5/2024) or dmy (5/3/2024); default:
                         detected from the first rows (day-first follows the system locale)
  --engine E             stream (default): the JavaScript model streams a CSV; duckdb: the
                         embedded DuckDB runs the repository's warehouse SQL (sql/) on a CSV or
                         Parquet file of orders, spilling to disk for files larger than memory
  -h, --help             show this help

Errors name the file, line and column: orders.csv:1204:2: order_date: 'abc' is not a date.
Exit codes: 0 written, 1 bad data or existing output, 2 bad usage.`;

const ROLE_FLAGS: Record<string, ColumnRole> = {
  "--customer-column": "customer",
  "--date-column": "date",
  "--amount-column": "amount",
  "--start-column": "start",
  "--end-column": "end",
  "--mrr-column": "revenue",
};

export interface CohortsArguments extends CommonArguments {
  shape?: DataShape;
  file?: string;
  unit: PeriodUnit;
  window: number;
  endDay: number | null;
  columns: Partial<Record<ColumnRole, string>>;
  dateFormat?: DateFormat;
  /** stream: the JavaScript model over a CSV (the default); duckdb: the warehouse SQL on CSV or Parquet. */
  engine: "stream" | "duckdb";
}

export function parseCohortsArguments(args: string[]): CohortsArguments {
  const own: Omit<CohortsArguments, keyof CommonArguments> = {
    unit: "month",
    window: 1,
    endDay: null,
    columns: {},
    engine: "stream",
  };
  const input = (shape: DataShape, value: () => string) => {
    if (own.file !== undefined)
      throw new UsageError("give one input: --orders FILE or --subscriptions FILE");
    own.shape = shape;
    own.file = value();
  };
  const common = parseCommandLine(args, DEFAULT_ANALYSIS_OUTPUT, (flag, value) => {
    if (flag in ROLE_FLAGS) {
      own.columns[ROLE_FLAGS[flag]] = value();
      return true;
    }
    switch (flag) {
      case "--orders":
        input("orders", value);
        return true;
      case "--subscriptions":
        input("subscriptions", value);
        return true;
      case "--period": {
        const unit = value().toLowerCase();
        if (!(PERIOD_UNITS as readonly string[]).includes(unit))
          throw new UsageError(`--period must be ${PERIOD_UNITS.join(", ")}, not "${unit}"`);
        own.unit = unit as PeriodUnit;
        return true;
      }
      case "--window": {
        const text = value();
        const n = Number(text);
        if (!(Number.isInteger(n) && n >= 1))
          throw new UsageError(
            `--window must be a whole number of periods, 1 or more, not "${text}"`
          );
        own.window = n;
        return true;
      }
      case "--end-date": {
        const text = value();
        const day = serialFromIsoText(text);
        if (day === null)
          throw new UsageError(`--end-date must be a date like 2025-06-30, not "${text}"`);
        own.endDay = day;
        return true;
      }
      case "--date-format": {
        const format = value().toLowerCase();
        if (!(DATE_FORMATS as readonly string[]).includes(format))
          throw new UsageError(`--date-format must be ${DATE_FORMATS.join(", ")}, not "${format}"`);
        own.dateFormat = format as DateFormat;
        return true;
      }
      case "--engine": {
        const engine = value().toLowerCase();
        if (engine !== "stream" && engine !== "duckdb")
          throw new UsageError(`--engine must be stream or duckdb, not "${engine}"`);
        own.engine = engine;
        return true;
      }
      default:
        return false;
    }
  });
  const parsed: CohortsArguments = { ...own, ...common };
  if (!parsed.help && parsed.file === undefined)
    throw new UsageError("give the data: --orders FILE or --subscriptions FILE");
  if (parsed.shape === "subscriptions" && parsed.window !== 1)
    throw new UsageError("--window applies to orders only");
  if (parsed.engine === "duckdb" && parsed.shape === "subscriptions")
    throw new UsageError("--engine duckdb reads orders only");
  if (parsed.engine === "duckdb" && (Object.keys(parsed.columns).length > 0 || parsed.dateFormat))
    throw new UsageError(
      "--engine duckdb finds the columns customer_id, order_date, amount (or the first three) and reads ISO dates: column and date-format flags apply to the stream engine"
    );
  for (const role of Object.keys(parsed.columns) as ColumnRole[])
    if (parsed.shape && !SHAPE_ROLES[parsed.shape].includes(role))
      throw new UsageError(
        `${Object.keys(ROLE_FLAGS).find((f) => ROLE_FLAGS[f] === role)} does not apply to ${parsed.shape}`
      );
  return parsed;
}

/** The model's names for each role in its row errors ("order_dates row 12: …"), by shape. */
const MODEL_NAMES: Record<DataShape, Record<string, ColumnRole>> = {
  orders: {
    [ORDER_COLUMN_NAMES.customers]: "customer",
    [ORDER_COLUMN_NAMES.dates]: "date",
    [ORDER_COLUMN_NAMES.amounts]: "amount",
  },
  subscriptions: {
    [SUBSCRIPTION_COLUMN_NAMES.customers]: "customer",
    [SUBSCRIPTION_COLUMN_NAMES.starts]: "start",
    [SUBSCRIPTION_COLUMN_NAMES.ends]: "end",
    [SUBSCRIPTION_COLUMN_NAMES.revenue]: "revenue",
  },
};

/** Distinct date texts remembered at a time (dates with times of day are all different). */
const MAX_CACHED_DATES = 100_000;

/** How many rows the column matching looks at. */
const SAMPLE_ROWS = 500;

interface Layout {
  columns: ColumnRoles;
  hasHeader: boolean;
  headers: string[];
  dateFormat: DateFormat | null;
}

/** Matches columns and the date format from the first rows, applying the flags. */
function layoutOf(sample: string[][], args: CohortsArguments, shownAs: string): Layout {
  const shape = args.shape!;
  const match = matchColumns(sample, shape);
  const headers = match.hasHeader ? sample[0].map(String) : [];
  const columns = { ...match.columns };
  const width = sample.reduce((w, r) => Math.max(w, r.length), 0);
  for (const [role, spec] of Object.entries(args.columns) as [ColumnRole, string][]) {
    const byNumber = /^\d+$/.test(spec) ? Number(spec) - 1 : -1;
    const byName = headers.findIndex((h) => h === spec);
    const byNormal = headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(spec));
    const column = byName >= 0 ? byName : byNormal >= 0 ? byNormal : byNumber;
    if (column < 0 || column >= width)
      throw new InputError(
        `${shownAs}: no column "${spec}"${headers.length ? ` (the columns are ${headers.join(", ")})` : ""}`
      );
    // The flag wins; a role the matching had put on that column loses it.
    for (const other of Object.keys(columns) as ColumnRole[])
      if (columns[other] === column) columns[other] = -1;
    columns[role] = column;
  }
  const missing = missingRoles({ shape, columns });
  if (missing.length > 0) {
    const flags = missing.map((r) => Object.keys(ROLE_FLAGS).find((f) => ROLE_FLAGS[f] === r));
    throw new InputError(
      `${shownAs}: cannot tell which column holds the ${missing.join(" and ")} (name it with ${flags.join(", ")})`
    );
  }
  const dateRoles: ColumnRole[] = shape === "orders" ? ["date"] : ["start", "end"];
  const dateValues = sample
    .slice(match.hasHeader ? 1 : 0)
    .flatMap((row) => dateRoles.map((role) => (columns[role] >= 0 ? row[columns[role]] : null)));
  const locale = Intl.DateTimeFormat().resolvedOptions().locale;
  const dateFormat = args.dateFormat ?? detectDateFormat(dateValues, localeWritesDayFirst(locale));
  return { columns, hasHeader: match.hasHeader, headers, dateFormat };
}

export interface StreamedAnalysis {
  plan: ReturnType<typeof analysisPlan>;
  rows: number;
  customers: number;
}

/**
 * Streams the CSV into the model and returns the sheet plan. Each row is handed to the model with
 * its line number; a model error ("dates row 1,204: …") becomes file:line:column.
 */
export function analyseCsv(
  path: string,
  shownAs: string,
  args: CohortsArguments
): Promise<StreamedAnalysis> {
  const shape = args.shape!;
  const options = { unit: args.unit, window: args.window, endDay: args.endDay, hasRevenue: false };
  return new Promise((resolvePromise, reject) => {
    let layout: Layout | null = null;
    let orders: OrdersAnalysis | null = null;
    let subscriptions: SubscriptionsAnalysis | null = null;
    let pending: string[][] = [];
    let line = 0; // the line the next row starts on, less one
    let rowsRead = 0;
    let failed = false;
    let parser: Papa.Parser | null = null;

    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      parser?.abort();
      reject(error);
    };

    const start = (sample: string[][]) => {
      if (sample.length > 0 && sample[0].length > 0)
        sample[0][0] = sample[0][0].replace(/^\uFEFF/, "");
      layout = layoutOf(sample, args, shownAs);
      const hasRevenue = layout.columns[shape === "orders" ? "amount" : "revenue"] >= 0;
      if (shape === "orders") orders = new OrdersAnalysis({ ...options, hasRevenue });
      else subscriptions = new SubscriptionsAnalysis({ ...options, hasRevenue });
    };

    // A file repeats the same few thousand dates millions of times: each text is read once (by
    // the same rules: date-formats.ts, then the model's own reading of what that returns).
    const dates = new Map<string, unknown>();
    const dateOf = (cell: string | null): unknown => {
      if (cell === null || cell === "") return cell;
      let read = dates.get(cell);
      if (read === undefined) {
        const converted = dateCellIn(cell, layout!.dateFormat);
        read =
          typeof converted === "string" ? (serialFromIsoText(converted) ?? converted) : converted;
        if (dates.size >= MAX_CACHED_DATES) dates.clear();
        dates.set(cell, read);
      }
      return read;
    };

    const feed = (rows: string[][]) => {
      const { columns, hasHeader } = layout!;
      const at = (row: string[], c: number) => (c >= 0 ? row[c] : null);
      for (let k = 0; k < rows.length; k++) {
        const row = rows[k];
        const lineNumber = line + 1;
        // A quoted field may span lines: the next row starts that much further down.
        let extra = 0;
        for (let f = 0; f < row.length; f++) {
          const field = row[f];
          if (field.length > 0 && field.indexOf("\n") >= 0) extra += field.split("\n").length - 1;
        }
        line += 1 + extra;
        rowsRead++;
        if (rowsRead === 1 && hasHeader) continue;
        try {
          if (orders)
            orders.add(
              lineNumber,
              at(row, columns.customer),
              dateOf(at(row, columns.date)),
              at(row, columns.amount)
            );
          else
            subscriptions!.add(
              lineNumber,
              at(row, columns.customer),
              dateOf(at(row, columns.start)),
              dateOf(at(row, columns.end)),
              at(row, columns.revenue)
            );
        } catch (error) {
          throw rowError(error, shownAs, lineNumber, layout!, shape);
        }
      }
    };

    Papa.parse<string[]>(createReadStream(path), {
      skipEmptyLines: false,
      chunk: (results, p) => {
        parser = p;
        if (failed) return;
        try {
          const rows = results.data;
          if (!layout) {
            pending = pending.concat(rows);
            if (pending.length < SAMPLE_ROWS) return;
            start(pending.slice(0, SAMPLE_ROWS));
            const all = pending;
            pending = [];
            feed(all);
          } else feed(rows);
        } catch (error) {
          fail(error);
        }
      },
      complete: () => {
        if (failed) return;
        try {
          if (!layout) {
            start(pending.slice(0, SAMPLE_ROWS));
            feed(pending);
          }
          const analysis = orders ? orders.finish() : subscriptions!.finish();
          const labels = args.zh ? CHINESE_ANALYSIS_LABELS : ENGLISH_ANALYSIS_LABELS;
          resolvePromise({
            plan: analysisPlan(analysis, { labels }),
            rows: analysis.rows,
            customers: analysis.ids.count,
          });
        } catch (error) {
          fail(
            error instanceof InputError
              ? error
              : new InputError(`${shownAs}: ${(error as Error).message}`)
          );
        }
      },
      error: (error: Error) => fail(new InputError(`${shownAs}: ${error.message}`)),
    });
  });
}

/** The same workbook from the warehouse SQL on the embedded DuckDB (orders only). */
async function analyseWithDuckDb(
  input: string,
  args: CohortsArguments
): Promise<{ plan: SheetPlan; rows: number; customers: number }> {
  const { runCohortsWithDuckDb } = await import("./engine-duckdb");
  const r = await runCohortsWithDuckDb({
    orders: input,
    unit: args.unit,
    endDay: args.endDay,
    window: args.window,
  });
  const tables: AnalysisTables = {
    shape: "orders",
    rows: r.rows,
    range: r.range,
    lastDay: r.lastDay,
    window: args.window,
    retention: r.periods,
    cohorts: r.cohorts,
    movements: r.movements,
    // The latest period's bills need per-customer revenue the SQL does not return.
    latest: null,
    ids: { count: r.customers },
  };
  const labels = args.zh ? CHINESE_ANALYSIS_LABELS : ENGLISH_ANALYSIS_LABELS;
  return { plan: analysisPlan(tables, { labels }), rows: r.rows, customers: r.customers };
}

/** "dates row 1,204: 'abc' is not a date" at line 1204 → "orders.csv:1204:2: order_date: 'abc' is not a date". */
function rowError(
  error: unknown,
  shownAs: string,
  line: number,
  layout: Layout,
  shape: DataShape
): InputError {
  const message = (error as Error).message ?? String(error);
  const m = /^(\w+) row [\d,]+: ([\s\S]*)$/.exec(message);
  const role = m ? MODEL_NAMES[shape][m[1]] : undefined;
  if (!m || role === undefined || layout.columns[role] < 0)
    return new InputError(`${shownAs}:${line}: ${message}`);
  const column = layout.columns[role];
  const header = layout.headers[column] ?? m[1];
  return new InputError(`${shownAs}:${line}:${column + 1}: ${header}: ${m[2]}`);
}

/** Runs `cohorts` (args after the subcommand). Returns the exit code. */
export async function cohortsMain(
  argv: string[],
  io: CommandIo,
  writeAtomically: (target: string, bytes: Uint8Array, replace: boolean) => void
): Promise<number> {
  let args: CohortsArguments;
  try {
    args = parseCohortsArguments(argv);
  } catch (error) {
    io.stderr(`retention-report cohorts: ${oneLine((error as Error).message)} (see --help)`);
    return 2;
  }
  if (args.help) {
    io.stdout(COHORTS_USAGE);
    return 0;
  }
  try {
    const input = resolve(io.cwd, args.file!);
    if (!existsSync(input)) throw new InputError(`cannot read ${args.file}: no such file`);
    if (statSync(input).isDirectory())
      throw new InputError(`cannot read ${args.file}: it is a folder`);
    const out = resolve(io.cwd, args.out);
    if (existsSync(out) && !args.force)
      throw new InputError(`${args.out} already exists (use --force to replace it)`);
    const { plan, rows, customers } =
      args.engine === "duckdb"
        ? await analyseWithDuckDb(input, args)
        : await analyseCsv(input, args.file!, args);
    const { renderPlanToXlsx } = await import("../report/renderers/render-xlsx");
    writeAtomically(out, await renderPlanToXlsx([plan]), args.force);
    io.stdout(
      `Wrote ${args.out}: sheet "${plan.sheetName}", ${rows.toLocaleString("en-US")} ${args.shape} of ${customers.toLocaleString("en-US")} customers.`
    );
    return 0;
  } catch (error) {
    io.stderr(`retention-report: ${oneLine((error as Error).message)}`);
    return 1;
  }
}
