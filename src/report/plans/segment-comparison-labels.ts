/** The "Segment comparison" sheet's words, in English and Chinese (the pane passes the user's language). */
import { labelsInChinese } from "./label-language";

export interface SegmentComparisonLabels {
  sheetName: string;
  title: string;
  segmentBy: string;
  data: string;
  shapeOrders: string;
  shapeSubscriptions: string;
  units: Record<"day" | "week" | "month" | "quarter" | "year", string>;
  periodUnit: string;
  segment: string;
  blank: string;
  customers: string;
  churned: string;
  expected: string;
  median: string;
  medianLower: string;
  medianUpper: string;
  notReached: string;
  horizon: string;
  rmst: string;
  rmstError: string;
  rmstLower: string;
  rmstUpper: string;
  alpha: string;
  beta: string;
  nextAge: string;
  nextRetention: string;
  noFit: string;
  logRank: string;
  chiSquare: string;
  degreesOfFreedom: string;
  pValue: string;
  noTest: string;
  note: string;
}

const en: SegmentComparisonLabels = {
  sheetName: "Segment comparison",
  title: "Segment comparison",
  segmentBy: "Segment by",
  data: "Data",
  shapeOrders: "orders",
  shapeSubscriptions: "subscriptions",
  units: { day: "days", week: "weeks", month: "months", quarter: "quarters", year: "years" },
  periodUnit: "Times in",
  segment: "Segment",
  blank: "(blank)",
  customers: "Customers",
  churned: "Churned",
  expected: "Churn expected (log-rank)",
  median: "Median lifetime",
  medianLower: "Median lower 95%",
  medianUpper: "Median upper 95%",
  notReached: "not reached",
  horizon: "RMST horizon",
  rmst: "RMST (mean lifetime up to the horizon)",
  rmstError: "RMST standard error",
  rmstLower: "RMST lower 95%",
  rmstUpper: "RMST upper 95%",
  alpha: "sBG α",
  beta: "sBG β",
  nextAge: "Next age",
  nextRetention: "Fitted retention at the next age",
  noFit: "not enough data",
  logRank: "Log-rank test",
  chiSquare: "Chi-square",
  degreesOfFreedom: "Degrees of freedom",
  pValue: "p-value",
  noTest: "no test: fewer than two segments have churn",
  note: "Computed by Retain from data outside the workbook. The p-value and the fitted retention are formulas over the cells beside them.",
};

const zh: SegmentComparisonLabels = {
  sheetName: "细分对比",
  title: "细分对比",
  segmentBy: "细分依据",
  data: "数据",
  shapeOrders: "订单",
  shapeSubscriptions: "订阅",
  units: { day: "天", week: "周", month: "月", quarter: "季度", year: "年" },
  periodUnit: "时间单位",
  segment: "细分",
  blank: "（空白）",
  customers: "客户数",
  churned: "已流失",
  expected: "预期流失（对数秩检验）",
  median: "生命周期中位数",
  medianLower: "中位数 95% 下限",
  medianUpper: "中位数 95% 上限",
  notReached: "未达到",
  horizon: "RMST 时限",
  rmst: "RMST（时限内的平均生命周期）",
  rmstError: "RMST 标准误",
  rmstLower: "RMST 95% 下限",
  rmstUpper: "RMST 95% 上限",
  alpha: "sBG α",
  beta: "sBG β",
  nextAge: "下一期龄",
  nextRetention: "下一期龄的拟合留存率",
  noFit: "数据不足",
  logRank: "对数秩检验",
  chiSquare: "卡方",
  degreesOfFreedom: "自由度",
  pValue: "p 值",
  noTest: "无法检验：有流失的细分少于两个",
  note: "由 Retain 根据工作簿之外的数据计算。p 值和拟合留存率是基于旁边单元格的公式。",
};

export function segmentComparisonLabelsFor(language: string): SegmentComparisonLabels {
  return labelsInChinese(language) ? zh : en;
}
