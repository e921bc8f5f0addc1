/** The "Cohort analysis" sheet's words, in English and Chinese (the pane passes the user's language). */
import { labelsInChinese } from "./label-language";

export interface AnalysisLabels {
  sheetName: string;
  title: string;
  data: string;
  shapeOrders: string;
  shapeSubscriptions: string;
  period: string;
  units: Record<"day" | "week" | "month" | "quarter" | "year", string>;
  window: string;
  observedThrough: string;
  rows: string;
  customers: string;
  hint: string;
  periodTable: string;
  periodStart: string;
  start: string;
  won: string;
  end: string;
  kept: string;
  reactivated: string;
  churned: string;
  retention: string;
  revenueStart: string;
  revenueNew: string;
  expansion: string;
  contraction: string;
  revenueChurn: string;
  reactivation: string;
  revenueEnd: string;
  nrr: string;
  grr: string;
  retentionNote: string;
  sbgTitle: string;
  alpha: string;
  beta: string;
  cohortsFitted: string;
  logLikelihood: string;
  sbgNote: string;
  /** With {mae} and {max} (points, one decimal) and {age}. */
  sbgQuality: string;
  /** After sbgQuality when the fit is poor (sbg-fit-quality.ts). */
  sbgPoorFit: string;
  sbgUnavailable: string;
  age: string;
  projectedSurvival: string;
  projectedRetention: string;
  cohortCustomers: string;
  cohortShares: string;
  cohortRevenue: string;
  cohortRevenueShares: string;
  cohort: string;
  chartTitle: string;
}

export const ENGLISH_ANALYSIS_LABELS: AnalysisLabels = {
  sheetName: "Cohort analysis",
  title: "Cohort analysis",
  data: "Data",
  shapeOrders: "orders",
  shapeSubscriptions: "subscriptions",
  period: "Period",
  units: { day: "day", week: "week", month: "month", quarter: "quarter", year: "year" },
  window: "Activity window (periods)",
  observedThrough: "Observed through",
  rows: "Rows",
  customers: "Customers",
  hint: "Blue cells are counts and revenue from the data; grey cells are formulas over them. Change α or β and the projection follows.",
  periodTable: "Period retention",
  periodStart: "Period start",
  start: "Customers at start (S)",
  won: "New (N)",
  end: "Customers at end (E)",
  kept: "Kept",
  reactivated: "Reactivated",
  churned: "Churned",
  retention: "Retention (E − N) ÷ S",
  revenueStart: "Revenue at start",
  revenueNew: "New revenue",
  expansion: "Expansion",
  contraction: "Contraction",
  revenueChurn: "Churned revenue",
  reactivation: "Reactivation",
  revenueEnd: "Revenue at end",
  nrr: "NRR",
  grr: "GRR",
  retentionNote:
    "Retention, NRR and GRR are left empty where there is nothing at the start (S = 0, revenue at start = 0).",
  sbgTitle: "sBG fit across cohorts",
  alpha: "α",
  beta: "β",
  cohortsFitted: "Cohorts fitted",
  logLikelihood: "Log-likelihood",
  sbgNote:
    "S(0) = 1, S(t) = S(t−1)·(β+t−1)/(α+β+t−1). With orders a customer survives while still ordering (within the activity window), so reactivations blur churn.",
  sbgQuality:
    "Fit quality: the fit is {mae} percentage points from the cohorts' actual survival on average, at most {max} points (at age {age}).",
  sbgPoorFit:
    "This fit is poor (more than 3 points off on average, or more than 5 at one age), so its projection is doubtful: check it on held-out periods (the pane's sBG view can hold the last periods out), or use another model, such as the survival curve (Kaplan-Meier).",
  sbgUnavailable: "No sBG fit for this data",
  age: "Periods since acquisition",
  projectedSurvival: "Projected survival S(t)",
  projectedRetention: "Projected retention r(t)",
  cohortCustomers: "Active customers by cohort and periods since acquisition",
  cohortShares: "Share of each cohort active (heat map)",
  cohortRevenue: "Revenue by cohort and periods since acquisition",
  cohortRevenueShares: "Revenue ÷ the cohort's first-period revenue",
  cohort: "Cohort",
  chartTitle: "Cohort curves: share active",
};

export const CHINESE_ANALYSIS_LABELS: AnalysisLabels = {
  sheetName: "同期群分析",
  title: "同期群分析",
  data: "数据",
  shapeOrders: "订单",
  shapeSubscriptions: "订阅",
  period: "周期",
  units: { day: "日", week: "周", month: "月", quarter: "季度", year: "年" },
  window: "活跃窗口（周期数）",
  observedThrough: "观察截至",
  rows: "行数",
  customers: "客户数",
  hint: "蓝色单元格为数据中的计数和收入；灰色单元格为基于它们的公式。修改 α 或 β，预测随之变化。",
  periodTable: "各期留存",
  periodStart: "期初日期",
  start: "期初客户 (S)",
  won: "新客户 (N)",
  end: "期末客户 (E)",
  kept: "保留",
  reactivated: "重新激活",
  churned: "流失",
  retention: "留存率 (E − N) ÷ S",
  revenueStart: "期初收入",
  revenueNew: "新收入",
  expansion: "扩展",
  contraction: "收缩",
  revenueChurn: "流失收入",
  reactivation: "重新激活收入",
  revenueEnd: "期末收入",
  nrr: "净收入留存率",
  grr: "总收入留存率",
  retentionNote: "期初为零（S = 0 或期初收入 = 0）时，留存率、净收入留存率和总收入留存率留空。",
  sbgTitle: "跨同期群的 sBG 拟合",
  alpha: "α",
  beta: "β",
  cohortsFitted: "拟合的同期群",
  logLikelihood: "对数似然",
  sbgNote:
    "S(0) = 1，S(t) = S(t−1)·(β+t−1)/(α+β+t−1)。订单数据中，客户在活跃窗口内仍在下单即视为存续，因此重新激活会模糊流失。",
  sbgQuality:
    "拟合质量：拟合值与同期群实际存续率平均相差 {mae} 个百分点，最多相差 {max} 个百分点（第 {age} 期）。",
  sbgPoorFit:
    "此拟合较差（平均相差超过 3 个百分点，或某一期超过 5 个百分点），其预测值得怀疑：请用留出期检验（任务窗格的 sBG 视图可留出最后几期），或改用其他模型，例如生存曲线（Kaplan-Meier）。",
  sbgUnavailable: "此数据无法进行 sBG 拟合",
  age: "获客后周期数",
  projectedSurvival: "预测存续率 S(t)",
  projectedRetention: "预测留存率 r(t)",
  cohortCustomers: "按同期群和获客后周期数的活跃客户",
  cohortShares: "各同期群活跃占比（热力图）",
  cohortRevenue: "按同期群和获客后周期数的收入",
  cohortRevenueShares: "收入 ÷ 同期群首期收入",
  cohort: "同期群",
  chartTitle: "同期群曲线：活跃占比",
};

/** Labels for a BCP-47 language tag (label-language.ts). */
export function analysisLabelsFor(language: string): AnalysisLabels {
  return labelsInChinese(language) ? CHINESE_ANALYSIS_LABELS : ENGLISH_ANALYSIS_LABELS;
}
