/**
 * The "Customer lifetime" sheet as a plan (issue 12's "Write customers to sheet"): the purchase
 * model's (BG/NBD, MBG/NBD or Pareto/NBD, the one the table was fitted with) and Gamma-Gamma's
 * parameters in named value cells, and one row per customer with the expected spend, and P(alive)
 * where the model's is a closed form Excel can compute (BG/NBD, MBG/NBD), as native formulas of
 * that row and those cells. Pareto/NBD's P(alive), and every model's expected purchases and CLV,
 * need ₂F₁, which Excel lacks, so they are the model's values, and the sheet says so. BG/BB's
 * P(alive), expected purchases and CLV are sums over the customer's opportunities (a formula per
 * row would run to hundreds of terms): values too, labelled so; its x, t_x and n are whole
 * opportunities, its time unit the opportunity's length in days, its holdout in opportunities.
 *
 * Blocks, top to bottom (column A holds the labels):
 * - settings: time unit in days (stated in words beside it), horizon, annual discount rate, the
 *   rate per time unit as a formula ((1 + annual)^(unit/365.25) − 1), observation and calibration
 *   ends, holdout, customers;
 * - parameters: the model's four (names BgNbd_R, BgNbd_Alpha, BgNbd_A, BgNbd_B; MbgNbd_R …;
 *   ParetoNbd_R, ParetoNbd_Alpha, ParetoNbd_S, ParetoNbd_Beta) and log-likelihood;
 *   p, q, γ (GammaGamma_P, GammaGamma_Q, GammaGamma_Gamma), or why there is no spend model;
 *   the holdout's expected and actual purchases when there is a holdout;
 * - the customers, one block: id, x, t_x, T, m as values, P(alive) and expected spend as formulas,
 *   expected purchases and CLV as values. Without a spend model both spend columns hold the reason;
 * - beside the customers (from column K), the at-risk list (atRiskCustomers: valuable customers who
 *   may have left) with its rule, as values, for a win-back campaign.
 * Beside the customer count, how many bought only once: BG/NBD shows each of them as 100% alive.
 *
 * MBG/NBD's P(alive) has the same shape with δ = ln(a/(b+x)) + (r+x)·ln((α+T)/(α+t_x)), for
 * every x (one-time buyers included), and is capped the same way.
 * BG/NBD's P(alive) = 1/(1 + e^δ), δ = ln(a/(b+x−1)) + (r+x)·ln((α+T)/(α+t_x)), for x > 0, is written
 * e^{−δ'}/(1 + e^{−δ'}) with δ' = max(δ, −709): EXP never sees more than 709 (Excel's EXP
 * overflows past 709.78), so a heavy buyer long gone (δ in the thousands, where 1/(1 + e^δ)
 * would be #NUM!) underflows to 0, as the model does. δ ≥ ln(a/(b+x−1)), so only an a typed in
 * below ~1e-300 reaches the cap, and there e^{709}/(1 + e^{709}) = 1 exactly, as in the model.
 * The table's cells are unstyled on purpose: a style per row would cost the Office.js renderer a
 * range per row (100,000 customers, 100,000 ranges); the header says what each column is.
 */
import { DAYS_PER_YEAR, discountRatePerUnit, unitWord } from "../../model/buyers/clv";
import {
  AT_RISK_P_ALIVE,
  AT_RISK_TOP_SHARE,
  atRiskCustomers,
  CustomerLifetimeTable,
  LifetimeModelName,
  oneTimeBuyers,
  pAliveIsExcelFormula,
  pastValue,
} from "../../model/buyers/customer-lifetime";
import {
  CustomerLifetimeLabels,
  ENGLISH_CUSTOMER_LIFETIME_LABELS,
} from "./customer-lifetime-labels";
import { CellStyle, NumberFormat, PlanBlock, PlanCell, PlanName, SheetPlan } from "../sheet-plan";
import { significantFormat, widenForHeaders } from "../plan-style";

export {
  ENGLISH_CUSTOMER_LIFETIME_LABELS,
  CHINESE_CUSTOMER_LIFETIME_LABELS,
  customerLifetimeLabelsFor,
} from "./customer-lifetime-labels";
export type { CustomerLifetimeLabels } from "./customer-lifetime-labels";

export interface CustomerLifetimePlanOptions {
  labels?: CustomerLifetimeLabels;
  /** The sheet's preferred name (default: labels.sheetName); renderers make it unique. */
  sheetName?: string;
}

/** The defined names' prefix per model, and each parameter's part of the name. */
const NAME_PREFIX: Record<LifetimeModelName, string> = {
  BGNBD: "BgNbd",
  MBGNBD: "MbgNbd",
  PARETO_NBD: "ParetoNbd",
  BGBB: "BgBb",
};
const NAME_SUFFIX: Record<string, string> = {
  r: "R",
  alpha: "Alpha",
  a: "A",
  b: "B",
  s: "S",
  beta: "Beta",
  gamma: "Gamma",
  delta: "Delta",
};

