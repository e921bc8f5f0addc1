/**
 * The model's quantities as native Excel formulas. One definition serves the report sheet
 * (every quantity in its own cell) and the comparison sheet (some quantities inlined), so
 * both compute exactly what src/model computes, in the same order of operations (results
 * then agree to the last bit, not just roughly).
 */
import { Scenario, ScenarioResults } from "../../model/economics/scenario";
import { SegmentInputs } from "../../model/economics/segment";
import { NumberFormat, PlanCell } from "../sheet-plan";
import { ECONOMICS_FIELDS, EconomicsField, OutputKey } from "../../model/economics/quantities";

type Segment = "new" | "returning";

export type InputQuantity =
  | `${Segment}.${keyof SegmentInputs}`
  | "retention.rate"
  | "retention.startCustomers"
  | "ltv.discountRate"
  | "ltv.periods"
  | "ltv.timing";

/** The report names its outputs exactly as the model does (src/model/quantities.ts). */
export type OutputQuantity = OutputKey;

export type Quantity = InputQuantity | OutputQuantity;

export { ECONOMICS_FIELDS };

/** A segment's inputs, in the order the sheets list them. */
export const SEGMENT_INPUTS = [
  "marketingSpend",
  "overheads",
  "customers",
  "averageBill",
] as const satisfies readonly (keyof SegmentInputs)[];

/** Where a quantity sits: a cell reference, or undefined when it has no cell (then it is inlined). */
export type Placement = (q: Quantity) => string | undefined;

/** True when the quantity is a formula in this scenario (returning customers are, when linked). */
export function isFormula(q: Quantity, scenario: Scenario): boolean {
  if (q === "returning.customers") return scenario.retention.linked;
  return !isInput(q);
}

function isInput(q: Quantity): q is InputQuantity {
  return (
    /^(new|returning)\.(marketingSpend|overheads|customers|averageBill)$/.test(q) ||
    q.startsWith("retention.") ||
    ["ltv.discountRate", "ltv.periods", "ltv.timing"].includes(q)
  );
}

/**
 * The formula for a quantity, without the leading "=". Operands that have a cell are referenced;
 * the others are inlined in parentheses. Inputs must have a cell.
 */
export function formulaBody(q: Quantity, scenario: Scenario, placed: Placement): string {
  const operand = (p: Quantity): string => {
    const ref = placed(p);
    if (ref) return ref;
    if (!isFormula(p, scenario)) throw new Error(`input ${p} has no cell`);
    return `(${formulaBody(p, scenario, placed)})`;
  };
  const [group, field] = q.split(".") as [string, string];
  if (q === "returning.customers")
    return `${operand("retention.rate")}*${operand("retention.startCustomers")}`;
  if (group === "new" || group === "returning") {
    const seg = group as Segment;
    const at = (f: keyof SegmentInputs | EconomicsField) => operand(`${seg}.${f}` as Quantity);
    switch (field as EconomicsField) {
      case "revenue":
        return `${at("customers")}*${at("averageBill")}`;
      case "totalCost":
        return `${at("marketingSpend")}+${at("overheads")}`;
      case "profit":
        return `${at("revenue")}-${at("totalCost")}`;
      case "profitability":
        return `${at("profit")}/${at("revenue")}`;
      case "costPerCustomer":
        return `${at("totalCost")}/${at("customers")}`;
      case "profitPerCustomer":
        return `${at("profit")}/${at("customers")}`;
      case "spendPerCustomer":
        return `${at("marketingSpend")}/${at("customers")}`;
    }
  }
  if (group === "total") {
    // The model sums spend and overheads separately, then adds (combinedEconomics): same order here.
    const spend = `(${operand("new.marketingSpend")}+${operand("returning.marketingSpend")})`;
    const overheads = `(${operand("new.overheads")}+${operand("returning.overheads")})`;
    const customers = `(${operand("new.customers")}+${operand("returning.customers")})`;
    switch (field as EconomicsField) {
      case "revenue":
        return `${operand("new.revenue")}+${operand("returning.revenue")}`;
      case "totalCost":
        return `${spend}+${overheads}`;
      case "profit":
        return `${operand("total.revenue")}-${operand("total.totalCost")}`;
      case "profitability":
        return `${operand("total.profit")}/${operand("total.revenue")}`;
      case "costPerCustomer":
        return `${operand("total.totalCost")}/${customers}`;
      case "profitPerCustomer":
        return `${operand("total.profit")}/${customers}`;
      case "spendPerCustomer":
        return `${spend}/${customers}`;
    }
  }
  switch (q) {
    case "comparison.costRatio":
      return `${operand("new.costPerCustomer")}/${operand("returning.costPerCustomer")}`;
    case "comparison.extraProfitPerReturning":
      return `${operand("returning.profitPerCustomer")}-${operand("new.profitPerCustomer")}`;
    case "comparison.extraProfitShare":
      return `${operand("returning.profitPerCustomer")}/${operand("new.profitPerCustomer")}-1`;
    case "ltv.margin":
      return operand("returning.profitPerCustomer");
    case "ltv.cac":
      return operand("new.spendPerCustomer");
    case "ltv.ltvToCac":
      return `${operand("ltv.value")}/${operand("ltv.cac")}`;
    case "ltv.cacPaybackPeriods":
      return `${operand("ltv.cac")}/${operand("ltv.margin")}`;
    case "ltv.value":
      return lifetimeValueFormula(
        operand("ltv.margin"),
        operand("retention.rate"),
        operand("ltv.discountRate"),
        operand("ltv.periods"),
        operand("ltv.timing")
      );
  }
  throw new Error(`no formula for ${q}`);
}

