/*
 * RETAIN.SBG_FORECAST and RETAIN.BGNBD_FORECAST: the plan's forecasts by future period
 * (docs/functions-plan.md), one row per period: k, existing, new, total, and with an interval
 * its low and high. Thin adapters over src/model/plan; the cohort triangle is read as SBG_FIT
 * reads it, the customer summary as BGNBD_FIT reads it, and a header row follows the data
 * functions' `headers` convention. custom-functions-metadata-plugin reads the JSDoc below and
 * appends the CustomFunctions.associate calls: never call associate here.
 */
import { ExcelCell, positionIn, readCell } from "./excel-args";
import { optionalHeaders, spill } from "./data-args";
import { readCohorts } from "./sbg-functions";
import { lineCells, readColumns, readScalar } from "./summary-columns";
import { DomainError, invalidNumber, invalidValue } from "../model/errors";
import { BgNbdParameters, checkBgNbd } from "../model/buyers/bgnbd";
import { bgnbdPurchaseForecast, groupCustomers } from "../model/plan/bgnbd-forecast";
import { bgnbdForecastInterval } from "../model/plan/bgnbd-forecast-interval";
import { checkLevel, PredictionInterval } from "../model/plan/interval-level";
import { checkPeriods, CustomerForecast } from "../model/plan/sbg-forecast";
import { sbgPlan } from "../model/plan/sbg-plan";

const HEADERS = ["period", "existing", "new", "total"];
const INTERVAL_HEADERS = ["low", "high"];

/** periods: a required whole number, 1 or more. */
function readPeriods(arg: unknown): number {
  const v = readScalar(arg, "periods");
  if (v === null)
    throw invalidValue("periods is required: the number of future periods to forecast");
  return checkPeriods(v);
}

/** new_customers: a row or column, m_1, m_2, … for future periods 1, 2, …; blanks are 0. */
function readNewCustomers(arg: unknown): number[] {
  if (arg === null || arg === undefined) return [];
  const cells = lineCells(arg, "new_customers");
  const rows = Array.isArray(arg) && Array.isArray(arg[0]) ? (arg as unknown[][]).length : 1;
  const cols = cells.length === 0 ? 0 : rows === 1 ? cells.length : 1;
  const values = cells.map((cell, i) => {
    const v = readCell(
      cell,
      "new_customers",
      rows === 1 ? positionIn(1, cols, 0, i) : positionIn(rows, 1, i, 0)
    );
    return v === null ? 0 : v;
  });
  values.forEach((m, i) => {
    if (!(m >= 0))
      throw invalidNumber(`new_customers must be 0 or more (${m} for future period ${i + 1})`);
  });
  return values;
}

/** interval: a level between 0 and 1, or null when omitted, blank or 0. */
function readLevel(arg: unknown): number | null {
  const v = readScalar(arg, "interval");
  if (v === null || v === 0) return null;
  checkLevel(v);
  return v;
}

/** The spilled table: a header row when asked for, then k, existing, new, total (low, high). */
function forecastRows(
  forecast: CustomerForecast,
  interval: PredictionInterval | null,
  headers: boolean
): ExcelCell[][] {
  const rows: ExcelCell[][] = headers
    ? [interval ? [...HEADERS, ...INTERVAL_HEADERS] : [...HEADERS]]
    : [];
  for (let i = 0; i < forecast.total.length; i++) {
    const row: ExcelCell[] = [i + 1, forecast.existing[i], forecast.added[i], forecast.total[i]];
    if (interval) row.push(interval.low[i], interval.high[i]);
    if (!row.every((v) => Number.isFinite(v)))
      throw invalidNumber("the forecast produced a value too large to represent");
    rows.push(row);
  }
  return rows;
}

/**
 * Customers by future period from a cohort triangle under the sBG model: today's customers as each cohort keeps churning, plus the planned new customers.
 * @customfunction SBG_FORECAST
 * @param survivors The cohort triangle RETAIN.SBG_FIT takes: one cohort per row (its size, then periods 1, 2, …), each row's last number being the current period.
 * @param periods How many future periods to forecast, 1 or more.
 * @param [new_customers] New customers planned for future periods 1, 2, … (a row or column); blank or missing periods are 0.
 * @param [interval] A level such as 0.8: adds low and high, a prediction interval for the total that will be counted; 0 or omitted: none.
 * @param [headers] 1 (default): a header row; 0: none.
 * @returns A table that spills: period, existing, new, total (and low, high).
 */
