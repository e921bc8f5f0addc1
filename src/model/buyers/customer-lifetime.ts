/**
 * Customers who churn silently (issue 12; docs/definitions.md §10): an orders table streamed into purchase
 * days per customer, summarised as lifetimes' RFM summary at the end of a calibration period,
 * then a buyer model (BG/NBD, MBG/NBD or Pareto/NBD, from the registry in buyer-models.ts) and
 * Gamma-Gamma fitted and applied to every customer: P(alive), the expected purchases and the
 * CLV over a horizon, and, when the last days are held out, the expected purchases in the
 * holdout beside the purchases that actually happened there.
 *
 * BG/BB counts discrete opportunities instead (a year, a quarter or a month: one purchase at
 * most in each): the purchase days are regrouped by opportunity (opportunity-cells.ts), the
 * summary is RETAIN.BGBB_SUMMARY's (x, t_x, n), and the holdout and horizon are whole
 * opportunities; everything else is computed the same way on that clock.
 *
 * Every figure comes from the model's own pieces (the order reader, the customer-day cells,
 * rfmSummary, the fits, each model's quantities and clv.ts): this file only wires them.
 */
import { probabilityAlive } from "./bgnbd-purchases";
import { customerLifetimeValue, DAYS_PER_YEAR, discountRatePerUnit, MAX_HORIZON } from "./clv";
import { BuyerModel } from "./buyer-model";
import { BUYER_MODELS } from "./buyer-models";
import { mbgnbdProbabilityAlive } from "./mbgnbd-purchases";
import { paretoProbabilityAlive } from "./pareto-nbd";
import { modelDiscountedPurchases } from "./model-discounted-purchases";
import { bgbbProbabilityAlive } from "./bgbb";
import { bgbbDiscountedTransactions } from "./bgbb-discounted-transactions";
import {
  opportunityCells,
  opportunitySummary,
  OpportunityUnit,
  OPPORTUNITY_UNITS,
} from "./opportunity-cells";
import { periodEnd, periodOf } from "../history/periods";
import { DomainError, finite, invalidNumber, invalidValue } from "../errors";
import { fitGammaGamma, GammaGammaFit } from "./gamma-gamma-fit";
import { expectedAverageSpend } from "./gamma-gamma";
import { CustomerIds } from "../reading/customer-ids";
import { CustomerPeriodAccumulator, CustomerPeriods } from "../history/customer-periods";
import { isPurchase, OrderRowReader } from "../reading/order-rows";
import { checkTimeUnit, rfmSummary, RfmSummary } from "../history/rfm";
import { noData } from "../history/table-folding";

export interface CustomerLifetimeOptions {
  /** The model's time unit in days (7 = weeks): recency, T, horizon and the holdout are in it. */
  timeUnitDays: number;
  /** The last days held out to check the fit; the calibration ends at lastDay − holdoutDays. 0: no holdout. */
  holdoutDays: number;
  /** The CLV and expected-purchases horizon, in time units (e.g. 52 weeks). */
  horizon: number;
  /** Discount rate per year (DAYS_PER_YEAR days), converted to the time unit by clv.ts's discountRatePerUnit. */
  annualDiscountRate: number;
  /**
   * The purchase model. Omitted: BG/NBD, as before there was a choice; the pane asks for
   * DEFAULT_LIFETIME_MODEL.
   */
  model?: LifetimeModelName;
  /**
   * BG/BB only: the opportunity (default a year). timeUnitDays is then its length in days
   * (clv.ts unitDays: 365.25 for a year), which only the discount rate per opportunity uses.
   */
  opportunity?: OpportunityUnit;
  /** BG/BB only: the last whole opportunities held out (holdoutDays is not used). 0: none. */
  holdoutOpportunities?: number;
}

export type { OpportunityUnit } from "./opportunity-cells";
export { OPPORTUNITY_UNITS } from "./opportunity-cells";