/** EXP(709) is the largest power of e below Excel's overflow at 709.78. */
const EXP_LIMIT = 709;
/** Excel's last row; the table's header sits above its first customer. */
const MAX_ROWS = 1_048_576;

/** Where the settings and parameters sit (1-based rows, column B). */
export const LIFETIME_ROWS = {
  timeUnit: 2,
  horizon: 3,
  annualRate: 4,
  ratePerUnit: 5,
  r: 13,
  alpha: 14,
  a: 15,
  b: 16,
  p: 21,
  q: 22,
  gamma: 23,
  /** The customers' title; the note, the header and the first customer follow. */
  table: 33,
} as const;
/** The at-risk list's column (its title on the customers' title row). */
export const AT_RISK_COLUMN = "K";
/** The first customer's row (1-based). */
export const FIRST_CUSTOMER_ROW = LIFETIME_ROWS.table + 3;

const GENERAL: NumberFormat = { kind: "general" };
const COUNT: NumberFormat = { kind: "count" };
const DECIMAL: NumberFormat = { kind: "decimal" };
const PERCENT: NumberFormat = { kind: "percent" };
const DATE: NumberFormat = { kind: "date" };

const text = (value: string, style?: CellStyle): PlanCell => ({ kind: "text", text: value, style });
const value = (v: number, format: NumberFormat, style?: CellStyle): PlanCell => ({
  kind: "number",
  value: v,
  format,
  style,
});
const formula = (
  f: string,
  expected: number,
  format: NumberFormat,
  style?: CellStyle
): PlanCell => ({
  kind: "formula",
  formula: f,
  expected,
  format,
  style,
});

