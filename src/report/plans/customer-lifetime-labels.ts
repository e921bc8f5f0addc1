/**
 * The "Customer lifetime" sheet's words, in English and Chinese (the pane passes the user's
 * language). Plain strings only (so they can cross to a worker); {unit}, {horizon}, {days} and
 * {model} (the purchase model's name, "MBG/NBD") are filled in by the plan.
 */
import { labelsInChinese } from "./label-language";
import type { LifetimeModelName } from "../../model/buyers/customer-lifetime";

export interface CustomerLifetimeLabels {
  sheetName: string;
  title: string;
  /** The time unit in words: a day, a week and a month (clv.ts's DAYS_PER_YEAR / 12) have names; any other length is {days} days. */
  units: { day: string; week: string; month: string; quarter: string; year: string; other: string };
  timeUnit: string;
  /** Beside the time unit: what is measured in it ({unit}). */
  timeUnitNote: string;
  horizon: string;
  annualDiscountRate: string;
  discountRatePerUnit: string;
  observedThrough: string;
  calibrationEnd: string;
  holdoutDays: string;
  /** BG/BB: the opportunity's length in days, what is counted in it ({unit}), the holdout. */
  opportunityLength: string;
  opportunityNote: string;
  holdoutOpportunities: string;
  customers: string;
  /** Beside the customer count: how many bought only once ({count}) and what BG/NBD cannot see in them. */
  oneTimeNote: string;
  /** Beside the customer count under MBG/NBD and Pareto/NBD ({count}, {model}): one-time buyers have a chance of their own. */
  oneTimeNoteOwnChance: string;
  hint: string;
  /** The hint when P(alive) is a value too (Pareto/NBD). */
  hintValues: string;
  purchasesTitle: string;
  /** Each model parameter's label by its name in the model's parameterNames. */
  parameters: Record<string, string>;
  /** The P(alive) formula, or why it is a value, per purchase model. */
  purchasesNotes: Record<LifetimeModelName, string>;
  r: string;
  alpha: string;
  a: string;
  b: string;
  logLikelihood: string;
  purchasesNote: string;
  spendTitle: string;
  p: string;
  q: string;
  gamma: string;
  customersUsed: string;
  spendNote: string;
  noSpendModel: string;
  holdoutTitle: string;
  holdoutLength: string;
  holdoutExpected: string;
  holdoutActual: string;
  noHoldout: string;
  tableTitle: string;
  tableNote: string;
  /** The table's note when P(alive) is a value too (Pareto/NBD). */
  tableNoteValues: string;
  /** The table's note for BG/BB (its sums over opportunities are values). */
  tableNoteOpportunities: string;
  /** BG/BB's x, t_x and n, counted in opportunities ({unit}). */
  opportunityFrequency: string;
  opportunityRecency: string;
  opportunityAge: string;
  id: string;
  frequency: string;
  recency: string;
  age: string;
  monetary: string;
  pAlive: string;
  /** With {horizon} and {unit}. */
  expectedPurchases: string;
  expectedSpend: string;
  /** With {horizon} and {unit}. */
  clv: string;
  /** A spend cell of a customer the spend model gives no number for (spend model present). */
  spendUnavailable: string;
  /** The at-risk list (customer-lifetime.ts atRiskCustomers), beside the customers. */
  atRiskTitle: string;
  /** The rule, with {pAlive} (a percentage) and {share} (the top share, a percentage). */
  atRiskRule: string;
  /** The same rule when there is no spend model (past value = repeat purchases). */
  atRiskRulePurchases: string;
  atRiskNone: string;
  pastSpend: string;
  pastPurchases: string;
}

/** The models' parameters go by their symbols in every language. */
const PARAMETER_SYMBOLS = {
  r: "r",
  alpha: "α",
  a: "a",
  b: "b",
  p: "p",
  q: "q",
  gamma: "γ",
};
const MODEL_PARAMETERS = {
  r: "r",
  alpha: "α",
  a: "a",
  b: "b",
  s: "s",
  beta: "β",
  gamma: "γ",
  delta: "δ",
};

