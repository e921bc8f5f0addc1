/**
 * `retention-report cohorts`: its usage text and the reading of its command line into
 * CohortsArguments (the input file and its shape, periods, the columns and date format the user
 * names instead of letting the proposal decide, the engine).
 */
import type { DataShape } from "../model/history/analysis";
import { PERIOD_UNITS, PeriodUnit } from "../model/history/periods";
import { ColumnRole, SHAPE_ROLES } from "../model/reading/column-matching";
import { DATE_FORMATS, DateFormat } from "../model/reading/date-formats";
import { DECIMAL_MARKS, DecimalMark } from "../model/reading/number-text";
import { serialFromIsoText } from "../model/reading/excel-dates";
import { CommonArguments, parseCommandLine, UsageError } from "./arguments";

export const DEFAULT_ANALYSIS_OUTPUT = "cohort-analysis.xlsx";

export const COHORTS_USAGE = `Usage: retention-report cohorts (--orders FILE | --subscriptions FILE) [--period month]
         [--window 1] [--end-date YYYY-MM-DD] [--drop-future] [--out ${DEFAULT_ANALYSIS_OUTPUT}] [--force] [--lang en|zh-CN]

Writes the cohort-analysis workbook from a CSV of any length (streamed: memory grows with
customers, not rows): the period table and cohort counts and revenue as values; retention,
shares, NRR, GRR and the sBG projection as formulas; α and β as named cells (Sbg_Alpha, Sbg_Beta).

  --orders FILE          orders CSV: customer, order date, amount (optional)
  --subscriptions FILE   subscriptions CSV: customer, start date, end date (blank while
                         active), recurring revenue (optional)
  --period UNIT          day, week, month (default), quarter or year
  --window N             orders: periods a customer stays active after an order (default 1)
  --end-date DATE        leave out orders (subscriptions starting) after this date
  --drop-future          without --end-date, leave out orders (subscriptions starting)
                         dated after today, and say how many; without it they are refused
  --out FILE             output workbook (default: ${DEFAULT_ANALYSIS_OUTPUT})
  --force                replace the output file if it exists
  --lang LANG            labels: en (default) or zh-CN
  --customer-column C, --date-column C, --amount-column C,
  --start-column C, --end-column C, --mrr-column C
                         the column holding each field, by header or number (1 = first);
                         by default matched from the headers (English or Chinese), as the
                         task pane matches them
  --date-format F        iso, ymd (2024/3/5), mdy (3/5/2024) or dmy (5/3/2024); default:
                         detected from the first 500 rows; with no day above 12 there,
                         month-first, said once (never the machine's locale)
  --decimal M            the decimal mark of text amounts: . (1,234.56) or , (1.234,56);
                         default: detected from the amount column's first 500 rows
  --engine E             stream (default): the JavaScript model streams a CSV (UTF-8, or UTF-16
                         with a byte-order mark) or a Parquet file; duckdb: the embedded DuckDB runs the
                         repository's warehouse SQL (sql/) on a CSV or Parquet file of orders,
                         spilling to disk for files larger than memory
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

/** The flag that names a role's column: "--date-column". */
export function flagOfRole(role: ColumnRole): string {
  return Object.keys(ROLE_FLAGS).find((flag) => ROLE_FLAGS[flag] === role)!;
}

export interface CohortsArguments extends CommonArguments {
  shape?: DataShape;
  file?: string;
  unit: PeriodUnit;
  window: number;
  endDay: number | null;
  /** Without an end date: leave out rows dated after today (else they are refused). */
  dropFuture: boolean;
  /** Columns the user named, by header or number (1 = first). */
  columns: Partial<Record<ColumnRole, string>>;
  dateFormat?: DateFormat;
  /** The decimal mark of text amounts; default: detected from the amount column. */
  decimal?: DecimalMark;
  /** stream: the JavaScript model over a CSV (the default); duckdb: the warehouse SQL on CSV or Parquet. */
  engine: "stream" | "duckdb";
}

/** A flag's value among a list of words, or a usage error naming them. */
function oneOf<T extends string>(flag: string, text: string, words: readonly T[]): T {
  const word = text.toLowerCase();
  if (!(words as readonly string[]).includes(word))
    throw new UsageError(`${flag} must be ${words.join(", ")}, not "${word}"`);
  return word as T;
}

/**
 * The data flags, and the common ones. A command that reads data too (`plan`) passes its own
 * flags' reader as `extra` and its own default output file.
 */
export function parseCohortsArguments(
  args: string[],
  extra: (flag: string, value: () => string) => boolean = () => false,
  defaultOut = DEFAULT_ANALYSIS_OUTPUT
): CohortsArguments {
  const own: Omit<CohortsArguments, keyof CommonArguments> = {
    unit: "month",
    window: 1,
    endDay: null,
    dropFuture: false,
    columns: {},
    engine: "stream",
  };
  const input = (shape: DataShape, value: () => string) => {
    if (own.file !== undefined)
      throw new UsageError("give one input: --orders FILE or --subscriptions FILE");
    own.shape = shape;
    own.file = value();
  };
  const common = parseCommandLine(args, defaultOut, (flag, value) => {
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
      case "--period":
        own.unit = oneOf(flag, value(), PERIOD_UNITS);
        return true;
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
      case "--drop-future":
        own.dropFuture = true;
        return true;
      case "--date-format":
        own.dateFormat = oneOf(flag, value(), DATE_FORMATS);
        return true;
      case "--decimal":
        own.decimal = oneOf(flag, value(), DECIMAL_MARKS);
        return true;
      case "--engine": {
        const engine = value().toLowerCase();
        if (engine !== "stream" && engine !== "duckdb")
          throw new UsageError(`--engine must be stream or duckdb, not "${engine}"`);
        own.engine = engine;
        return true;
      }
      default:
        return extra(flag, value);
    }
  });
  const parsed: CohortsArguments = { ...own, ...common };
  if (!parsed.help && parsed.file === undefined)
    throw new UsageError("give the data: --orders FILE or --subscriptions FILE");
  if (parsed.shape === "subscriptions" && parsed.window !== 1)
    throw new UsageError("--window applies to orders only");
  if (parsed.engine === "duckdb" && parsed.shape === "subscriptions")
    throw new UsageError("--engine duckdb reads orders only");
  for (const role of Object.keys(parsed.columns) as ColumnRole[])
    if (parsed.shape && !SHAPE_ROLES[parsed.shape].includes(role))
      throw new UsageError(`${flagOfRole(role)} does not apply to ${parsed.shape}`);
  return parsed;
}
