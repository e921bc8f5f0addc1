/*
 * The checks that show whether a buyer model fits (docs/functions-buyers.md, "Checking a buyer
 * model"; docs/definitions.md §10): the calibration/holdout summary from dated orders, the
 * repeat-purchase histogram, conditional expectations against the holdout, cumulative
 * tracking, and log-likelihood, AIC and BIC. Thin adapters: orders are read through the one
 * reading seam (data-args.ts, src/model/reading), summaries through summary-columns.ts, and the
 * model is named in a cell ("BGNBD") with its parameters as its *_FIT function spills them.
 * custom-functions-metadata-plugin reads the JSDoc below and appends CustomFunctions.associate.
 */
import { buyerModelNamed, checkedParameters } from "../model/buyers/buyer-models";
import { BuyerModel } from "../model/buyers/buyer-model";
import { conditionalByFrequency } from "../model/buyers/conditional-by-frequency";
import { modelScore } from "../model/buyers/model-comparison";
import { checkMaxFrequency, repeatHistogram } from "../model/buyers/repeat-histogram";
import { repeatTracking } from "../model/buyers/repeat-tracking";
import { invalidValue } from "../model/errors";
import { checkHoldoutEnds, holdoutSummary } from "../model/history/holdout-summary";
import { noData, ordersByPeriod } from "../model/history/table-folding";
import { ORDER_COLUMN_NAMES, OrderColumnNames } from "../model/reading/order-rows";
import {
  numberCell,
  optionalCode,
  optionalDate,
  optionalHeaders,
  optionalNumber,
  orderTable,
  spill,
} from "./data-args";
import { ExcelCell, toExcelError } from "./excel-args";
import { lineCells, readColumns, readParameters, readScalar } from "./summary-columns";

/** The orders' date column is `dates` here. */
const CHECK_COLUMN_NAMES: OrderColumnNames = { ...ORDER_COLUMN_NAMES, dates: "dates" };

/** A required date (serial or ISO text): #VALUE! when blank. */
function requiredDate(arg: unknown, name: string): number {
  const day = optionalDate(arg, name);
  if (day === null) throw invalidValue(`${name} is blank: give a date`);
  return day;
}

/** interval: 0 days, 1 weeks (default), the codes of the other data functions; in days. */
const unitDaysOf = (interval: unknown): number =>
  optionalCode(interval, "interval", 1, [0, 1]) === 0 ? 1 : 7;

/** The model a cell names ("BGNBD", "BG/NBD" …). */
function readModel(arg: unknown, name = "model"): BuyerModel {
  const cells = lineCells(arg, name);
  if (cells.length !== 1 || typeof cells[0] !== "string")
    throw invalidValue(`${name} must be a model's name in one cell, such as "BGNBD"`);
  return buyerModelNamed(cells[0], name);
}

/**
 * A model's parameters as its fit spills them: a row or column, or a fit's whole `stats`
 * block (its first row is read); checked for the model's range.
 */
function readModelParameters(model: BuyerModel, arg: unknown, name = "params"): number[] {
  let line = arg;
  if (Array.isArray(arg) && arg.length > 1 && arg.every(Array.isArray)) {
    const rows = arg as unknown[][];
    if (rows[0].length > 1) line = [rows[0]];
  }
  return checkedParameters(model, readParameters(line, name, model.parameterNames));
}

const maxFrequency = (arg: unknown) => checkMaxFrequency(optionalNumber(arg, "max_x", 7));

/** The frequency buckets' labels: 0, 1, …, and "7+" for the last. */
const bucketLabel = (x: number, maxX: number): ExcelCell => (x < maxX ? x : `${maxX}+`);

const HOLDOUT_SUMMARY_HEADERS = [
  "customer",
  "frequency",
  "recency",
  "T",
  "holdout_purchases",
  "holdout_length",
];

