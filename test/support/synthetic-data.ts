/**
 * Deterministic synthetic orders and subscriptions: the repository's sample data, the random
 * data of the model's and the SQL tests, and the benchmarks' data at Excel's scale all come
 * from here. Customers are acquired over the months, each with their own churn propensity
 * (so retention rises with tenure, as in real cohorts), and order in bursts; a few refunds.
 */
import { seededRandom } from "./seeded-random";

export interface SyntheticOrders {
  customer: string[];
  /** Excel date serials (whole days). */
  date: number[];
  amount: number[];
}

export interface SyntheticSubscriptions {
  customer: string[];
  start: number[];
  /** null while the subscription runs. */
  end: Array<number | null>;
  mrr: number[];
}

export interface SyntheticOptions {
  customers: number;
  /** Months the data spans, from `firstDay`. */
  months: number;
  seed: number;
  /** Serial of the first day (default 2023-01-01 = 44927). */
  firstDay?: number;
  /** Stop once this many orders exist (for the benchmarks' exact row counts). */
  maxOrders?: number;
}

const DAYS_PER_MONTH = 30.4375;

function idOf(i: number): string {
  return `C-${String(i + 1).padStart(6, "0")}`;
}

export function syntheticOrders(o: SyntheticOptions): SyntheticOrders {
  const random = seededRandom(o.seed);
  const first = o.firstDay ?? 44927;
  const span = Math.floor(o.months * DAYS_PER_MONTH);
  const out: SyntheticOrders = { customer: [], date: [], amount: [] };
  const cap = o.maxOrders ?? Infinity;
  for (let c = 0; c < o.customers && out.date.length < cap; c++) {
    const id = idOf(c);
    let day = first + Math.floor(random() * span);
    // Monthly churn propensity from a Beta-like mix: many loyal, some fleeting.
    const churn = random() < 0.3 ? 0.5 + 0.4 * random() : 0.03 + 0.15 * random();
    const basket = 20 + Math.floor(random() * 180);
    const gap = 5 + random() * 50;
    while (day < first + span && out.date.length < cap) {
      const amount = Math.round(basket * (0.5 + random()) * 100) / 100;
      out.customer.push(id);
      out.date.push(day);
      out.amount.push(amount);
      if (random() < 0.02 && out.date.length < cap) {
        // A refund a few days later, of part of the order.
        out.customer.push(id);
        out.date.push(Math.min(first + span - 1, day + 1 + Math.floor(random() * 10)));
        out.amount.push(-Math.round(amount * random() * 100) / 100);
      }
      if (random() < churn * (gap / DAYS_PER_MONTH)) break;
      day += 1 + Math.floor(gap * -Math.log(random()));
    }
  }
  return out;
}

export function syntheticSubscriptions(o: SyntheticOptions): SyntheticSubscriptions {
  const random = seededRandom(o.seed);
  const first = o.firstDay ?? 44927;
  const span = Math.floor(o.months * DAYS_PER_MONTH);
  const asOf = first + span - 1;
  const plans = [29, 49, 99, 249];
  const out: SyntheticSubscriptions = { customer: [], start: [], end: [], mrr: [] };
  for (let c = 0; c < o.customers; c++) {
    const id = idOf(c);
    let start = first + Math.floor(random() * span);
    const churn = random() < 0.3 ? 0.3 + 0.4 * random() : 0.02 + 0.1 * random();
    let plan = Math.floor(random() * plans.length);
    for (let spell = 0; spell < 3 && start <= asOf; spell++) {
      let months = 1;
      while (random() > churn && months < 120) months++;
      const end = start + Math.round(months * DAYS_PER_MONTH);
      out.customer.push(id);
      out.start.push(start);
      out.end.push(end > asOf ? null : end);
      out.mrr.push(plans[plan]);
      if (end > asOf || random() > 0.25) break;
      // Some come back later, sometimes on another plan.
      start = end + 15 + Math.floor(random() * 200);
      plan = Math.min(plans.length - 1, Math.max(0, plan + (random() < 0.5 ? -1 : 1)));
    }
  }
  return out;
}