/**
 * docs/definitions.md §4 closed forms, as src/model/ltv.ts computes them: margin × timing × annuity with
 * timing = 1 (type 1) or 1/(1+d) (type 0) and annuity = Σ_{t<T} q^t, q = r/(1+d):
 * (1+d)/(1+d−r) when the periods cell is empty (unlimited), T when q = 1, else (1−q^T)/(1−q).
 * Periods are truncated like the model; an empty periods cell means no limit.
 */
function lifetimeValueFormula(
  margin: string,
  rate: string,
  discount: string,
  periods: string,
  timing: string
): string {
  const growth = `(1+${discount})`;
  const gap = `(${growth}-${rate})`;
  const timingFactor = `IF(${timing}=1,1,1/${growth})`;
  const unlimited = `${growth}/${gap}`;
  const finite = `IF(${gap}=0,TRUNC(${periods}),(1-(${rate}/${growth})^TRUNC(${periods}))/(${gap}/${growth}))`;
  return `${margin}*${timingFactor}*IF(${periods}="",${unlimited},${finite})`;
}

/** The model's value for a quantity (what the formula must evaluate to). Non-finite = a #DIV/0! in Excel. */
export function modelValue(q: Quantity, scenario: Scenario, results: ScenarioResults): number {
  const [group, field] = q.split(".") as [string, string];
  if (group === "new" || group === "returning") {
    if (field in results.inputs[group]) return results.inputs[group][field as keyof SegmentInputs];
    return results[group][field as EconomicsField];
  }
  if (group === "total") return results.total[field as EconomicsField];
  if (group === "comparison")
    return results.comparison[field as keyof ScenarioResults["comparison"]];
  if (group === "retention") return scenario.retention[field as "rate" | "startCustomers"];
  switch (q) {
    case "ltv.discountRate":
      return scenario.ltv.discountRate;
    case "ltv.periods":
      return scenario.ltv.periods ?? NaN;
    case "ltv.timing":
      return scenario.ltv.timing;
  }
  return results.ltv[field as keyof ScenarioResults["ltv"]];
}

const NAME_PARTS: Record<string, string> = {
  new: "New",
  returning: "Returning",
  total: "Total",
  retention: "Retention",
  ltv: "LTV",
  comparison: "Comparison",
  cac: "CAC",
  ltvToCac: "ToCAC",
  cacPaybackPeriods: "CACPaybackPeriods",
};

/** The sheet-scoped defined name of a quantity: "new.marketingSpend" → "New_MarketingSpend", "ltv.cac" → "LTV_CAC". */
export function definedName(q: Quantity): string {
  const [group, field] = q.split(".") as [string, string];
  const tail = NAME_PARTS[field] ?? field.charAt(0).toUpperCase() + field.slice(1);
  return `${NAME_PARTS[group]}_${tail}`;
}

/** How a quantity is shown: money in the scenario's currency, rates as %, counts and ratios plain. */
export function formatOf(q: Quantity, currency: string): NumberFormat {
  const money: NumberFormat = { kind: "currency", currency };
  if (/\.customers$|startCustomers$/.test(q)) return { kind: "count" };
  if (/profitability$|retention\.rate$|discountRate$|extraProfitShare$/.test(q))
    return { kind: "percent" };
  if (/periods$|ltv\.timing$|ltvToCac$|costRatio$|cacPaybackPeriods$/i.test(q))
    return { kind: q === "ltv.timing" || q === "ltv.periods" ? "general" : "decimal" };
  return money;
}

/**
 * A quantity's cell on either sheet: a formula over the placed cells (expected: the model's
 * value), or the input's value; an unlimited horizon is an empty input cell.
 */
export function quantityCell(
  q: Quantity,
  scenario: Scenario,
  results: ScenarioResults,
  placed: Placement
): PlanCell {
  const format = formatOf(q, scenario.currency);
  if (isFormula(q, scenario))
    return {
      kind: "formula",
      formula: `=${formulaBody(q, scenario, placed)}`,
      expected: modelValue(q, scenario, results),
      format,
      style: "output",
    };
  if (q === "ltv.periods" && scenario.ltv.periods === null)
    return { kind: "blank", format, style: "input" };
  return { kind: "number", value: modelValue(q, scenario, results), format, style: "input" };
}