/** The sheet for a customer-lifetime table. Throws when the customers do not fit a sheet. */
export function customerLifetimePlan(
  table: CustomerLifetimeTable,
  options: CustomerLifetimePlanOptions = {}
): SheetPlan {
  const labels = options.labels ?? ENGLISH_CUSTOMER_LIFETIME_LABELS;
  const { customers, purchases, spend, holdout } = table;
  const model = purchases.model;
  const prefix = NAME_PREFIX[model];
  const modelLabel = purchases.label;
  const { timeUnitDays, horizon, annualDiscountRate, holdoutDays } = table.options;
  const bgbb = table.opportunity !== null;
  const pAliveValues = !pAliveIsExcelFormula(model);
  const n = customers.count;
  if (FIRST_CUSTOMER_ROW - 1 + n > MAX_ROWS)
    throw new Error(
      `${n.toLocaleString("en-US")} customers do not fit a sheet (at most ${(MAX_ROWS - FIRST_CUSTOMER_ROW + 1).toLocaleString("en-US")})`
    );
  const unit = unitName(labels, timeUnitDays);
  const fill = (template: string) =>
    template
      .replace("{unit}", unit)
      .replace("{horizon}", String(horizon))
      .replace("{model}", modelLabel);
  const oneTime = oneTimeBuyers(table);
  const R = LIFETIME_ROWS;
  const blocks: PlanBlock[] = [];
  const names: PlanName[] = [
    { name: "Clv_TimeUnitDays", cell: `B${R.timeUnit}` },
    { name: "Clv_Horizon", cell: `B${R.horizon}` },
    { name: "Clv_AnnualDiscountRate", cell: `B${R.annualRate}` },
    { name: "Clv_DiscountRatePerUnit", cell: `B${R.ratePerUnit}` },
    ...purchases.parameterNames.map((p, i) => ({
      name: `${prefix}_${NAME_SUFFIX[p] ?? p}`,
      cell: `B${R.r + i}`,
    })),
  ];

  // ---- settings ----
  blocks.push({
    topLeft: "A1",
    rows: [
      [text(fill(labels.title), "title")],
      [
        text(bgbb ? labels.opportunityLength : labels.timeUnit, "label"),
        value(timeUnitDays, GENERAL, "label"),
        text(fill(bgbb ? labels.opportunityNote : labels.timeUnitNote), "note"),
      ],
      [text(labels.horizon, "label"), value(horizon, GENERAL, "label")],
      [text(labels.annualDiscountRate, "label"), value(annualDiscountRate, PERCENT, "label")],
      [
        text(labels.discountRatePerUnit, "label"),
        formula(
          `=(1+B${R.annualRate})^(B${R.timeUnit}/${DAYS_PER_YEAR})-1`,
          discountRatePerUnit(annualDiscountRate, DAYS_PER_YEAR, timeUnitDays),
          PERCENT,
          "output"
        ),
      ],
      [text(labels.observedThrough, "label"), value(table.lastDay, DATE, "label")],
      [text(labels.calibrationEnd, "label"), value(table.calibrationEnd, DATE, "label")],
      bgbb
        ? [
            text(labels.holdoutOpportunities, "label"),
            value(table.options.holdoutOpportunities ?? 0, COUNT, "label"),
          ]
        : [text(labels.holdoutDays, "label"), value(holdoutDays, COUNT, "label")],
      [
        text(labels.customers, "label"),
        value(n, COUNT, "label"),
        oneTime > 0
          ? text(
              fill(model === "BGNBD" ? labels.oneTimeNote : labels.oneTimeNoteOwnChance).replace(
                "{count}",
                oneTime.toLocaleString("en-US")
              ),
              "note"
            )
          : null,
      ],
      [text(pAliveValues ? labels.hintValues : labels.hint, "note")],
    ],
  });

  // ---- parameters ----
  const parameter = (label: string, v: number): (PlanCell | null)[] => [
    text(label, "label"),
    value(v, significantFormat(v), "input"),
  ];
  const fact = (label: string, v: number, format: NumberFormat): (PlanCell | null)[] => [
    text(label, "label"),
    value(v, format, "label"),
  ];
  const parameterRows: (PlanCell | null)[][] = [
    [text(fill(labels.purchasesTitle), "header")],
    ...purchases.parameters.map((v, i) =>
      parameter(labels.parameters[purchases.parameterNames[i]] ?? purchases.parameterNames[i], v)
    ),
    fact(labels.logLikelihood, purchases.logLikelihood, significantFormat(purchases.logLikelihood)),
    [text(labels.purchasesNotes[model], "note")],
    [],
    [text(labels.spendTitle, "header")],
  ];
  // A spend model whose mean is infinite (q ≤ 1) gives no numbers: treated as none.
  const spendModel = spend !== null && spend.q > 1 ? spend : null;
  const spendReason = `${labels.noSpendModel}: ${table.spendProblem ?? ""}`.replace(/: $/, "");
  if (spendModel) {
    parameterRows.push(
      parameter(labels.p, spendModel.p),
      parameter(labels.q, spendModel.q),
      parameter(labels.gamma, spendModel.gamma),
      fact(labels.customersUsed, spendModel.customersUsed, COUNT),
      fact(
        labels.logLikelihood,
        spendModel.logLikelihood,
        significantFormat(spendModel.logLikelihood)
      ),
      [text(labels.spendNote, "note")]
    );
    names.push(
      { name: "GammaGamma_P", cell: `B${R.p}` },
      { name: "GammaGamma_Q", cell: `B${R.q}` },
      { name: "GammaGamma_Gamma", cell: `B${R.gamma}` }
    );
  } else {
    parameterRows.push([text(spendReason, "note")], [], [], [], [], []);
  }
  parameterRows.push([], [text(labels.holdoutTitle, "header")]);
  if (holdout)
    parameterRows.push(
      fact(labels.holdoutLength, holdout.length, GENERAL),
      fact(labels.holdoutExpected, holdout.expectedTotal, DECIMAL),
      fact(labels.holdoutActual, holdout.actualTotal, COUNT)
    );
  else parameterRows.push([text(labels.noHoldout, "note")]);
  blocks.push({ topLeft: `A${R.r - 1}`, rows: parameterRows });

  // ---- customers ----
  // BG/NBD and MBG/NBD: r, α, a, b in these cells (Pareto/NBD's P(alive) is a value).
  const r = `$B$${R.r}`;
  const alpha = `$B$${R.alpha}`;
  const a = `$B$${R.a}`;
  const b = `$B$${R.b}`;
  const p = `$B$${R.p}`;
  const q = `$B$${R.q}`;
  const gamma = `$B$${R.gamma}`;
  const rows: (PlanCell | null)[][] = [
    [text(labels.tableTitle, "header")],
    [
      text(
        bgbb
          ? labels.tableNoteOpportunities
          : model === "PARETO_NBD"
            ? labels.tableNoteValues
            : labels.tableNote,
        "note"
      ),
    ],
    [
      labels.id,
      bgbb ? labels.opportunityFrequency : labels.frequency,
      fill(bgbb ? labels.opportunityRecency : labels.recency),
      fill(bgbb ? labels.opportunityAge : labels.age),
      labels.monetary,
      labels.pAlive,
      fill(labels.expectedPurchases),
      labels.expectedSpend,
      fill(labels.clv),
    ].map((h) => text(h, "header")),
  ];
  const { frequency, recency, age, monetary, customer } = customers;
  const idLabels = table.ids.labels;
  const noSpend = text(spendReason);
  for (let k = 0; k < n; k++) {
    const row = FIRST_CUSTOMER_ROW + k;
    const x = `B${row}`;
    // MBG/NBD: b+x where BG/NBD has b+x−1, and no exception for x = 0.
    const odds = model === "MBGNBD" ? `${a}/(${b}+${x})` : `${a}/(${b}+${x}-1)`;
    const delta = `LN(${odds})+(${r}+${x})*LN((${alpha}+D${row})/(${alpha}+C${row}))`;
    const capped = `EXP(-MAX(${delta},-${EXP_LIMIT}))`;
    const pAlive = pAliveValues
      ? value(table.pAlive[k], PERCENT)
      : formula(
          model === "MBGNBD" ? `=${capped}/(1+${capped})` : `=IF(${x}=0,1,${capped}/(1+${capped}))`,
          table.pAlive[k],
          PERCENT
        );
    const id = idLabels[customer[k]];
    const cells: (PlanCell | null)[] = [
      typeof id === "number" ? value(id, GENERAL) : text(id),
      value(frequency[k], COUNT),
      value(recency[k], DECIMAL),
      value(age[k], DECIMAL),
      value(monetary[k], DECIMAL),
      pAlive,
      value(table.expectedPurchases[k], DECIMAL),
    ];
    if (!spendModel) cells.push(noSpend, noSpend);
    else if (!Number.isFinite(table.expectedSpend[k]) || !Number.isFinite(table.clv[k]))
      cells.push(text(labels.spendUnavailable), text(labels.spendUnavailable));
    else
      cells.push(
        formula(
          `=${p}*(${gamma}+E${row}*${x})/(${p}*${x}+${q}-1)`,
          table.expectedSpend[k],
          DECIMAL
        ),
        value(table.clv[k], DECIMAL)
      );
    rows.push(cells);
  }
  blocks.push({ topLeft: `A${R.table}`, rows });
  blocks.push(atRiskBlock(table, labels, spendModel !== null));

  const columnWidths: Record<string, number> = { A: 30 };
  for (const column of ["B", "C", "D", "E", "F", "G", "H", "I"]) columnWidths[column] = 16;
  for (const column of ["K", "L", "M", "N", "O"]) columnWidths[column] = 16;
  return {
    sheetName: options.sheetName ?? labels.sheetName,
    blocks,
    names,
    columnWidths: widenForHeaders(blocks, columnWidths),
    charts: [],
    print: { orientation: "landscape" },
  };
}

