/**
 * Every string the report sheets show, in one object per language, so the pane and the CLI
 * can pick the user's language. Labels are written as literal text, never as formulas.
 */
import { labelsInChinese } from "./label-language";

export interface ReportLabels {
  sheetName: string;
  comparisonSheetName: string;
  title: string;
  comparisonTitle: string;
  scenario: string;
  date: string;
  currency: string;
  editHint: string;
  inputs: string;
  newCustomers: string;
  returningCustomers: string;
  total: string;
  unit: string;
  value: string;
  marketingSpend: string;
  overheads: string;
  customers: string;
  averageBill: string;
  retentionInputs: string;
  retentionRate: string;
  startCustomers: string;
  linked: string;
  linkedYes: string;
  linkedNo: string;
  discountRate: string;
  periods: string;
  timing: string;
  outputs: string;
  revenue: string;
  totalCost: string;
  profit: string;
  profitability: string;
  costPerCustomer: string;
  profitPerCustomer: string;
  spendPerCustomer: string;
  comparison: string;
  costRatio: string;
  extraProfitPerReturning: string;
  extraProfitShare: string;
  lifetimeValue: string;
  margin: string;
  ltv: string;
  cac: string;
  ltvToCac: string;
  cacPayback: string;
  sensitivity: string;
  sensitivityRows: string;
  sensitivityColumns: string;
  chartTitle: string;
  unitCustomers: string;
  unitPercent: string;
  unitPeriods: string;
  unitTimes: string;
  unitPerCustomer: string;
  item: string;
}

export const ENGLISH_REPORT_LABELS: ReportLabels = Object.freeze({
  sheetName: "Retention model",
  comparisonSheetName: "Compare scenarios",
  title: "Customer retention economics",
  comparisonTitle: "Scenario summary",
  scenario: "Scenario",
  date: "Date",
  currency: "Currency",
  editHint: "Inputs are plain values: change one and every output recalculates.",
  inputs: "Inputs",
  newCustomers: "New customers",
  returningCustomers: "Returning customers",
  total: "Total",
  unit: "Unit",
  value: "Value",
  marketingSpend: "Marketing / service spend",
  overheads: "Taxes and overheads",
  customers: "Customers",
  averageBill: "Average bill",
  retentionInputs: "Retention and lifetime value inputs",
  retentionRate: "Retention rate per period",
  startCustomers: "Customers at the start of the period",
  linked: "Returning customers = retention rate × start customers",
  linkedYes: "yes",
  linkedNo: "no",
  discountRate: "Discount rate per period",
  periods: "Periods (empty = unlimited)",
  timing: "Margin timing (0 = end of period, 1 = beginning)",
  outputs: "Outputs",
  revenue: "Revenue",
  totalCost: "Total cost",
  profit: "Profit",
  profitability: "Profitability",
  costPerCustomer: "Cost per customer",
  profitPerCustomer: "Profit per customer",
  spendPerCustomer: "Spend per customer",
  comparison: "New vs returning",
  costRatio: "Cost of a new customer ÷ cost of a returning one",
  extraProfitPerReturning: "Extra profit per returning customer",
  extraProfitShare: "Extra profit per returning customer, share",
  lifetimeValue: "Lifetime value of a returning customer",
  margin: "Margin per period (profit per returning customer)",
  ltv: "Lifetime value (LTV)",
  cac: "Acquisition cost per new customer (CAC)",
  ltvToCac: "LTV : CAC",
  cacPayback: "CAC payback",
  sensitivity: "Total profit if returning customers = retention rate × start customers",
  sensitivityRows: "Retention rate ↓ · returning average bill →",
  sensitivityColumns: "Returning average bill",
  chartTitle: "New vs returning customers, per customer",
  unitCustomers: "customers",
  unitPercent: "%",
  unitPeriods: "periods",
  unitTimes: "×",
  unitPerCustomer: "per customer",
  item: "Item",
});

export const CHINESE_REPORT_LABELS: ReportLabels = Object.freeze({
  sheetName: "留存模型",
  comparisonSheetName: "方案比较",
  title: "客户留存经济学",
  comparisonTitle: "方案摘要",
  scenario: "方案",
  date: "日期",
  currency: "货币",
  editHint: "输入为普通数值:修改任一输入,所有输出都会重新计算。",
  inputs: "输入",
  newCustomers: "新客户",
  returningCustomers: "回头客",
  total: "合计",
  unit: "单位",
  value: "数值",
  marketingSpend: "营销 / 服务支出",
  overheads: "税费及管理费用",
  customers: "客户数",
  averageBill: "平均客单价",
  retentionInputs: "留存与客户终身价值输入",
  retentionRate: "每期留存率",
  startCustomers: "期初客户数",
  linked: "回头客 = 留存率 × 期初客户数",
  linkedYes: "是",
  linkedNo: "否",
  discountRate: "每期折现率",
  periods: "期数(空 = 无限)",
  timing: "利润时点(0 = 期末,1 = 期初)",
  outputs: "输出",
  revenue: "收入",
  totalCost: "总成本",
  profit: "利润",
  profitability: "利润率",
  costPerCustomer: "每位客户成本",
  profitPerCustomer: "每位客户利润",
  spendPerCustomer: "每位客户支出",
  comparison: "新客户与回头客对比",
  costRatio: "新客户成本 ÷ 回头客成本",
  extraProfitPerReturning: "每位回头客多出的利润",
  extraProfitShare: "每位回头客多出的利润(比例)",
  lifetimeValue: "回头客终身价值",
  margin: "每期利润(每位回头客利润)",
  ltv: "客户终身价值(LTV)",
  cac: "每位新客户获客成本(CAC)",
  ltvToCac: "LTV : CAC",
  cacPayback: "CAC 回收期",
  sensitivity: "总利润(假设回头客 = 留存率 × 期初客户数)",
  sensitivityRows: "留存率 ↓ · 回头客平均客单价 →",
  sensitivityColumns: "回头客平均客单价",
  chartTitle: "新客户与回头客:每位客户",
  unitCustomers: "位",
  unitPercent: "%",
  unitPeriods: "期",
  unitTimes: "倍",
  unitPerCustomer: "每位客户",
  item: "项目",
});

/** Labels for a BCP-47 language tag (label-language.ts). */
export function reportLabelsFor(language: string): ReportLabels {
  return labelsInChinese(language) ? CHINESE_REPORT_LABELS : ENGLISH_REPORT_LABELS;
}