/**
 * Calibration/holdout summary from dated orders: per customer who bought by calibration_end, x, t_x and T at calibration_end, the purchases after it up to holdout_end, and the holdout's length.
 * @customfunction HOLDOUT_SUMMARY
 * @param customers The customer id of each order (a column; text or numbers).
 * @param dates The date of each order (dates or ISO text); orders on one day are one purchase.
 * @param calibration_end The last day of the calibration period: the models are fitted on what happened up to it.
 * @param holdout_end The last day of the holdout; later orders are left out.
 * @param [interval] The time unit of recency, T and the holdout length: 0 days, 1 weeks (default; days ÷ 7).
 * @param [headers] 1 (default): a header row; 0: none.
 * @returns A table that spills: customer, frequency, recency, T, holdout_purchases, holdout_length.
 */
export function HOLDOUT_SUMMARY(
  customers: any[][],
  dates: any[][],
  calibration_end: any,
  holdout_end: any,
  interval?: any,
  headers?: any
): any[][] {
  return spill(() => {
    const table = orderTable(customers, dates, null, CHECK_COLUMN_NAMES);
    const calibrationEnd = requiredDate(calibration_end, "calibration_end");
    const holdoutEnd = requiredDate(holdout_end, "holdout_end");
    checkHoldoutEnds(calibrationEnd, holdoutEnd);
    const unitDays = unitDaysOf(interval);
    const withHeaders = optionalHeaders(headers);
    const folded = ordersByPeriod(
      table.ids,
      table.dates,
      table.amounts,
      "day",
      holdoutEnd,
      table.names
    );
    const s = holdoutSummary(folded.cells, calibrationEnd, holdoutEnd, unitDays);
    if (s.count === 0) throw noData("customers with a purchase on or before calibration_end");
    const rows: ExcelCell[][] = withHeaders ? [HOLDOUT_SUMMARY_HEADERS] : [];
    const labels = folded.ids.labels;
    for (let k = 0; k < s.count; k++)
      rows.push([
        labels[s.customer[k]],
        s.frequency[k],
        s.recency[k],
        s.T[k],
        s.holdoutPurchases[k],
        s.holdoutLength,
      ]);
    return rows;
  });
}

/**
 * Expected against actual repeat purchases in the calibration period: customers with 0, 1, … and max_x or more repeat purchases, beside what the model expects of customers observed as long.
 * @customfunction REPEAT_HISTOGRAM
 * @param frequency Repeat purchases per customer, x, in the calibration period (a column; from RETAIN.HOLDOUT_SUMMARY or RETAIN.RFM).
 * @param T Time from each customer's first purchase to the end of the calibration period, in the unit the model was fitted in.
 * @param model The model's name, such as "BGNBD", "MBGNBD" or "BGBB".
 * @param params The model's fitted parameters as its fit spills them (r, alpha, a, b for BGNBD), or the fit's whole stats block.
 * @param [max_x] The last bucket: max_x or more repeat purchases (default 7; 1 to 100).
 * @param [headers] 1 (default): a header row; 0: none.
 * @returns A table that spills: repeat purchases (0, 1, …, "7+"), actual customers, expected customers.
 */
export function REPEAT_HISTOGRAM(
  frequency: any[][],
  T: any[][],
  model: any,
  params: any[][],
  max_x?: any,
  headers?: any
): any[][] {
  return spill(() => {
    const m = readModel(model);
    const parameters = readModelParameters(m, params);
    const maxX = maxFrequency(max_x);
    const withHeaders = optionalHeaders(headers);
    const columns = readColumns(
      [
        { name: "frequency", arg: frequency },
        { name: "T", arg: T },
      ],
      null
    );
    if (columns.used === 0) throw noData("customers");
    const [x, t] = columns.values;
    const h = repeatHistogram(x, t, columns.weight, m, parameters, maxX);
    const rows: ExcelCell[][] = withHeaders
      ? [["repeat purchases", "actual customers", "expected customers"]]
      : [];
    for (let k = 0; k <= maxX; k++) rows.push([bucketLabel(k, maxX), h.actual[k], h.expected[k]]);
    return rows;
  }, "no customers");
}

