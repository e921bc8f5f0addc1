/** The "Churn drivers" sheet's words, in English and Chinese (the pane passes the user's language). */
import { labelsInChinese } from "./label-language";

export interface ChurnDriversLabels {
  sheetName: string;
  title: string;
  data: string;
  shapeOrders: string;
  shapeSubscriptions: string;
  customers: string;
  churned: string;
  term: string;
  column: string;
  category: string;
  baseline: string;
  coefficient: string;
  standardError: string;
  hazardRatio: string;
  lower: string;
  upper: string;
  pValue: string;
  likelihoodRatioP: string;
  concordance: string;
  association: string;
  note: string;
}

const en: ChurnDriversLabels = {
  sheetName: "Churn drivers",
  title: "What goes with leaving (Cox model, Efron ties)",
  data: "Data",
  shapeOrders: "orders (each customer's first order)",
  shapeSubscriptions: "subscriptions (each customer's first subscription)",
  customers: "Customers",
  churned: "Churned",
  term: "Term",
  column: "Column",
  category: "Category",
  baseline: "Compared with",
  coefficient: "Coefficient",
  standardError: "Standard error",
  hazardRatio: "Hazard ratio",
  lower: "Lower 95%",
  upper: "Upper 95%",
  pValue: "p-value",
  likelihoodRatioP: "Likelihood-ratio test p-value",
  concordance: "Concordance",
  association: "This shows what goes with leaving, not what causes it.",
  note: "Computed by Retain from data outside the workbook. The hazard ratios, their intervals and the p-values are formulas over the coefficients and standard errors beside them.",
};

const zh: ChurnDriversLabels = {
  sheetName: "流失相关因素",
  title: "与流失相关的因素（Cox 模型，Efron 结处理）",
  data: "数据",
  shapeOrders: "订单（每位客户的首笔订单）",
  shapeSubscriptions: "订阅（每位客户的首个订阅）",
  customers: "客户数",
  churned: "已流失",
  term: "项",
  column: "列",
  category: "类别",
  baseline: "对比",
  coefficient: "系数",
  standardError: "标准误",
  hazardRatio: "风险比",
  lower: "95% 下限",
  upper: "95% 上限",
  pValue: "p 值",
  likelihoodRatioP: "似然比检验 p 值",
  concordance: "一致性指数",
  association: "这里显示的是与流失相关的因素，而不是流失的原因。",
  note: "由 Retain 根据工作簿之外的数据计算。风险比、其区间和 p 值是基于旁边系数和标准误的公式。",
};

export function churnDriversLabelsFor(language: string): ChurnDriversLabels {
  return labelsInChinese(language) ? zh : en;
}
