/**
 * The "Customer lifetime" sheet's words, in English and Chinese (the pane passes the user's
 * language). Plain strings only (so they can cross to a worker); {unit}, {horizon} and {days}
 * are filled in by the plan.
 */
import { labelsInChinese } from "./label-language";

export interface CustomerLifetimeLabels {
  sheetName: string;
  title: string;
  /** The time unit in words: a day, a week and a month (clv.ts's DAYS_PER_YEAR / 12) have names; any other length is {days} days. */
  units: { day: string; week: string; month: string; other: string };
  timeUnit: string;
  /** Beside the time unit: what is measured in it ({unit}). */
  timeUnitNote: string;
  horizon: string;
  annualDiscountRate: string;
  discountRatePerUnit: string;
  observedThrough: string;
  calibrationEnd: string;
  holdoutDays: string;
  customers: string;
  hint: string;
  purchasesTitle: string;
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

export const ENGLISH_CUSTOMER_LIFETIME_LABELS: CustomerLifetimeLabels = {
  sheetName: "Customer lifetime",
  title: "Customers who may have left: BG/NBD and Gamma-Gamma lifetime value",
  units: { day: "days", week: "weeks", month: "months", other: "periods of {days} days" },
  timeUnit: "Time unit (days)",
  timeUnitNote: "t_x, T, α, the horizon and the holdout length are in {unit}",
  horizon: "Horizon (time units)",
  annualDiscountRate: "Discount rate per year",
  discountRatePerUnit: "Discount rate per time unit",
  observedThrough: "Observed through",
  calibrationEnd: "Calibration ends (models fitted on orders up to here)",
  holdoutDays: "Holdout (days)",
  customers: "Customers",
  hint: "Blue cells are the fitted parameters: change one and P(alive) and the expected spend follow. Expected purchases and CLV are values (see the table's note).",
  purchasesTitle: "BG/NBD purchases",
  ...PARAMETER_SYMBOLS,
  logLikelihood: "Log-likelihood",
  purchasesNote:
    "P(alive) = 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), written with the power in logs so heavy buyers never overflow.",
  spendTitle: "Gamma-Gamma spend",
  customersUsed: "Customers used (x > 0)",
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
  id: "Customer",
  frequency: "Repeat purchases (x)",
  recency: "Recency (t_x)",
  age: "Age (T)",
  monetary: "Mean repeat spend (m)",
  pAlive: "P(alive)",
  expectedPurchases: "Expected purchases, next {horizon} {unit} (value)",
  expectedSpend: "Expected spend per purchase",
  clv: "CLV, next {horizon} {unit}, discounted (value)",
  spendUnavailable: "No expected spend for this customer",
};

export const CHINESE_CUSTOMER_LIFETIME_LABELS: CustomerLifetimeLabels = {
  sheetName: "客户生命周期",
  title: "可能已流失的客户：BG/NBD 与 Gamma-Gamma 客户终身价值",
  units: { day: "日", week: "周", month: "月", other: "{days} 天的周期" },
  timeUnit: "时间单位（天）",
  timeUnitNote: "t_x、T、α、预测期和留出期均以{unit}为单位",
  horizon: "预测期（时间单位）",
  annualDiscountRate: "年折现率",
  discountRatePerUnit: "每时间单位折现率",
  observedThrough: "观察截至",
  calibrationEnd: "校准截至（模型基于此日及之前的订单拟合）",
  holdoutDays: "留出期（天）",
  customers: "客户数",
  hint: "蓝色单元格为拟合参数：修改后 P(存活) 和预期消费随之变化。预期购买次数和 CLV 为数值（见表格说明）。",
  purchasesTitle: "BG/NBD 购买模型",
  ...PARAMETER_SYMBOLS,
  logLikelihood: "对数似然",
  purchasesNote:
    "P(存活) = 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))，幂次以对数计算，高频客户也不会溢出。",
  spendTitle: "Gamma-Gamma 消费模型",
  customersUsed: "使用的客户（x > 0）",
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
  id: "客户",
  frequency: "重复购买次数 (x)",
  recency: "最近购买时间 (t_x)",
  age: "客户年龄 (T)",
  monetary: "重复购买平均金额 (m)",
  pAlive: "P(存活)",
  expectedPurchases: "未来 {horizon} {unit}预期购买次数（数值）",
  expectedSpend: "每次购买的预期消费",
  clv: "未来 {horizon} {unit}折现 CLV（数值）",
  spendUnavailable: "此客户无预期消费",
};

/** Labels for a BCP-47 language tag (label-language.ts). */
export function customerLifetimeLabelsFor(language: string): CustomerLifetimeLabels {
  return labelsInChinese(language)
    ? CHINESE_CUSTOMER_LIFETIME_LABELS
    : ENGLISH_CUSTOMER_LIFETIME_LABELS;
}