/**
 * Conditional expectations against the holdout, by calibration frequency: per group of customers with 0, 1, … and max_x or more repeat purchases, the mean purchases they made in the holdout beside the mean the model expected.
 * @customfunction HOLDOUT_BY_FREQUENCY
 * @param frequency Repeat purchases per customer in the calibration period, x (a column; from RETAIN.HOLDOUT_SUMMARY).
 * @param recency Time from each customer's first to last purchase in the calibration period, t_x.
 * @param T Time from each customer's first purchase to the end of the calibration period.
 * @param holdout_purchases Purchases each customer made in the holdout.
 * @param holdout_length The holdout's length in the same unit: one value, or a column.
 * @param model The model's name, such as "BGNBD", "MBGNBD" or "BGBB".
 * @param params The model's parameters fitted on the calibration period, as its fit spills them.
 * @param [max_x] The last group: max_x or more repeat purchases (default 7; 1 to 100).
 * @param [headers] 1 (default): a header row; 0: none.
 * @returns A table that spills: calibration frequency (0, 1, …, "7+"), customers, actual mean, expected mean; the means are empty for a group with no customers.
 */
export function HOLDOUT_BY_FREQUENCY(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  holdout_purchases: any[][],
  holdout_length: any[][],
  model: any,
  params: any[][],
  max_x?: any,
  headers?: any
): any[][] {
  return spill(() => {
    const m = readModel(model);
    const parameters = readModelParameters(m, params);
    const maxX = maxFrequency(max_x);
    const withHeaders = optionalHeaders(headers);
    const specs = [
      { name: "frequency", arg: frequency },
      { name: "recency", arg: recency },
      { name: "T", arg: T },
      { name: "holdout_purchases", arg: holdout_purchases },
    ];
    // One holdout length for everyone, or a column beside the others.
    const single = lineCells(holdout_length, "holdout_length").length === 1;
    const length = single ? readScalar(holdout_length, "holdout_length") : null;
    if (single && length === null) throw invalidValue("holdout_length is blank");
    const columns = readColumns(
      single ? specs : [...specs, { name: "holdout_length", arg: holdout_length }],
      null
    );
    if (columns.used === 0) throw noData("customers");
    const [x, tx, t, later, own] = columns.values;
    const result = conditionalByFrequency(
      {
        frequency: x,
        recency: tx,
        T: t,
        holdoutPurchases: later,
        holdoutLength: single ? new Float64Array(x.length).fill(length as number) : own,
        weight: columns.weight,
      },
      m,
      parameters,
      maxX
    );
    const rows: ExcelCell[][] = withHeaders
      ? [["calibration frequency", "customers", "actual mean", "expected mean"]]
      : [];
    for (let k = 0; k <= maxX; k++)
      rows.push([
        bucketLabel(k, maxX),
        result.customers[k],
        numberCell(result.actualMean[k]),
        numberCell(result.expectedMean[k]),
      ]);
    return rows;
  }, "no customers");
}

/**
 * Cumulative repeat purchases period by period over the calibration period and the holdout, expected against actual, for the customers who bought by calibration_end.
 * @customfunction REPEAT_TRACKING
 * @param customers The customer id of each order (a column; text or numbers).
 * @param dates The date of each order (dates or ISO text); orders on one day are one purchase.
 * @param calibration_end The last day of the calibration period (the one the parameters were fitted on).
 * @param holdout_end The last day of the holdout; later orders are left out.
 * @param model The model's name, such as "BGNBD", "MBGNBD" or "BGBB".
 * @param params The model's fitted parameters, in the time unit of interval, as its fit spills them.
 * @param [interval] The periods, and the parameters' time unit: 0 days, 1 weeks (default).
 * @param [headers] 1 (default): a header row; 0: none.
 * @returns A table that spills: period end, actual, expected, cumulative actual, cumulative expected.
 */