/** The buyer models for dated orders: three in continuous time, and BG/BB on opportunities. */
export type LifetimeModelName = "MBGNBD" | "BGNBD" | "PARETO_NBD" | "BGBB";
/**
 * The continuous-time models, fitted to the same purchase days and so compared with one another;
 * BG/BB's likelihood is of opportunities, other data, so it is never ranked against them.
 */
export const LIFETIME_MODELS: readonly LifetimeModelName[] = ["MBGNBD", "BGNBD", "PARETO_NBD"];
/** Every model the table fits: the continuous ones, then BG/BB. */
export const ALL_LIFETIME_MODELS: readonly LifetimeModelName[] = [...LIFETIME_MODELS, "BGBB"];
/**
 * Whether the model's P(alive) is a closed form Excel can compute, so a written sheet holds it as
 * a formula: not Pareto/NBD's (₂F₁) nor BG/BB's (a sum over the opportunities).
 */
export const pAliveIsExcelFormula = (model: LifetimeModelName): boolean =>
  model === "BGNBD" || model === "MBGNBD";
/** MBG/NBD: unlike BG/NBD it does not give every one-time buyer P(alive) = 1 (issue 23). */
export const DEFAULT_LIFETIME_MODEL: LifetimeModelName = "MBGNBD";

/** The model's BuyerModel, or null while the registry does not have it yet. */
export function lifetimeBuyerModel(name: LifetimeModelName): BuyerModel | null {
  return BUYER_MODELS[name];
}

/** P(alive | x, t_x, T) of each model (not part of BuyerModel: the checks do not need it). */
const P_ALIVE: Record<
  LifetimeModelName,
  (x: number, tx: number, T: number, p: readonly number[]) => number
> = {
  BGNBD: (x, tx, T, [r, alpha, a, b]) => probabilityAlive(x, tx, T, r, alpha, a, b),
  MBGNBD: (x, tx, T, [r, alpha, a, b]) => mbgnbdProbabilityAlive(x, tx, T, r, alpha, a, b),
  PARETO_NBD: (x, tx, T, [r, alpha, s, beta]) =>
    paretoProbabilityAlive(x, tx, T, r, alpha, s, beta),
  // Alive at the next opportunity, n + 1 (RETAIN.BGBB_P_ALIVE).
  BGBB: (x, tx, n, [alpha, beta, gamma, delta]) =>
    bgbbProbabilityAlive(x, tx, n, { alpha, beta, gamma, delta }),
};

/** The fitted purchase model: its name and parameters in its parameterNames order. */
export interface LifetimePurchaseFit {
  model: LifetimeModelName;
  /** As people write it: "MBG/NBD". */
  label: string;
  parameterNames: readonly string[];
  parameters: number[];
  /** Σ ln L at the fitted parameters (calibration period). */
  logLikelihood: number;
}

export interface HoldoutCheck {
  /** Holdout length in time units. */
  length: number;
  /** Per customer row: expected purchases in the holdout (the model's conditional expectation over `length`), actual purchase days in it. */
  expected: Float64Array;
  actual: Float64Array;
  expectedTotal: number;
  actualTotal: number;
}

export interface CustomerLifetimeTable {
  /** Customer labels: ids.labels[customers.customer[k]]. */
  ids: CustomerIds;
  options: CustomerLifetimeOptions;
  /** End of observation (serial): the end date, or the last order's date. */
  lastDay: number;
  /** lastDay − holdoutDays (serial). */
  calibrationEnd: number;
  /** RFM at calibrationEnd, in time units (rfm.ts): one row per customer. */
  customers: RfmSummary;
  purchases: LifetimePurchaseFit;
  /**
   * The customer-day cells (purchase days), for the model checks (customer-lifetime-checks.ts);
   * with BG/BB, the customer-opportunity cells (opportunity-cells.ts).
   */
  cells: CustomerPeriods;
  /**
   * BG/BB only: the opportunity and the calibration's and the data's last opportunities (period
   * numbers, as the cells count them); null for the continuous models.
   */
  opportunity: { unit: OpportunityUnit; calibrationEnd: number; end: number } | null;
  /** null when the Gamma-Gamma fit is impossible (no amounts, nobody repeats, q ≤ 1 …). */
  spend: GammaGammaFit | null;
  /** Why spend is null, as a sentence for the pane/sheet. */
  spendProblem: string | null;
  pAlive: Float64Array;
  /** Conditional expected purchases over the next `horizon` units, per row. */
  expectedPurchases: Float64Array;
  /** Gamma-Gamma E[M | x, m] per row (NaN where spend is null). */
  expectedSpend: Float64Array;
  /** clv.ts customerLifetimeValue per row (NaN where spend is null). */
  clv: Float64Array;
  holdout: HoldoutCheck | null;
}