/**
 * The at-risk list beside the customers, aligned with their title: the rule, a header, then one
 * row per customer (id, past value, P(alive), repeat purchases and, with a spend model, the CLV),
 * highest past value first. Values: a win-back list is a snapshot, and it stays short.
 */
function atRiskBlock(
  table: CustomerLifetimeTable,
  labels: CustomerLifetimeLabels,
  spend: boolean
): PlanBlock {
  const rows = atRiskCustomers(table);
  const percent = (v: number) => `${Math.round(v * 100)}%`;
  const rule = (spend ? labels.atRiskRule : labels.atRiskRulePurchases)
    .replace("{pAlive}", percent(AT_RISK_P_ALIVE))
    .replace("{share}", percent(AT_RISK_TOP_SHARE));
  const unit = unitName(labels, table.options.timeUnitDays);
  const clvHeader = labels.clv
    .replace("{unit}", unit)
    .replace("{horizon}", String(table.options.horizon));
  const header = [
    labels.id,
    spend ? labels.pastSpend : labels.pastPurchases,
    labels.pAlive,
    ...(spend ? [labels.frequency, clvHeader] : []),
  ].map((h) => text(h, "header"));
  const { customer, frequency } = table.customers;
  const body = Array.from(rows, (k): (PlanCell | null)[] => {
    const id = table.ids.labels[customer[k]];
    const cells: (PlanCell | null)[] = [
      typeof id === "number" ? value(id, GENERAL) : text(id),
      value(pastValue(table, k), spend ? DECIMAL : COUNT),
      value(table.pAlive[k], PERCENT),
    ];
    if (spend)
      cells.push(
        value(frequency[k], COUNT),
        Number.isFinite(table.clv[k]) ? value(table.clv[k], DECIMAL) : text(labels.spendUnavailable)
      );
    return cells;
  });
  return {
    topLeft: `${AT_RISK_COLUMN}${LIFETIME_ROWS.table}`,
    rows: [
      [text(labels.atRiskTitle, "header")],
      [text(rows.length > 0 ? rule : labels.atRiskNone, "note")],
      ...(rows.length > 0 ? [header, ...body] : []),
    ],
  };
}

/** The time unit in words: days, weeks, months, quarters and years (of DAYS_PER_YEAR) by name. */
function unitName(labels: CustomerLifetimeLabels, days: number): string {
  const word = unitWord(days);
  return word ? labels.units[word] : labels.units.other.replace("{days}", String(days));
}