export const ENGLISH_CUSTOMER_LIFETIME_LABELS: CustomerLifetimeLabels = {
  sheetName: "Customer lifetime",
  title: "Customers who may have left: {model} and Gamma-Gamma lifetime value",
  units: {
    day: "days",
    week: "weeks",
    month: "months",
    quarter: "quarters",
    year: "years",
    other: "periods of {days} days",
  },
  timeUnit: "Time unit (days)",
  timeUnitNote: "t_x, T, α, the horizon and the holdout length are in {unit}",
  horizon: "Horizon (time units)",
  annualDiscountRate: "Discount rate per year",
  discountRatePerUnit: "Discount rate per time unit",
  observedThrough: "Observed through",
  calibrationEnd: "Calibration ends (models fitted on orders up to here)",
  holdoutDays: "Holdout (days)",
  opportunityLength: "Opportunity length (days)",
  opportunityNote:
    "BG/BB counts opportunities, one per calendar period ({unit}): a customer buys at most once in each. t_x, n, the horizon and the holdout are whole {unit}",
  holdoutOpportunities: "Holdout (opportunities)",
  customers: "Customers",
  oneTimeNote:
    "{count} of them bought only once. BG/NBD cannot see such a customer leave, so it gives each of them P(alive) = 100%, however long ago they bought: read their 100% as unknown, not as loyal.",
  oneTimeNoteOwnChance:
    "{count} of them bought only once. {model} gives each of them a chance of still buying of their own, lower the longer ago they bought.",
  hint: "Blue cells are the fitted parameters: change one and P(alive) and the expected spend follow. Expected purchases and CLV are values (see the table's note).",
  hintValues:
    "Blue cells are the fitted parameters: change one and the expected spend follows. P(alive), expected purchases and CLV are values (see the table's note).",
  purchasesTitle: "{model} purchases",
  ...PARAMETER_SYMBOLS,
  parameters: MODEL_PARAMETERS,
  logLikelihood: "Log-likelihood",
  purchasesNote:
    "P(alive) = 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), written with the power in logs so heavy buyers never overflow.",
  purchasesNotes: {
    BGNBD:
      "P(alive) = 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), written with the power in logs so heavy buyers never overflow.",
    MBGNBD:
      "P(alive) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)), one-time buyers included, written with the power in logs so heavy buyers never overflow.",
    PARETO_NBD:
      "Pareto/NBD's P(alive) needs the hypergeometric function ₂F₁, which Excel does not have: it is a value computed by the add-in for these parameters.",
    BGBB: "BG/BB's P(alive) is a sum over every opportunity after the customer's last purchase: it is a value computed by the add-in for these parameters.",
  },
  spendTitle: "Gamma-Gamma spend",
  customersUsed: "Customers used (those who bought again, x > 0)",
  spendNote: "Expected spend per purchase E[M | x, m] = p·(γ + m·x) / (p·x + q − 1).",
  noSpendModel: "No spend model",
  holdoutTitle: "Holdout check",
  holdoutLength: "Holdout length (time units)",
  holdoutExpected: "Expected purchases in the holdout (value)",
  holdoutActual: "Actual purchases in the holdout",
  noHoldout: "No holdout: the models were fitted on all the orders.",
  tableTitle: "Customers",
  tableNote:
    "P(alive) and expected spend are formulas of the row and the parameters above. Expected purchases and CLV need the hypergeometric function ₂F₁, which Excel does not have: they are values computed by the add-in for the parameters above, and do not follow edits.",
  tableNoteValues:
    "Expected spend is a formula of the row and the parameters above. P(alive), expected purchases and CLV need the hypergeometric function ₂F₁, which Excel does not have: they are values computed by the add-in for the parameters above, and do not follow edits.",
  tableNoteOpportunities:
    "Expected spend (per opportunity with a purchase) is a formula of the row and the parameters above. P(alive), expected purchases and CLV are BG/BB's sums over the customer's past and future opportunities: values computed by the add-in for the parameters above, and do not follow edits.",
  opportunityFrequency: "Opportunities with a repeat purchase (x)",
  opportunityRecency: "Last opportunity with a purchase, in {unit} after the first (t_x)",
  opportunityAge: "Opportunities since the first purchase, {unit} (n)",
  id: "Customer",
  frequency: "Repeat purchases (x)",
  recency: "Time from first to last purchase, {unit} (t_x)",
  age: "Time since first purchase, {unit} (T)",
  monetary: "Mean repeat spend (m)",
  pAlive: "Chance still buying, P(alive)",
  expectedPurchases: "Expected purchases, next {horizon} {unit} (value)",
  expectedSpend: "Expected spend per purchase",
  clv: "CLV, next {horizon} {unit}, discounted (value)",
  spendUnavailable: "No expected spend for this customer",
  atRiskTitle: "At risk: valuable customers who may have left",
  atRiskRule:
    "Repeat customers whose chance of still buying (P(alive)) is below {pAlive} and whose past repeat spend is in the top {share} of repeat customers, highest first: a list for a win-back campaign. Values, as the add-in computed them.",
  atRiskRulePurchases:
    "Repeat customers whose chance of still buying (P(alive)) is below {pAlive} and whose repeat purchases are in the top {share} of repeat customers, most first: a list for a win-back campaign. Values, as the add-in computed them.",
  atRiskNone: "No customer is at risk by this rule.",
  pastSpend: "Past repeat spend",
  pastPurchases: "Repeat purchases",
};

