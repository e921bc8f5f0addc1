/**
 * Test data for the segment comparison: the sample orders with a deterministic "channel" column
 * (samples/ stays as it is; other tests read it), and a brute-force reference of what the pane
 * shows per segment, written apart from the model: plain loops over the rows and JavaScript's
 * own calendar.
 */
import { readFileSync } from "fs";
import path from "path";

export const CHANNELS = ["Referral", "Paid search", "Social"] as const;

/** A customer's channel from their id's digits; every seventh customer's later orders switch channel. */
export function channelOf(id: string, orderIndex: number): string {
  const n = Number(id.replace(/\D/g, "")) || 0;
  const base = n % 3;
  return CHANNELS[(orderIndex > 0 && n % 7 === 0 ? base + 1 : base) % 3];
}

/** samples/orders.csv with a fourth column, channel. */
export function sampleOrdersWithChannel(): string {
  const text = readFileSync(path.resolve(__dirname, "../../samples/orders.csv"), "utf8");
  const lines = text.split(/\r?\n/).filter((l) => l !== "");
  const seen = new Map<string, number>();
  return (
    [
      `${lines[0]},channel`,
      ...lines.slice(1).map((line) => {
        const id = line.split(",")[0];
        const k = seen.get(id) ?? 0;
        seen.set(id, k + 1);
        return `${line},${channelOf(id, k)}`;
      }),
    ].join("\n") + "\n"
  );
}

export interface OrderRow {
  id: string;
  /** ISO date. */
  date: string;
  amount: number;
  segment: string;
}

export function parseOrders(csv: string): OrderRow[] {
  return csv
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l !== "")
    .map((l) => {
      const [id, date, amount, segment] = l.split(",");
      return { id, date, amount: Number(amount), segment };
    });
}

const monthOf = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

/** A segment's figures, by brute force. */
export interface SegmentReference {
  label: string;
  customers: number;
  churned: number;
  durations: { time: number; churned: boolean }[];
  median: number | null;
}

/**
 * Monthly periods, an activity window of one month: a customer is in the segment of their
 * earliest order (the first read on a tie); their lifetime runs from their first order's month
 * to the month after their last order, churned when that month ended by the last month in the
 * data, else censored at the last month's end.
 */
export function referenceSegments(rows: readonly OrderRow[]): SegmentReference[] {
  let lastMonth = -Infinity;
  for (const r of rows) lastMonth = Math.max(lastMonth, monthOf(r.date));
  const first = new Map<string, OrderRow>();
  const months = new Map<string, number[]>();
  for (const r of rows) {
    const f = first.get(r.id);
    if (!f || r.date < f.date) first.set(r.id, r);
    if (!months.has(r.id)) months.set(r.id, []);
    if (!(r.amount < 0)) months.get(r.id)!.push(monthOf(r.date));
  }
  const order: string[] = [];
  const bySegment = new Map<string, SegmentReference>();
  for (const r of rows) {
    // Segments in order of first appearance among the customers' first rows' values.
    const key = r.segment.toLowerCase();
    if (!order.includes(key)) order.push(key);
  }
  for (const [id, f] of first) {
    const key = f.segment.toLowerCase();
    let ref = bySegment.get(key);
    if (!ref) {
      ref = { label: f.segment, customers: 0, churned: 0, durations: [], median: null };
      bySegment.set(key, ref);
    }
    ref.customers++;
    const active = months.get(id)!;
    if (active.length === 0) continue;
    const start = Math.min(...active);
    const closes = Math.max(...active) + 1;
    if (closes <= lastMonth) {
      ref.durations.push({ time: closes - start, churned: true });
      ref.churned++;
    } else ref.durations.push({ time: lastMonth - start + 1, churned: false });
  }
  const out = order.filter((k) => bySegment.has(k)).map((k) => bySegment.get(k)!);
  for (const ref of out) ref.median = kmMedian(ref.durations);
  return out;
}

/** Kaplan-Meier by plain loops: the first time survival falls to 0.5 or below. */
export function kmCurve(durations: readonly { time: number; churned: boolean }[]) {
  const times = [...new Set(durations.map((d) => d.time))].sort((a, b) => a - b);
  let s = 1;
  const curve: { time: number; survival: number }[] = [];
  for (const t of times) {
    let n = 0;
    let d = 0;
    for (const x of durations) {
      if (x.time >= t) n++;
      if (x.time === t && x.churned) d++;
    }
    if (d > 0) s *= 1 - d / n;
    curve.push({ time: t, survival: s });
  }
  return curve;
}

export function kmMedian(durations: readonly { time: number; churned: boolean }[]): number | null {
  for (const p of kmCurve(durations)) if (p.survival <= 0.5) return p.time;
  return null;
}

/** The area under the Kaplan-Meier step curve from 0 to `horizon`, in slices of the time axis. */
export function rmstByLoops(
  durations: readonly { time: number; churned: boolean }[],
  horizon: number
): number {
  const curve = kmCurve(durations);
  let area = 0;
  let from = 0;
  let s = 1;
  for (const p of curve) {
    if (p.time > horizon) break;
    area += s * (p.time - from);
    from = p.time;
    s = p.survival;
  }
  return area + s * (horizon - from);
}

/**
 * The log-rank chi-square by plain loops: U_j = Σ (d_j − n_j d/n), V the hypergeometric
 * covariance, Uᵀ V⁻¹ U over all groups but the first (Gaussian elimination).
 */
export function logRankByLoops(groups: readonly { time: number; churned: boolean }[][]): number {
  const k = groups.length;
  const all = groups.flatMap((g, j) => g.map((x) => ({ ...x, j })));
  const times = [...new Set(all.filter((x) => x.churned).map((x) => x.time))].sort((a, b) => a - b);
  const u = new Array(k).fill(0);
  const v = Array.from({ length: k }, () => new Array(k).fill(0));
  for (const t of times) {
    const n = new Array(k).fill(0);
    const d = new Array(k).fill(0);
    for (const x of all) {
      if (x.time >= t) n[x.j]++;
      if (x.time === t && x.churned) d[x.j]++;
    }
    const N = n.reduce((a, b) => a + b, 0);
    const D = d.reduce((a, b) => a + b, 0);
    for (let j = 0; j < k; j++) u[j] += d[j] - (n[j] * D) / N;
    if (N > 1)
      for (let j = 0; j < k; j++)
        for (let l = 0; l < k; l++)
          v[j][l] += ((D * (N - D)) / (N - 1)) * (n[j] / N) * ((j === l ? 1 : 0) - n[l] / N);
  }
  const m = k - 1;
  const a = v.slice(1).map((row, p) => [...row.slice(1), u[p + 1]]);
  for (let c = 0; c < m; c++) {
    for (let r = c + 1; r < m; r++) {
      const factor = a[r][c] / a[c][c];
      for (let q = c; q <= m; q++) a[r][q] -= factor * a[c][q];
    }
  }
  const x = new Array(m).fill(0);
  for (let r = m - 1; r >= 0; r--) {
    let s = a[r][m];
    for (let q = r + 1; q < m; q++) s -= a[r][q] * x[q];
    x[r] = s / a[r][r];
  }
  let chi = 0;
  for (let p = 0; p < m; p++) chi += u[p + 1] * x[p];
  return chi;
}
