/**
 * Test data for "What goes with leaving": deterministic orders with a "plan" column (annual
 * customers churn far less often than monthly ones) and a "channel" column (no effect; every
 * fifth customer's later orders switch channel, so the first order's value must be the one
 * used), and each customer's lifetime and first-order attributes computed by plain loops over the
 * rows, apart from the pane's and the model's reading code.
 */

export const PLANS = ["monthly", "annual"] as const;
export const CHANNELS = ["Referral", "Paid search", "Social"] as const;

/** A small linear congruential generator: the same rows every run. */
function generator(start: number) {
  let state = start >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Rows of customer_id, order_date, amount, plan, channel (a title row first), by date. */
export function driversOrders(customers = 240): string[][] {
  const random = generator(19);
  const rows: { date: string; row: string[] }[] = [];
  for (let i = 0; i < customers; i++) {
    const id = `C${String(i + 1).padStart(3, "0")}`;
    const plan = random() < 0.4 ? "annual" : "monthly";
    const channel = CHANNELS[Math.floor(random() * 3)];
    const hazard = plan === "annual" ? 0.06 : 0.2;
    const startMonth = i % 12; // months from 2023-01
    const day = 1 + (i % 27);
    // Customer 1 stays to the end, so the data reaches December 2024.
    for (let m = startMonth; m < 24; m++) {
      const year = 2023 + Math.floor(m / 12);
      const date = `${year}-${pad((m % 12) + 1)}-${pad(day)}`;
      const shown =
        m > startMonth && i % 5 === 0 ? CHANNELS[(CHANNELS.indexOf(channel) + 1) % 3] : channel;
      rows.push({ date, row: [id, date, plan === "annual" ? "100" : "10", plan, shown] });
      if (i > 0 && random() < hazard) break;
    }
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return [["customer_id", "order_date", "amount", "plan", "channel"], ...rows.map((r) => r.row)];
}

export interface LoopCustomer {
  id: string;
  duration: number;
  churned: number;
  plan: string;
  channel: string;
}

/**
 * Each customer's lifetime in months as the survival view counts orders (activity window of one
 * month): from the first order's month to the month after the last, churned when that month has
 * ended by the data's last month, else censored at the last month's end; and the plan and channel
 * of their first (earliest) order. Customers in order of first appearance.
 */
export function loopCustomers(rows: readonly string[][]): LoopCustomer[] {
  const month = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  let lastMonth = -Infinity;
  const byId = new Map<
    string,
    { first: number; last: number; firstDate: string; plan: string; channel: string }
  >();
  for (const [id, date, , plan, channel] of rows.slice(1)) {
    const m = month(date);
    if (m > lastMonth) lastMonth = m;
    const c = byId.get(id);
    if (!c) byId.set(id, { first: m, last: m, firstDate: date, plan, channel });
    else {
      if (m < c.first) c.first = m;
      if (m > c.last) c.last = m;
      if (date < c.firstDate) Object.assign(c, { firstDate: date, plan, channel });
    }
  }
  const out: LoopCustomer[] = [];
  for (const [id, c] of byId) {
    const closes = c.last + 1;
    const churned = closes <= lastMonth ? 1 : 0;
    out.push({
      id,
      duration: churned ? closes - c.first : lastMonth - c.first + 1,
      churned,
      plan: c.plan,
      channel: c.channel,
    });
  }
  return out;
}