export const CHINESE_CUSTOMER_LIFETIME_LABELS: CustomerLifetimeLabels = {
  sheetName: "客户生命周期",
  title: "可能已流失的客户：{model} 与 Gamma-Gamma 客户终身价值",
  units: {
    day: "日",
    week: "周",
    month: "月",
    quarter: "季度",
    year: "年",
    other: "{days} 天的周期",
  },
  timeUnit: "时间单位（天）",
  timeUnitNote: "t_x、T、α、预测期和留出期均以{unit}为单位",
  horizon: "预测期（时间单位）",
  annualDiscountRate: "年折现率",
  discountRatePerUnit: "每时间单位折现率",
  observedThrough: "观察截至",
  calibrationEnd: "校准截至（模型基于此日及之前的订单拟合）",
  holdoutDays: "留出期（天）",
  opportunityLength: "购买机会长度（天）",
  opportunityNote:
    "BG/BB 按购买机会计数，每个日历周期（{unit}）一次：客户在每个机会中最多购买一次。t_x、n、预测期和留出期均为整数个{unit}",
  holdoutOpportunities: "留出期（机会数）",
  customers: "客户数",
  oneTimeNote:
    "其中 {count} 位只购买过一次。BG/NBD 看不到这类客户流失，无论他们多久以前购买，都给出 P(存活) = 100%：这个 100% 表示未知，而不是忠诚。",
  oneTimeNoteOwnChance:
    "其中 {count} 位只购买过一次。{model} 为他们每人给出各自的仍在购买概率，购买越久远，概率越低。",
  hint: "蓝色单元格为拟合参数：修改后 P(存活) 和预期消费随之变化。预期购买次数和 CLV 为数值（见表格说明）。",
  hintValues:
    "蓝色单元格为拟合参数：修改后预期消费随之变化。P(存活)、预期购买次数和 CLV 为数值（见表格说明）。",
  purchasesTitle: "{model} 购买模型",
  ...PARAMETER_SYMBOLS,
  parameters: MODEL_PARAMETERS,
  logLikelihood: "对数似然",
  purchasesNote:
    "P(存活) = 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))，幂次以对数计算，高频客户也不会溢出。",
  purchasesNotes: {
    BGNBD:
      "P(存活) = 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))，幂次以对数计算，高频客户也不会溢出。",
    MBGNBD:
      "P(存活) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x))，包括只购买一次的客户，幂次以对数计算，高频客户也不会溢出。",
    PARETO_NBD:
      "Pareto/NBD 的 P(存活) 需要 Excel 没有的超几何函数 ₂F₁：它是加载项按这些参数计算的数值。",
    BGBB: "BG/BB 的 P(存活) 是对客户最近一次购买之后每个机会的求和：它是加载项按这些参数计算的数值。",
  },
  spendTitle: "Gamma-Gamma 消费模型",
  customersUsed: "使用的客户（有重复购买者，x > 0）",
  spendNote: "每次购买的预期消费 E[M | x, m] = p·(γ + m·x) / (p·x + q − 1)。",
  noSpendModel: "无消费模型",
  holdoutTitle: "留出期检验",
  holdoutLength: "留出期长度（时间单位）",
  holdoutExpected: "留出期预期购买次数（数值）",
  holdoutActual: "留出期实际购买次数",
  noHoldout: "无留出期：模型基于全部订单拟合。",
  tableTitle: "客户",
  tableNote:
    "P(存活) 和预期消费是本行及上方参数的公式。预期购买次数和 CLV 需要 Excel 没有的超几何函数 ₂F₁：它们是加载项按上方参数计算的数值，不随修改而变化。",
  tableNoteValues:
    "预期消费是本行及上方参数的公式。P(存活)、预期购买次数和 CLV 需要 Excel 没有的超几何函数 ₂F₁：它们是加载项按上方参数计算的数值，不随修改而变化。",
  tableNoteOpportunities:
    "预期消费（每个有购买的机会）是本行及上方参数的公式。P(存活)、预期购买次数和 CLV 是 BG/BB 对客户过去和未来各机会的求和：它们是加载项按上方参数计算的数值，不随修改而变化。",
  opportunityFrequency: "有重复购买的机会数 (x)",
  opportunityRecency: "最近一次购买的机会，首次之后的{unit}数 (t_x)",
  opportunityAge: "首次购买以来的机会数，{unit} (n)",
  id: "客户",
  frequency: "重复购买次数 (x)",
  recency: "首次到最近一次购买的时间，{unit} (t_x)",
  age: "距首次购买的时间，{unit} (T)",
  monetary: "重复购买平均金额 (m)",
  pAlive: "仍在购买的概率 P(存活)",
  expectedPurchases: "未来 {horizon} {unit}预期购买次数（数值）",
  expectedSpend: "每次购买的预期消费",
  clv: "未来 {horizon} {unit}折现 CLV（数值）",
  spendUnavailable: "此客户无预期消费",
  atRiskTitle: "流失风险：可能已流失的高价值客户",
  atRiskRule:
    "仍在购买的概率 (P(存活)) 低于 {pAlive}、且过往重复购买金额位于重复购买客户前 {share} 的客户，按金额从高到低：可用于挽回活动。均为加载项计算的数值。",
  atRiskRulePurchases:
    "仍在购买的概率 (P(存活)) 低于 {pAlive}、且重复购买次数位于重复购买客户前 {share} 的客户，按次数从多到少：可用于挽回活动。均为加载项计算的数值。",
  atRiskNone: "按此规则没有流失风险客户。",
  pastSpend: "过往重复购买金额",
  pastPurchases: "重复购买次数",
};

/** Labels for a BCP-47 language tag (label-language.ts). */
export function customerLifetimeLabelsFor(language: string): CustomerLifetimeLabels {
  return labelsInChinese(language)
    ? CHINESE_CUSTOMER_LIFETIME_LABELS
    : ENGLISH_CUSTOMER_LIFETIME_LABELS;
}