export function SBG_FORECAST(
  survivors: any[][],
  periods: any,
  new_customers?: any[][],
  interval?: any,
  headers?: any
): any[][] {
  return spill(() => {
    const k = readPeriods(periods);
    const planned = readNewCustomers(new_customers);
    const level = readLevel(interval);
    const withHeaders = optionalHeaders(headers);
    const cohorts = readCohorts(survivors);
    if (cohorts.length === 0) throw new DomainError("na", "no cohort: survivors is empty");
    const plan = sbgPlan(cohorts, k, planned, level);
    return forecastRows(plan, plan.interval, withHeaders);
  }, "no cohort");
}

const BGNBD_NAMES = ["r", "alpha", "a", "b"] as const;

/**
 * bgnbd_params: BGNBD_FIT's spill, one row (or column) of r, alpha, a, b, possibly followed by
 * its log-likelihood; or its stats block (5 rows), whose second row holds the standard errors.
 */
function readBgNbdParameters(arg: unknown): {
  parameters: BgNbdParameters;
  standardErrors: number[] | null;
} {
  const grid = Array.isArray(arg) && Array.isArray(arg[0]) ? (arg as unknown[][]) : null;
  const block = grid !== null && grid.length >= 2 && grid[0].length >= 4;
  const cells = block ? grid[0] : lineCells(arg, "bgnbd_params");
  if (cells.length < 4)
    throw invalidValue(
      "bgnbd_params must hold RETAIN.BGNBD_FIT's r, alpha, a and b in a row (or its stats block)"
    );
  const at = (row: unknown[], i: number, what: string) => {
    const v = readCell(row[i], `bgnbd_params ${what}`);
    if (v === null) throw invalidValue(`bgnbd_params ${what} is blank`);
    return v;
  };
  const values = BGNBD_NAMES.map((name, i) => at(cells, i, `row 1 (${name})`));
  const [r, alpha, a, b] = values;
  checkBgNbd(r, alpha, a, b);
  const standardErrors = block
    ? BGNBD_NAMES.map((name, i) => at(grid[1], i, `row 2 (the standard error of ${name})`))
    : null;
  return { parameters: { r, alpha, a, b }, standardErrors };
}

/**
 * Purchases by future period under the BG/NBD model: today's customers by their histories, plus the planned new customers' first and repeat purchases.
 * @customfunction BGNBD_FORECAST
 * @param frequency Repeat purchases per customer, x (a column; from RETAIN.RFM).
 * @param recency Time from each customer's first to last purchase, t_x, in the data's time unit.
 * @param T Time from each customer's first purchase to the end of observation, in the same unit.
 * @param periods How many future periods (units of time) to forecast, 1 or more.
 * @param bgnbd_params RETAIN.BGNBD_FIT's result: its row of r, alpha, a, b, or its stats block (needed for an interval).
 * @param [new_customers] New customers planned for future periods 1, 2, … (a row or column); each makes its first purchase at the start of its period.
 * @param [interval] A level such as 0.8: adds low and high, an approximate range for the purchases; needs the stats block. 0 or omitted: none.
 * @param [headers] 1 (default): a header row; 0: none.
 * @returns A table that spills: period, existing, new, total (and low, high), in purchases.
 */
export function BGNBD_FORECAST(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  periods: any,
  bgnbd_params: any[][],
  new_customers?: any[][],
  interval?: any,
  headers?: any
): any[][] {
  return spill(() => {
    const k = readPeriods(periods);
    const { parameters, standardErrors } = readBgNbdParameters(bgnbd_params);
    const planned = readNewCustomers(new_customers);
    const level = readLevel(interval);
    if (level !== null && standardErrors === null)
      throw invalidValue(
        "interval needs the standard errors: give bgnbd_params the whole stats block of RETAIN.BGNBD_FIT(…, TRUE), not only its first row"
      );
    const withHeaders = optionalHeaders(headers);
    const columns = readColumns(
      [
        { name: "frequency", arg: frequency },
        { name: "recency", arg: recency },
        { name: "T", arg: T },
      ],
      null
    );
    const [x, tx, t] = columns.values;
    const customers = groupCustomers(x, tx, t, columns.weight);
    if (customers.length === 0 && !planned.some((m) => m > 0))
      throw new DomainError(
        "na",
        "no customer: the summary is empty and no new customers are planned"
      );
    const forecast = bgnbdPurchaseForecast(customers, parameters, planned, k);
    const range =
      level === null
        ? null
        : bgnbdForecastInterval(
            customers,
            parameters,
            standardErrors!,
            planned,
            k,
            level,
            forecast.total
          );
    return forecastRows(forecast, range, withHeaders);
  }, "no customer");
}
