import { divisionByZero, finite, invalidNumber } from "../errors";

/** What one customer segment (new or returning) cost and brought in over a period. */
export interface SegmentInputs {
  /** Marketing (acquisition) spend for new customers, service spend for returning ones. */
  marketingSpend: number;
  /** Taxes and overheads attributed to the segment. */
  overheads: number;
  customers: number;
  averageBill: number;
}

export interface SegmentEconomics {
  revenue: number;
  totalCost: number;
  profit: number;
  /** profit ÷ revenue, a fraction. */
  profitability: number;
  /** total cost ÷ customers (the worked example's "average bill − profitability", unrounded). */
  costPerCustomer: number;
  profitPerCustomer: number;
  /** marketing spend ÷ customers: acquisition cost (CAC) for new customers. */
  spendPerCustomer: number;
}

export type SegmentField = keyof SegmentInputs;

/** Which fields are wrong and why; empty when the inputs can be evaluated. */
export function segmentProblems(inputs: SegmentInputs): Partial<Record<SegmentField, string>> {
  const problems: Partial<Record<SegmentField, string>> = {};
  const check = (field: SegmentField, ok: (v: number) => boolean, message: string) => {
    const v = inputs[field];
    if (!Number.isFinite(v)) problems[field] = "must be a number";
    else if (!ok(v)) problems[field] = message;
  };
  check("marketingSpend", (v) => v >= 0, "cannot be negative");
  check("overheads", (v) => v >= 0, "cannot be negative");
  check("customers", (v) => v > 0, "must be greater than 0");
  check("averageBill", (v) => v > 0, "must be greater than 0");
  return problems;
}

/**
 * What one customer costs the business: (spend + overheads) ÷ customers.
 * Equals average bill × (1 − profitability) exactly; “How a Business Keeps Its Customers: 16 Ways” rounds the margin and prints 28,230.
 */
export function customerCost(spend: number, customers: number, overheads: number = 0): number {
  if (spend < 0) throw invalidNumber("spend cannot be negative");
  if (overheads < 0) throw invalidNumber("overheads cannot be negative");
  if (customers < 0) throw invalidNumber("customers cannot be negative");
  if (customers === 0)
    throw divisionByZero("customers is 0: there is no one to spread the cost over");
  return finite((spend + overheads) / customers, "cost per customer");
}

export function segmentEconomics(inputs: SegmentInputs): SegmentEconomics {
  const problems = segmentProblems(inputs);
  const first = (Object.keys(problems) as SegmentField[])[0];
  if (first) throw invalidNumber(`${first} ${problems[first]}`);
  const { marketingSpend, overheads, customers, averageBill } = inputs;
  return economicsFromTotals(customers * averageBill, marketingSpend, overheads, customers);
}

/** The business as a whole: the segments' sums, with every ratio recomputed from the sums. */
export function combinedEconomics(segments: readonly SegmentInputs[]): SegmentEconomics {
  let revenue = 0;
  let marketingSpend = 0;
  let overheads = 0;
  let customers = 0;
  for (const s of segments) {
    segmentEconomics(s); // validates
    revenue += s.customers * s.averageBill;
    marketingSpend += s.marketingSpend;
    overheads += s.overheads;
    customers += s.customers;
  }
  return economicsFromTotals(revenue, marketingSpend, overheads, customers);
}

function economicsFromTotals(
  revenue: number,
  marketingSpend: number,
  overheads: number,
  customers: number
): SegmentEconomics {
  const totalCost = marketingSpend + overheads;
  const profit = revenue - totalCost;
  return {
    revenue: finite(revenue, "revenue"),
    totalCost: finite(totalCost, "total cost"),
    profit: finite(profit, "profit"),
    profitability: profit / revenue,
    costPerCustomer: totalCost / customers,
    profitPerCustomer: profit / customers,
    spendPerCustomer: marketingSpend / customers,
  };
}