/** Streams orders (same add() as OrdersAnalysis) into purchase days per customer, then fits both models. */
export class CustomerLifetimeAnalysis {
  private readonly cells = new CustomerPeriodAccumulator("day");
  private readonly reader: OrderRowReader;
  /** Orders that carried an amount (without any, there is no spend to model). */
  private withAmount = 0;

  constructor(private readonly endDay: number | null = null) {
    this.reader = new OrderRowReader((customer, day, amount) => {
      if (amount === amount) this.withAmount++;
      this.cells.addDay(customer, day, amount, isPurchase(amount));
    }, endDay);
  }

  add(row: number, id: unknown, date: unknown, amount: unknown): void {
    this.reader.add(row, id, date, amount);
  }

  /** Throws DomainError with a clear message (no orders, bad options, nobody repeats …). */
  finish(options: CustomerLifetimeOptions): CustomerLifetimeTable {
    const { reader } = this;
    if (reader.orders === 0) throw noData("orders");
    checkOptions(options);
    const lastDay = this.endDay ?? reader.lastDay;
    if (options.model === "BGBB") return this.finishOpportunities(options, lastDay);
    const calibrationEnd = lastDay - options.holdoutDays;
    if (options.holdoutDays > 0 && calibrationEnd <= reader.firstDay)
      throw invalidNumber(
        `the holdout (${options.holdoutDays} days) is as long as the data or longer: the orders span ${lastDay - reader.firstDay} days, so nothing is left to fit the model on`
      );
    const cells = this.cells.finish(reader.ids.count);
    const clock: Clock = {
      unitDays: options.timeUnitDays,
      holdout: options.holdoutDays / options.timeUnitDays,
      calibrationEnd,
      end: lastDay,
      lastDay,
      opportunity: null,
    };
    return lifetimeTable(cells, reader.ids, options, clock, this.withAmount > 0);
  }

  /** BG/BB: the purchase days regrouped by opportunity, and the table fitted on that clock. */
  private finishOpportunities(
    options: CustomerLifetimeOptions,
    lastDay: number
  ): CustomerLifetimeTable {
    const unit = options.opportunity ?? "year";
    const held = options.holdoutOpportunities ?? 0;
    const end = periodOf(lastDay, unit);
    const calibrationEnd = end - held;
    if (held > 0 && calibrationEnd <= periodOf(this.reader.firstDay, unit))
      throw invalidNumber(
        `the holdout (${held} × ${unit}) reaches back to the first ${unit} of the orders: nothing is left to fit the model on`
      );
    // The earliest customers get calibrationEnd − first opportunities after their first: with
    // fewer than two, no one can show both buying again and staying away, and the fit only
    // reports "no repeat purchase" or a flat ridge. Say what to change instead.
    const span = calibrationEnd - periodOf(this.reader.firstDay, unit) + 1;
    if (span < 3) {
      const shorter = { year: "a quarter or a month", quarter: "a month", month: null }[unit];
      throw invalidNumber(
        `the orders${held > 0 ? " before the holdout" : ""} fall in ${span} ${unit === "quarter" ? "quarter" : unit}${span === 1 ? "" : "s"}: BG/BB needs at least 3 opportunities to fit` +
          (shorter ? `; choose ${shorter} as the opportunity` : "") +
          (held > 0 ? ", or a shorter holdout" : "")
      );
    }
    const cells = opportunityCells(this.cells.finish(this.reader.ids.count), unit);
    const clock: Clock = {
      unitDays: 1,
      holdout: held,
      calibrationEnd,
      end,
      lastDay,
      opportunity: { unit, calibrationEnd, end },
    };
    return lifetimeTable(cells, this.reader.ids, options, clock, this.withAmount > 0);
  }
}

