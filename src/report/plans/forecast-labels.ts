/** Every string the "Plan" sheet shows, per language (labels are literal text, never formulas). */
import { labelsInChinese } from "./label-language";

export interface ForecastLabels {
  sheetName: string;
  title: (periods: number) => string;
  editHint: string;
  inputs: string;
  alpha: string;
  beta: string;
  revenuePerCustomer: string;
  margin: string;
  cac: string;
  uplift: string;
  period: string;
  existing: string;
  added: string;
  total: string;
  revenue: string;
  marginAmount: string;
  planned: string;
  low: (level: number) => string;
  high: (level: number) => string;
  intervalNote: (level: number) => string;
  todayBase: string;
  cohort: string;
  age: string;
  customersNow: string;
  newCustomerByAge: string;
  survival: string;
  cumulativeMargin: string;
  plannedCohorts: string;
  marginWithinPlan: string;
  ltvToCac: string;
  payback: string;
  beyondPlan: string;
  workingExisting: string;
  workingNew: string;
  chartTitle: string;
}

const en: ForecastLabels = {
  sheetName: "Plan",
  title: (n) => `Plan: customers and revenue for the next ${n} periods`,
  editHint:
    "Edit the blue cells (the inputs and the planned new customers); every forecast cell is a formula and follows.",
  inputs: "Inputs",
  alpha: "sBG α (churn shape)",
  beta: "sBG β (retention shape)",
  revenuePerCustomer: "Revenue per active customer per period",
  margin: "Margin",
  cac: "Acquisition cost per new customer",
  uplift: "Retention uplift (churn × (1 − uplift))",
  period: "Period",
  existing: "Today's customers still active",
  added: "New customers still active",
  total: "Customers",
  revenue: "Revenue",
  marginAmount: "Margin",
  planned: "New customers planned",
  low: (l) => `${Math.round(l * 100)}% range, low`,
  high: (l) => `${Math.round(l * 100)}% range, high`,
  intervalNote: (l) =>
    `The ${Math.round(l * 100)}% range is the model's prediction interval for the customers, as fitted, before any edit: values, not formulas.`,
  todayBase: "Today's customers by cohort",
  cohort: "Cohort",
  age: "Periods since start",
  customersNow: "Customers now",
  newCustomerByAge: "A new customer, by periods since acquisition",
  survival: "Share still active",
  cumulativeMargin: "Cumulative margin per customer",
  plannedCohorts: "Planned cohorts",
  marginWithinPlan: "Margin per customer by the plan's end",
  ltvToCac: "LTV : CAC",
  payback: "Payback (periods from acquisition)",
  beyondPlan: "beyond the plan",
  workingExisting: "Working: each of today's cohorts, period by period",
  workingNew: "Working: each planned cohort, period by period",
  chartTitle: "Customers by period",
};

const zh: ForecastLabels = {
  sheetName: "计划",
  title: (n) => `计划：未来 ${n} 期的客户与收入`,
  editHint: "可修改蓝色单元格（输入值和计划新客数）；所有预测单元格都是公式，会随之更新。",
  inputs: "输入",
  alpha: "sBG α（流失形状）",
  beta: "sBG β（留存形状）",
  revenuePerCustomer: "每位活跃客户每期收入",
  margin: "毛利率",
  cac: "每位新客的获客成本",
  uplift: "留存提升（流失 ×（1 − 提升））",
  period: "期",
  existing: "现有客户中仍活跃",
  added: "新客中仍活跃",
  total: "客户数",
  revenue: "收入",
  marginAmount: "毛利",
  planned: "计划新客数",
  low: (l) => `${Math.round(l * 100)}% 区间下限`,
  high: (l) => `${Math.round(l * 100)}% 区间上限`,
  intervalNote: (l) =>
    `${Math.round(l * 100)}% 区间是模型按拟合结果（未经修改）给出的客户数预测区间：为数值，不是公式。`,
  todayBase: "现有客户（按同期群）",
  cohort: "同期群",
  age: "开始后的期数",
  customersNow: "当前客户数",
  newCustomerByAge: "一位新客，按获客后的期数",
  survival: "仍活跃比例",
  cumulativeMargin: "每位客户累计毛利",
  plannedCohorts: "计划的同期群",
  marginWithinPlan: "计划期末前每位客户的毛利",
  ltvToCac: "LTV : CAC",
  payback: "回本期数（自获客起）",
  beyondPlan: "超出计划期",
  workingExisting: "计算过程：现有各同期群，逐期",
  workingNew: "计算过程：计划的各同期群，逐期",
  chartTitle: "各期客户数",
};

export function forecastLabelsFor(language: string): ForecastLabels {
  return labelsInChinese(language) ? zh : en;
}