export function REPEAT_TRACKING(
  customers: any[][],
  dates: any[][],
  calibration_end: any,
  holdout_end: any,
  model: any,
  params: any[][],
  interval?: any,
  headers?: any
): any[][] {
  return spill(() => {
    const table = orderTable(customers, dates, null, CHECK_COLUMN_NAMES);
    const calibrationEnd = requiredDate(calibration_end, "calibration_end");
    const holdoutEnd = requiredDate(holdout_end, "holdout_end");
    checkHoldoutEnds(calibrationEnd, holdoutEnd);
    const m = readModel(model);
    const parameters = readModelParameters(m, params);
    const unitDays = unitDaysOf(interval);
    const withHeaders = optionalHeaders(headers);
    const folded = ordersByPeriod(
      table.ids,
      table.dates,
      table.amounts,
      "day",
      holdoutEnd,
      table.names
    );
    const s = holdoutSummary(folded.cells, calibrationEnd, holdoutEnd, unitDays);
    const tr = repeatTracking(folded.cells, s, calibrationEnd, holdoutEnd, unitDays, m, parameters);
    const rows: ExcelCell[][] = withHeaders
      ? [["period end", "actual", "expected", "cumulative actual", "cumulative expected"]]
      : [];
    for (let j = 0; j < tr.periodEnd.length; j++)
      rows.push([
        tr.periodEnd[j],
        tr.actual[j],
        tr.expected[j],
        tr.cumulativeActual[j],
        tr.cumulativeExpected[j],
      ]);
    return rows;
  });
}

/** Row i of a block of parameter rows, one per model. */
function parameterRow(params: unknown, i: number, models: number): unknown {
  if (models === 1) return params;
  if (!Array.isArray(params) || !params.every(Array.isArray) || params.length !== models)
    throw invalidValue(`params must hold one row of parameters per model (${models} rows)`);
  return [(params as unknown[][])[i]];
}

/**
 * Log-likelihood, AIC and BIC of buyer models on the same customers, to compare them: lower AIC and BIC fit better for the parameters spent.
 * @customfunction MODEL_COMPARE
 * @param frequency Repeat purchases per customer, x (a column).
 * @param recency Time from each customer's first to last purchase, t_x, in the data's time unit.
 * @param T Time from each customer's first purchase to the end of observation, in the same unit.
 * @param models The models' names, one per cell (a row or column), such as "BGNBD" and "MBGNBD".
 * @param params Each model's fitted parameters: one row per model, in the order of models (for one model, its fit's spill or stats block).
 * @param [weights] How many identical customers each row stands for; omitted: 1 each.
 * @param [headers] 1 (default): a header row; 0: none.
 * @returns A table that spills one row per model: model, parameters, log-likelihood, AIC, BIC, customers.
 */
export function MODEL_COMPARE(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  models: any[][],
  params: any[][],
  weights?: any[][],
  headers?: any
): any[][] {
  return spill(() => {
    const withHeaders = optionalHeaders(headers);
    const names = lineCells(models, "models");
    if (names.length === 0) throw invalidValue('models is blank: name a model, such as "BGNBD"');
    const columns = readColumns(
      [
        { name: "frequency", arg: frequency },
        { name: "recency", arg: recency },
        { name: "T", arg: T },
      ],
      weights
    );
    if (columns.used === 0) throw noData("customers");
    const [x, tx, t] = columns.values;
    const data = { frequency: x, recency: tx, T: t, weight: columns.weight };
    const rows: ExcelCell[][] = withHeaders
      ? [["model", "parameters", "log-likelihood", "AIC", "BIC", "customers"]]
      : [];
    names.forEach((name, i) => {
      try {
        const m = readModel(name, `models (cell ${i + 1})`);
        const parameters = readModelParameters(
          m,
          parameterRow(params, i, names.length),
          names.length === 1 ? "params" : `params (row ${i + 1})`
        );
        const s = modelScore(m, parameters, data);
        rows.push([m.label, s.parameters, s.logLikelihood, s.aic, s.bic, s.customers]);
      } catch (e) {
        rows.push([typeof name === "string" ? name : "", toExcelError(e), "", "", "", ""]);
      }
    });
    return rows;
  }, "no customers");
}