/**
 * Where the table's cells count time: days and the time unit for the continuous models, or
 * opportunities one step each for BG/BB (holdout in the clock's units; ends in its periods).
 */
interface Clock {
  /** The observation's last day (serial). */
  lastDay: number;
  unitDays: number;
  holdout: number;
  calibrationEnd: number;
  end: number;
  opportunity: CustomerLifetimeTable["opportunity"];
}

function checkOptions(o: CustomerLifetimeOptions): void {
  checkTimeUnit(o.timeUnitDays);
  if (!(
    o.holdoutDays >= 0 &&
    o.holdoutDays < Infinity &&
    Math.trunc(o.holdoutDays) === o.holdoutDays
  ))
    throw invalidNumber("the holdout must be a whole number of days, 0 or more");
  if (o.model !== undefined && !ALL_LIFETIME_MODELS.includes(o.model))
    throw invalidValue(`the model must be one of ${ALL_LIFETIME_MODELS.join(", ")}`);
  if (o.opportunity !== undefined && !OPPORTUNITY_UNITS.includes(o.opportunity))
    throw invalidValue(`the opportunity must be one of ${OPPORTUNITY_UNITS.join(", ")}`);
  const held = o.holdoutOpportunities ?? 0;
  if (!(held >= 0 && held < Infinity && Math.trunc(held) === held))
    throw invalidNumber("the holdout must be a whole number of opportunities, 0 or more");
  if (o.model === "BGBB" && Math.trunc(o.horizon) !== o.horizon)
    throw invalidNumber("the horizon must be a whole number of opportunities");
  if (!(o.horizon >= 0 && o.horizon <= MAX_HORIZON))
    throw invalidNumber(`the horizon must be 0 to ${MAX_HORIZON} time units`);
  discountRatePerUnit(o.annualDiscountRate, DAYS_PER_YEAR, o.timeUnitDays);
}

function lifetimeTable(
  cells: CustomerPeriods,
  ids: CustomerIds,
  options: CustomerLifetimeOptions,
  clock: Clock,
  hasAmounts: boolean
): CustomerLifetimeTable {
  const customers = clock.opportunity
    ? opportunitySummary(cells, clock.calibrationEnd)
    : trimmed(rfmSummary(cells, clock.calibrationEnd, clock.unitDays));
  const n = customers.count;
  const { frequency: x, recency: tx, age: T, monetary: m } = customers;
  const purchases = fitPurchases(customers, options, clock);
  const { spend, spendProblem } = fitSpend(customers, hasAmounts);
  const aliveOf = P_ALIVE[purchases.model];
  const parameters = purchases.parameters;
  const groups = groupByFrequencyAndAge(customers);
  const perAlive = expectationsPerAlive(groups, customers, purchases, spend, options, clock);
  const pAlive = new Float64Array(n);
  const expectedPurchases = new Float64Array(n);
  const expectedSpend = new Float64Array(n).fill(NaN);
  const clv = new Float64Array(n).fill(NaN);
  const holdout = clock.holdout > 0 ? new Float64Array(n) : null;
  for (let k = 0; k < n; k++) {
    const g = groups.group[k];
    const alive = aliveOf(x[k], tx[k], T[k], parameters);
    pAlive[k] = alive;
    const value =
      spend === null ? NaN : expectedAverageSpend(x[k], m[k], spend.p, spend.q, spend.gamma);
    expectedSpend[k] = value;
    if (perAlive.direct[g]) {
      const direct = directExpectations(customers, k, purchases, spend, options, clock);
      expectedPurchases[k] = direct.purchases;
      if (holdout) holdout[k] = direct.holdout;
      clv[k] = direct.value;
      continue;
    }
    expectedPurchases[k] = alive * perAlive.purchases[g];
    if (holdout) holdout[k] = alive * perAlive.holdout[g];
    if (spend !== null) clv[k] = finite(value * alive * perAlive.value[g], "lifetime value");
  }
  const opportunity = clock.opportunity;
  return {
    ids,
    options: { ...options },
    lastDay: clock.lastDay,
    // With BG/BB, the last day of the calibration's last opportunity (not after the last order's).
    calibrationEnd: opportunity
      ? Math.min(periodEnd(opportunity.calibrationEnd, opportunity.unit), clock.lastDay)
      : clock.calibrationEnd,
    customers,
    purchases,
    cells,
    opportunity,
    spend,
    spendProblem,
    pAlive,
    expectedPurchases,
    expectedSpend,
    clv,
    holdout: holdout && holdoutCheck(cells, customers, holdout, clock),
  };
}

/** The buyer model's fit; with a holdout, its refusals say that they concern the calibration period. */
function fitPurchases(
  c: RfmSummary,
  options: CustomerLifetimeOptions,
  clock: Clock
): LifetimePurchaseFit {
  const name = options.model ?? "BGNBD";
  const held = clock.opportunity
    ? `${clock.holdout} × ${clock.opportunity.unit}`
    : `${options.holdoutDays}-day`;
  const model = lifetimeBuyerModel(name);
  if (model === null) throw invalidValue(`the ${name} model is not available yet`);
  try {
    const fit = model.fit({ frequency: c.frequency, recency: c.recency, T: c.age });
    return {
      model: name,
      label: model.label,
      parameterNames: model.parameterNames,
      parameters: fit.parameters,
      logLikelihood: fit.logLikelihood,
    };
  } catch (e) {
    if (!(e instanceof DomainError) || clock.holdout === 0) throw e;
    throw new DomainError(
      e.code,
      `${e.message} (in the calibration period, before the ${held} holdout)`
    );
  }
}

/** Customers grouped by (x, T): `group[k]` is row k's group, `first[g]` a row of group g. */
interface Groups {
  group: Int32Array;
  first: number[];
}

function groupByFrequencyAndAge(c: RfmSummary): Groups {
  const group = new Int32Array(c.count);
  const first: number[] = [];
  const byAge = new Map<number, Map<number, number>>();
  for (let k = 0; k < c.count; k++) {
    let byX = byAge.get(c.age[k]);
    if (byX === undefined) byAge.set(c.age[k], (byX = new Map()));
    let g = byX.get(c.frequency[k]);
    if (g === undefined) {
      byX.set(c.frequency[k], (g = first.length));
      first.push(k);
    }
    group[k] = g;
  }
  return { group, first };
}

/**
 * The expectations divided by P(alive) (and CLV also by the expected spend), per (x, T) group.
 * Each model's conditional expectations (BG/NBD's, MBG/NBD's and Pareto/NBD's alike) are
 * P(alive | x, t_x, T) times a part that depends on x and T alone, and CLV is the expected spend times the discounted purchases (clv.ts), so each is
 * computed once per group by the model's own functions, for the group's customer with t_x = T
 * (the last purchase at the end: P(alive) is then as high as it gets, never 0), and divided by
 * that customer's P(alive). Customers share (x, T) far more often than (x, t_x, T): a million
 * orders of 160,000 customers make about 16,000 groups, and CLV's horizon of ₂F₁ evaluations per
 * group is what the table's time is spent on.
 */
function expectationsPerAlive(
  groups: Groups,
  c: RfmSummary,
  fit: LifetimePurchaseFit,
  spend: GammaGammaFit | null,
  options: CustomerLifetimeOptions,
  clock: Clock
): { purchases: Float64Array; holdout: Float64Array; value: Float64Array; direct: Uint8Array } {
  const count = groups.first.length;
  const purchases = new Float64Array(count);
  const holdout = new Float64Array(count);
  const value = new Float64Array(count);
  const direct = new Uint8Array(count);
  for (let g = 0; g < count; g++) {
    const k = groups.first[g];
    const x = c.frequency[k];
    const T = c.age[k];
    const tx = x > 0 ? T : 0;
    const alive = P_ALIVE[fit.model](x, tx, T, fit.parameters);
    const spendPerPurchase =
      spend === null ? 1 : expectedAverageSpend(x, 0, spend.p, spend.q, spend.gamma);
    // Only with absurd parameters could either underflow to 0: then each row is computed alone.
    if (!(alive > 0 && spendPerPurchase > 0)) {
      direct[g] = 1;
      continue;
    }
    const e = directExpectations(c, k, fit, spend, options, clock, tx, 0);
    purchases[g] = e.purchases / alive;
    holdout[g] = e.holdout / alive;
    value[g] = e.value / (alive * spendPerPurchase);
  }
  return { purchases, holdout, value, direct };
}

/**
 * Row k's expected purchases over the horizon and the holdout, and its CLV (NaN without a spend
 * model), straight from the model's functions; t_x and m may be replaced (see above).
 */
function directExpectations(
  c: RfmSummary,
  k: number,
  fit: LifetimePurchaseFit,
  spend: GammaGammaFit | null,
  options: CustomerLifetimeOptions,
  clock: Clock,
  tx = c.recency[k],
  m = c.monetary[k]
): { purchases: number; holdout: number; value: number } {
  const model = lifetimeBuyerModel(fit.model) as BuyerModel;
  const p = fit.parameters;
  const x = c.frequency[k];
  const T = c.age[k];
  const holdoutLength = clock.holdout;
  const conditional = (t: number) => model.conditionalExpectedPurchases(x, tx, T, t, p);
  let value = NaN;
  if (spend !== null && fit.model === "BGNBD") {
    const [r, alpha, a, b] = p;
    value = customerLifetimeValue(
      x,
      tx,
      T,
      m,
      { r, alpha, a, b },
      spend,
      options.horizon,
      options.annualDiscountRate,
      options.timeUnitDays,
      DAYS_PER_YEAR
    );
  } else if (spend !== null) {
    const perUnit = discountRatePerUnit(
      options.annualDiscountRate,
      DAYS_PER_YEAR,
      options.timeUnitDays
    );
    // BG/BB: T is n, and the rate is per opportunity (timeUnitDays is the opportunity's length).
    const discounted =
      fit.model === "BGBB"
        ? bgbbDiscountedTransactions(x, tx, T, options.horizon, perUnit, p)
        : modelDiscountedPurchases(fit.model, p, x, tx, T, options.horizon, perUnit);
    value = finite(
      expectedAverageSpend(x, m, spend.p, spend.q, spend.gamma) * discounted,
      "lifetime value"
    );
  }
  return {
    purchases: conditional(options.horizon),
    holdout: holdoutLength > 0 ? conditional(holdoutLength) : 0,
    value,
  };
}

/** The summary's columns cut to its rows (views: rfmSummary sizes them for every customer known). */
function trimmed(s: RfmSummary): RfmSummary {
  const n = s.count;
  return {
    customer: s.customer.subarray(0, n),
    frequency: s.frequency.subarray(0, n),
    recency: s.recency.subarray(0, n),
    age: s.age.subarray(0, n),
    monetary: s.monetary.subarray(0, n),
    count: n,
  };
}

/**
 * The Gamma-Gamma fit on the repeat customers, or why there is none. Repeat customers whose
 * repeat purchases carry no positive amount (free orders, missing amounts) have no spend the
 * model can describe (it needs m > 0), so they are left out of the fit; their expected spend is
 * still the model's posterior mean for them.
 */
function fitSpend(
  c: RfmSummary,
  hasAmounts: boolean
): { spend: GammaGammaFit | null; spendProblem: string | null } {
  if (!hasAmounts)
    return {
      spend: null,
      spendProblem: "The orders have no amounts, so there is no spend to model: CLV needs them.",
    };
  const weight = new Float64Array(c.count);
  let repeaters = 0;
  let used = 0;
  for (let k = 0; k < c.count; k++) {
    if (c.frequency[k] > 0) repeaters++;
    if (c.frequency[k] > 0 && c.monetary[k] > 0) {
      weight[k] = 1;
      used++;
    }
  }
  if (repeaters > 0 && used === 0)
    return {
      spend: null,
      spendProblem:
        "No repeat customer has repeat purchases with an amount above 0, so there is no spend to model.",
    };
  let spend: GammaGammaFit;
  try {
    spend = fitGammaGamma({ frequency: c.frequency, monetary: c.monetary, weight });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return {
      spend: null,
      spendProblem: sentence(`The spend model cannot be fitted: ${e.message}`),
    };
  }
  if (!(spend.q > 1))
    return {
      spend: null,
      spendProblem: `The spend model's fit has q = ${spend.q.toPrecision(3)} (not above 1): its mean spend is infinite, so expected spend and CLV are not defined. A few very large repeat purchases usually cause this.`,
    };
  return { spend, spendProblem: null };
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** The holdout's expected purchases (from the calibration fit) beside the purchase days actually in it. */
function holdoutCheck(
  cells: CustomerPeriods,
  customers: RfmSummary,
  expected: Float64Array,
  { calibrationEnd, end: lastDay, holdout }: Clock
): HoldoutCheck {
  const n = customers.count;
  const actual = new Float64Array(n);
  const { offsets, period, active } = cells;
  let expectedTotal = 0;
  let actualTotal = 0;
  for (let k = 0; k < n; k++) {
    // A customer's cells are in day order: the holdout's are at the end.
    const c = customers.customer[k];
    let days = 0;
    for (let i = offsets[c + 1] - 1; i >= offsets[c] && period[i] > calibrationEnd; i--)
      if (active[i] && period[i] <= lastDay) days++;
    actual[k] = days;
    expectedTotal += expected[k];
    actualTotal += days;
  }
  return {
    length: holdout,
    expected,
    actual,
    expectedTotal,
    actualTotal,
  };
}

/**
 * Counts of customers by P(alive) in `bins` equal bins over [0, 1] (the last bin includes 1).
 * repeatOnly leaves out the one-time buyers, whom BG/NBD shows as certainly alive (oneTimeBuyers);
 * MBG/NBD and Pareto/NBD give them a P(alive) of their own, so they belong in the bins.
 */
export function pAliveHistogram(
  table: CustomerLifetimeTable,
  bins = 10,
  repeatOnly = false
): Int32Array {
  if (!(bins >= 1 && Math.trunc(bins) === bins))
    throw invalidNumber("bins must be a whole number, 1 or more");
  const counts = new Int32Array(bins);
  const x = table.customers.frequency;
  table.pAlive.forEach((p, k) => {
    if (!(repeatOnly && x[k] === 0)) counts[Math.min(bins - 1, Math.floor(p * bins))]++;
  });
  return counts;
}

/**
 * Customers with no repeat purchase in the calibration period (x = 0). BG/NBD can only see a
 * customer leave after a purchase, so it gives each of them P(alive) = 1, however long ago they
 * bought: the model cannot tell whether they are still around.
 */
export function oneTimeBuyers(table: CustomerLifetimeTable): number {
  let count = 0;
  for (const x of table.customers.frequency) if (x === 0) count++;
  return count;
}

/** The at-risk rule (atRiskCustomers): P(alive) below this … */
export const AT_RISK_P_ALIVE = 0.5;
/** … and a past value in this top share of the repeat customers. */
export const AT_RISK_TOP_SHARE = 0.25;

/**
 * A customer's past value for the at-risk rule: their spend on repeat purchases in the
 * calibration period (x × m) when the spend model was fitted, else their repeat purchases (x).
 */
export function pastValue(table: CustomerLifetimeTable, k: number): number {
  const { frequency: x, monetary: m } = table.customers;
  return table.spend === null ? x[k] : x[k] * m[k];
}

/**
 * Valuable customers who may have left, for a campaign: repeat customers (x > 0; one-time
 * buyers' P(alive) says nothing) whose P(alive) is below AT_RISK_P_ALIVE and whose past value
 * (pastValue) is in the top quarter of the repeat customers: at least that of the
 * ⌈repeat customers ÷ 4⌉-th highest, and above 0. Row indices, highest past value first (ties:
 * the earlier row first).
 */
export function atRiskCustomers(table: CustomerLifetimeTable): Int32Array {
  const x = table.customers.frequency;
  const repeat: number[] = [];
  for (let k = 0; k < x.length; k++) if (x[k] > 0) repeat.push(k);
  if (repeat.length === 0) return new Int32Array(0);
  const value = Float64Array.from(repeat, (k) => pastValue(table, k));
  const sorted = value.slice().sort((p, q) => q - p);
  const threshold = sorted[Math.ceil(repeat.length * AT_RISK_TOP_SHARE) - 1];
  const rows: number[] = [];
  repeat.forEach((k, i) => {
    if (value[i] >= threshold && value[i] > 0 && table.pAlive[k] < AT_RISK_P_ALIVE) rows.push(k);
  });
  return Int32Array.from(rows.sort((i, j) => pastValue(table, j) - pastValue(table, i) || i - j));
}

/** The edges of pAliveHistogram's bins: bins + 1 values from 0 to 1. */
export function pAliveBinEdges(bins = 10): Float64Array {
  return Float64Array.from({ length: bins + 1 }, (_, i) => i / bins);
}

/** Row indices of the `count` customers with the highest CLV (highest expected purchases when spend is null), highest first. */
export function topCustomers(table: CustomerLifetimeTable, count = 20): Int32Array {
  const value = table.spend === null ? table.expectedPurchases : table.clv;
  const n = value.length;
  const size = Math.max(0, Math.min(Math.trunc(count), n));
  const better = (i: number, j: number) => value[i] > value[j] || (value[i] === value[j] && i < j);
  // Many rows asked for: one sort of them all (ties: the earlier row first).
  if (size > 64)
    return Int32Array.from({ length: n }, (_, i) => i)
      .sort((i, j) => (better(i, j) ? -1 : 1))
      .slice(0, size);
  // A few: a sorted list of the best `size` so far; most rows fall below its last entry at a
  // single comparison.
  const top = new Int32Array(size);
  let held = 0;
  for (let i = 0; i < n && size > 0; i++) {
    if (held === size && !better(i, top[held - 1])) continue;
    let at = held < size ? held++ : size - 1;
    while (at > 0 && better(i, top[at - 1])) {
      top[at] = top[at - 1];
      at--;
    }
    top[at] = i;
  }
  return top;
}

/**
 * Holdout by calibration frequency 0..maxFrequency (the last bucket is "and more"): customers,
 * mean expected, mean actual. Frequencies no customer has are left out, so `frequency` names
 * each bucket (frequency[i] === maxFrequency: that many or more).
 */
export function holdoutByFrequency(
  table: CustomerLifetimeTable,
  maxFrequency = 7
): {
  frequency: Int32Array;
  customers: Float64Array;
  expected: Float64Array;
  actual: Float64Array;
} | null {
  const h = table.holdout;
  if (h === null) return null;
  if (!(maxFrequency >= 0 && Math.trunc(maxFrequency) === maxFrequency))
    throw invalidNumber("maxFrequency must be a whole number, 0 or more");
  const buckets = maxFrequency + 1;
  const count = new Float64Array(buckets);
  const expectedSum = new Float64Array(buckets);
  const actualSum = new Float64Array(buckets);
  const x = table.customers.frequency;
  for (let k = 0; k < x.length; k++) {
    const f = Math.min(x[k], maxFrequency);
    count[f]++;
    expectedSum[f] += h.expected[k];
    actualSum[f] += h.actual[k];
  }
  // Only frequencies some customer has: no empty bucket with an undefined mean.
  const kept: number[] = [];
  for (let f = 0; f < buckets; f++) if (count[f] > 0) kept.push(f);
  const frequency = Int32Array.from(kept);
  const customers = Float64Array.from(kept, (f) => count[f]);
  const expected = Float64Array.from(kept, (f) => expectedSum[f] / count[f]);
  const actual = Float64Array.from(kept, (f) => actualSum[f] / count[f]);
  return { frequency, customers, expected, actual };
}
