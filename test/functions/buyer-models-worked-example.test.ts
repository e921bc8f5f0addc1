/*
 * docs/functions-buyers.md's worked example "three buyer models on the sample shop, one picked",
 * figure by figure, in the built dist/functions.js: samples/orders.csv as Excel holds it (A:C,
 * dates as serials), every formula of the section evaluated as the page prints it, each spill
 * landing where the page puts it (on empty cells) and feeding the formulas after it. Every
 * printed figure is the bundle's result at the printed precision, and the claims the pick rests
 * on (which model has the lowest AIC, which the lowest holdout error, …) are read from the
 * results, not from the page.
 *
 * Apart from the bundle, this file recomputes: the calibration/holdout summary and every
 * "actual" figure (histogram, holdout means, tracking totals, who bought again) by plain loops
 * over the orders; each model's log-likelihood from its story (BG/NBD and MBG/NBD as products,
 * Pareto/NBD with a Simpson integral over the moment of leaving), which MODEL_COMPARE must equal
 * and which must be flat at the fitted parameters; each customer's P(alive) as the "still
 * alive" share of that likelihood; and the expected figures (the histograms' Σ P(X(T) = x), the
 * holdout's E[Y(t) | x, t_x, T], the tracking's Σ E[X(t)]) by quadrature over the same stories.
 * Needs `npm run build`.
 */
import { AT_RISK_P_ALIVE } from "../../src/model/buyers/customer-lifetime";
import {
  callFunction,
  evaluate,
  figureMismatch,
  ordersSheet,
  readDoc,
  serial,
  Sheet,
  tableCells,
} from "../docs/doc-formulas";

const PAGE = readDoc("docs/functions-buyers.md");
const HEADING = "## Worked example: three buyer models on the sample shop, one picked";
const EXAMPLE = (() => {
  const start = PAGE.indexOf(`${HEADING}\n`);
  if (start < 0) throw new Error(`docs/functions-buyers.md has no "${HEADING}"`);
  const rest = PAGE.slice(start + HEADING.length);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
})();

/** The groups of the one match of a pattern in the example, or a failure naming it. */
function printed(pattern: RegExp): string[] {
  const m = EXAMPLE.match(pattern);
  if (!m) throw new Error(`the worked example no longer says ${pattern}`);
  return m.slice(1);
}

/** A computed value against a printed figure ("−2,420.54", "18%", "0.602"), at its precision. */
function expectFigure(value: unknown, figure: string): void {
  expect({ figure, problem: figureMismatch(figure, value) }).toEqual({ figure, problem: null });
}

/** The first table after `marker`: its rows without the |---| line. */
function tableAfter(marker: string): string[][] {
  const at = EXAMPLE.indexOf(marker);
  if (at < 0) throw new Error(`the worked example no longer says "${marker}"`);
  const lines = EXAMPLE.slice(at).split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (let i = start; i < lines.length && lines[i].startsWith("|"); i++)
    if (i !== start + 1) rows.push(tableCells(lines[i]));
  return rows;
}

const column = (n: number): string =>
  n <= 0 ? "" : column(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

// ---------------------------------------------------------------- the sheet, as the page builds it
const sheet = ordersSheet();
const [namesAt, ...modelNames] = printed(
  /names in (Y2):Y4\s+\(`(\w+)`, `(\w+)`, `(\w+)`, as text\)/
);
modelNames.forEach((name, i) => sheet.put(`Y${Number(namesAt.slice(1)) + i}`, name));
const formulas = [...EXAMPLE.matchAll(/^\| ([A-Z]+\d+) \| `(=RETAIN\.[^`]+)` \|/gm)].map(
  ([, cell, formula]) => ({ cell, formula })
);
const overlaps: string[] = [];
for (const { cell, formula } of formulas) {
  const value = evaluate(formula, sheet);
  const block = Array.isArray(value) ? (value as unknown[][]) : [[value]];
  const { col, row } = Sheet.parse(cell);
  const target = `${cell}:${column(col + block[0].length - 1)}${row! + block.length - 1}`;
  if (sheet.range(target).some((r) => r.some((c) => c !== null)))
    overlaps.push(`${cell} spills over ${target}`);
  sheet.put(cell, value);
}
const cell = (ref: string) => sheet.range(ref)[0][0];
const block = (ref: string) => sheet.range(ref);

const MODELS = ["BG/NBD", "MBG/NBD", "Pareto/NBD"] as const;
type Model = (typeof MODELS)[number];
/** Where each model's spills start: its fit's row, and the columns of its checks. */
const AT: Record<
  Model,
  { fit: number; histogram: string; byFrequency: string; tracking: string; alive: string }
> = {
  "BG/NBD": { fit: 2, histogram: "Y", byFrequency: "Y", tracking: "AL", alive: "BD" },
  "MBG/NBD": { fit: 3, histogram: "AB", byFrequency: "AC", tracking: "AR", alive: "BE" },
  "Pareto/NBD": { fit: 4, histogram: "AE", byFrequency: "AG", tracking: "AX", alive: "BF" },
};
const shift = (col: string, by: number) => column(Sheet.parse(`${col}1`).col + by);
const params = (m: Model) => block(`Z${AT[m].fit}:AC${AT[m].fit}`)[0] as number[];

// ---------------------------------------------------------------- the sample, by plain loops
const CAL_END = serial("2024-12-31");
const HOLDOUT_END = serial("2025-06-30");
type Customer = { id: string; x: number; tx: number; T: number; holdout: number; days: number[] };
const orders = readDoc("samples/orders.csv")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split(","));
const daysOf = new Map<string, Set<number>>();
for (const [id, date] of orders) {
  if (!daysOf.has(id)) daysOf.set(id, new Set());
  daysOf.get(id)!.add(serial(date));
}
const customers: Customer[] = [];
for (const [id, set] of daysOf) {
  const days = [...set].filter((d) => d <= HOLDOUT_END).sort((a, b) => a - b);
  const first = days[0];
  if (first > CAL_END) continue;
  const calibration = days.filter((d) => d <= CAL_END);
  customers.push({
    id,
    x: calibration.length - 1,
    tx: (calibration[calibration.length - 1] - first) / 7,
    T: (CAL_END - first) / 7,
    holdout: days.length - calibration.length,
    days,
  });
}
const N = customers.length;

// ---------------------------------------------------------------- each model's likelihood, from its story
/** ln Γ(r+x)/Γ(r) + r ln α, the purchase side every model shares, as a plain product. */
function purchaseSide(r: number, alpha: number, x: number): number {
  let s = r * Math.log(alpha);
  for (let j = 0; j < x; j++) s += Math.log(r + j);
  return s;
}
/** ln Π_{j<n} (b+j)/(a+b+j) = ln B(a, b+n)/B(a, b). */
function betaRatio(a: number, b: number, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += Math.log((b + j) / (a + b + j));
  return s;
}
/** ln of the two parts of a customer's likelihood: still alive at T, and gone before it. */
function likelihoodParts(m: Model, p: number[], c: Customer): { alive: number; gone: number } {
  const [r, alpha, a, b] = p;
  const { x, tx, T } = c;
  const side = purchaseSide(r, alpha, x);
  if (m === "BG/NBD")
    // Leaves only right after a repeat purchase, with chance p ~ Beta(a, b).
    return {
      alive: betaRatio(a, b, x) + side - (r + x) * Math.log(alpha + T),
      gone:
        x === 0
          ? -Infinity
          : Math.log(a / (a + b + x - 1)) +
            betaRatio(a, b, x - 1) +
            side -
            (r + x) * Math.log(alpha + tx),
    };
  if (m === "MBG/NBD")
    // Also right after the first purchase: x + 1 chances to leave.
    return {
      alive: betaRatio(a, b, x + 1) + side - (r + x) * Math.log(alpha + T),
      gone: Math.log(a / (a + b + x)) + betaRatio(a, b, x) + side - (r + x) * Math.log(alpha + tx),
    };
  // Pareto/NBD: lifetime μ ~ Gamma(s, β); gone at τ in (t_x, T], having bought x times by then.
  const [s, beta] = [a, b];
  const integrand = (tau: number) =>
    Math.exp(
      Math.log(s) +
        s * Math.log(beta) -
        (r + x) * Math.log(alpha + tau) -
        (s + 1) * Math.log(beta + tau)
    );
  const steps = 1000; // ample here: the sum agrees with MODEL_COMPARE's to 1e-6
  const h = (T - tx) / steps;
  let integral = 0;
  if (h > 0) {
    for (let k = 0; k <= steps; k++)
      integral += (k === 0 || k === steps ? 1 : k % 2 ? 4 : 2) * integrand(tx + k * h);
    integral *= h / 3;
  }
  return {
    alive: side + s * Math.log(beta) - (r + x) * Math.log(alpha + T) - s * Math.log(beta + T),
    gone: side + Math.log(integral),
  };
}
const logSumExp = (u: number, v: number) => Math.max(u, v) + Math.log1p(Math.exp(-Math.abs(u - v)));
function logLikelihood(m: Model, p: number[]): number {
  let sum = 0;
  for (const c of customers) {
    const { alive, gone } = likelihoodParts(m, p, c);
    sum += gone === -Infinity ? alive : logSumExp(alive, gone);
  }
  return sum;
}
function pAlive(m: Model, p: number[], c: Customer): number {
  const { alive, gone } = likelihoodParts(m, p, c);
  return gone === -Infinity ? 1 : 1 / (1 + Math.exp(gone - alive));
}

// ---------------------------------------------------------------- each model's expectations, from its story
/**
 * E[g(p)] for p ~ Beta(a, b): the double-exponential rule in t, p = 1 / (1 + e^(−π sinh t)),
 * which resolves the density's endpoint powers; normalised by the same sum, so no Beta function.
 */
function betaMean(a: number, b: number, g: (p: number) => number): number {
  let num = 0;
  let den = 0;
  for (let k = -150; k <= 150; k++) {
    const t = k / 30;
    const u = Math.PI * Math.sinh(t);
    const lnP = -Math.log1p(Math.exp(-u));
    const lnQ = -Math.log1p(Math.exp(u));
    const w = Math.exp(a * lnP + b * lnQ) * Math.cosh(t);
    num += w * g(Math.exp(lnP));
    den += w;
  }
  return num / den;
}
/** Simpson's rule for ∫ f over [from, to]. */
function simpson(f: (v: number) => number, from: number, to: number, steps = 400): number {
  const h = (to - from) / steps;
  if (h <= 0) return 0;
  let sum = 0;
  for (let k = 0; k <= steps; k++)
    sum += (k === 0 || k === steps ? 1 : k % 2 ? 4 : 2) * f(from + k * h);
  return (sum * h) / 3;
}
/**
 * Purchases in the next t of a customer alive now, buying at λ ~ Gamma(shape, rate) and leaving
 * right after each purchase with chance p ~ Beta(a, b): E[(1 − e^(−λpt)) / p], λ averaged in
 * closed form; `flip` adds one more chance to leave before the first (MBG/NBD's new customer).
 */
const purchasesWithFlips = (
  shape: number,
  rate: number,
  a: number,
  b: number,
  t: number,
  flip = false
) =>
  betaMean(
    a,
    b,
    (p) => ((flip ? 1 - p : 1) * -Math.expm1(-shape * Math.log1p((p * t) / rate))) / p
  );
/** Expected time alive in the next t with μ ~ Gamma(s, rate): ∫₀ᵗ E[e^(−μu)] du. */
const timeAlive = (s: number, rate: number, t: number) =>
  simpson((u) => Math.pow(rate / (rate + u), s), 0, t);

/** E[X(t)]: a new customer's repeat purchases in the t after the first. */
function newCustomerPurchases(m: Model, p: number[], t: number): number {
  const [r, alpha, a, b] = p;
  if (m === "Pareto/NBD") return (r / alpha) * timeAlive(a, b, t);
  return purchasesWithFlips(r, alpha, a, b, t, m === "MBG/NBD");
}
/** E[Y(t) | x, t_x, T]: P(alive) times the purchases of one alive at T, from the posterior. */
function conditionalPurchases(m: Model, p: number[], c: Customer, t: number): number {
  const [r, alpha, a, b] = p;
  const { x, T } = c;
  const alive = pAlive(m, p, c);
  if (m === "Pareto/NBD") return ((alive * (r + x)) / (alpha + T)) * timeAlive(a, b + T, t);
  // Alive at T after x repeat purchases: x chances to leave survived (x + 1 under MBG/NBD).
  return alive * purchasesWithFlips(r + x, alpha + T, a, b + x + (m === "MBG/NBD" ? 1 : 0), t);
}
/** P(X(t) = x): alive at t having bought x times, or gone before t having bought x by then. */
function countProbability(m: Model, p: number[], x: number, t: number): number {
  const [r, alpha, a, b] = p;
  const nb = (j: number, tau: number) => {
    let v = Math.pow(alpha / (alpha + tau), r) * Math.pow(tau / (alpha + tau), j);
    for (let i = 0; i < j; i++) v *= (r + i) / (i + 1);
    return v;
  };
  if (m === "Pareto/NBD")
    return (
      nb(x, t) * Math.pow(b / (b + t), a) +
      simpson((tau) => ((a * Math.pow(b, a)) / Math.pow(b + tau, a + 1)) * nb(x, tau), 0, t, 1000)
    );
  let atLeast = 1; // a customer who never leaves makes x or more purchases by t
  for (let j = 0; j < x; j++) atLeast -= nb(j, t);
  const flips = x + (m === "MBG/NBD" ? 1 : 0); // chances to leave after x purchases
  const stay = Math.exp(betaRatio(a, b, flips));
  const leave = flips === 0 ? 0 : (a / (a + b + flips - 1)) * Math.exp(betaRatio(a, b, flips - 1));
  return stay * nb(x, t) + leave * atLeast;
}

// ---------------------------------------------------------------- the tests
test("every formula spills onto empty cells, as the page lays the sheet out", () => {
  expect(formulas.map((f) => f.cell)).toEqual([
    "E1",
    "Z2",
    "Z3",
    "Z4",
    "Y6",
    "Y11",
    "AB11",
    "AE11",
    "Y21",
    "AC21",
    "AG21",
    "AL1",
    "AR1",
    "AX1",
    "BD2",
    "BE2",
    "BF2",
  ]);
  expect(overlaps).toEqual([]);
  expect(modelNames).toEqual(["BGNBD", "MBGNBD", "PARETO_NBD"]);
});

test("step 1: the calibration/holdout summary is the orders' own, by plain loops", () => {
  const [from, to, calEnd, holdoutEnd] = printed(
    /run from\s+(\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)\. Fit on 2024 \(calibration end (\d{4}-\d\d-\d\d)\) and hold out the first half of\s+2025 \(holdout end (\d{4}-\d\d-\d\d)\)/
  );
  const dates = orders.map((o) => serial(o[1]));
  expect(Math.min(...dates)).toBe(serial(from));
  expect(Math.max(...dates)).toBe(serial(to));
  expect([serial(calEnd), serial(holdoutEnd)]).toEqual([CAL_END, HOLDOUT_END]);

  const summary = block(`E1:J${N + 2}`);
  expect(summary[0]).toEqual([
    "customer",
    "frequency",
    "recency",
    "T",
    "holdout_purchases",
    "holdout_length",
  ]);
  expect(summary[N + 1][0]).toBeNull();
  const byId = new Map(summary.slice(1, N + 1).map((r) => [r[0], r.slice(1) as number[]]));
  for (const c of customers) {
    const row = byId.get(c.id)!;
    expect(row[0]).toBe(c.x);
    expect(row[1]).toBeCloseTo(c.tx, 12);
    expect(row[2]).toBeCloseTo(c.T, 12);
    expect(row[3]).toBe(c.holdout);
    expect(row[4]).toBeCloseTo((HOLDOUT_END - CAL_END) / 7, 12);
  }

  const [count, once, length, returned, purchases] = printed(
    /^(\d+) customers had made their first purchase by 2024-12-31; (\d+) of them bought only once in 2024\.\nThe holdout is ([\d.]+) weeks long, and (\d+) of the \d+ bought in it, ([\d,]+) purchases in all\./m
  );
  expectFigure(N, count);
  expectFigure(customers.filter((c) => c.x === 0).length, once);
  expectFigure(cell("J2"), length);
  expectFigure(customers.filter((c) => c.holdout > 0).length, returned);
  expectFigure(
    customers.reduce((s, c) => s + c.holdout, 0),
    purchases
  );
});

describe("step 2: the three fits", () => {
  test("the printed parameters are the fits' spills", () => {
    const table = tableAfter("The fitted parameters");
    expect(table[0]).toEqual(["model", "r", "α", "a or s", "b or β"]);
    MODELS.forEach((m, i) => {
      expect(table[i + 1][0]).toBe(m);
      table[i + 1].slice(1).forEach((figure, k) => expectFigure(params(m)[k], figure));
    });
  });

  test("each fit is the maximum of its likelihood written from the model's story", () => {
    for (const m of MODELS) {
      const p = params(m);
      const ll = logLikelihood(m, p);
      // The fit's own log-likelihood (MODEL_COMPARE, row of the model) is this one.
      const row = block("Y7:AD9")[MODELS.indexOf(m)];
      expect(Math.abs((row[2] as number) - ll)).toBeLessThan(1e-6 * Math.abs(ll));
      // A maximum: 1% either way in any parameter lowers it, and the slope between is ≈ 0.
      for (let k = 0; k < 4; k++) {
        const at = (step: number) =>
          logLikelihood(
            m,
            p.map((v, j) => (j === k ? v * Math.exp(step) : v))
          );
        const [up, down] = [at(0.01), at(-0.01)];
        expect(up).toBeLessThan(ll);
        expect(down).toBeLessThan(ll);
        expect(Math.abs((up - down) / 0.02)).toBeLessThan(0.01);
      }
    }
  });

  test("the parameters in words, and Pareto/NBD's 95% bounds from its stats block", () => {
    const [bg, mbg, pareto] = printed(
      /buys r ÷ α times a week, ([\d.]+) under\s+BG\/NBD, ([\d.]+) under MBG\/NBD and ([\d.]+) under Pareto\/NBD/
    );
    [bg, mbg, pareto].forEach((f, i) =>
      expectFigure(params(MODELS[i])[0] / params(MODELS[i])[1], f)
    );
    const [leaveBg, leaveMbg, leavePareto] = printed(
      /with chance a ÷ \(a \+ b\) = ([\d.]+); MBG\/NBD also right after the first\s+purchase, with chance ([\d.]+) each time; Pareto\/NBD at any moment, at s ÷ β = ([\d.]+) a week/
    );
    const share = (m: Model) => params(m)[2] / (params(m)[2] + params(m)[3]);
    expectFigure(share("BG/NBD"), leaveBg);
    expectFigure(share("MBG/NBD"), leaveMbg);
    expectFigure(params("Pareto/NBD")[2] / params("Pareto/NBD")[3], leavePareto);

    const [formula] = printed(/\(`(=RETAIN\.PARETO_NBD_FIT\([^`]+, , 1\))` in a free cell\)/);
    const stats = evaluate(formula, sheet) as unknown[][];
    expect(stats[0]).toEqual(params("Pareto/NBD"));
    const [betaLow, betaHigh, rLow, rHigh] = printed(
      /β running from ([\d.]+) to ([\d.]+) against r's ([\d.]+) to ([\d.]+)\./
    );
    expectFigure(stats[2][3], betaLow);
    expectFigure(stats[3][3], betaHigh);
    expectFigure(stats[2][0], rLow);
    expectFigure(stats[3][0], rHigh);
    // The leaving side is the loose one: β's bounds are far wider, relative to β, than r's.
    expect((stats[3][3] as number) / (stats[2][3] as number)).toBeGreaterThan(
      (stats[3][0] as number) / (stats[2][0] as number)
    );
  });
});

describe("steps 3 and 4: the comparison and the pick", () => {
  test("MODEL_COMPARE: the printed table, AIC and BIC from the log-likelihood", () => {
    const table = tableAfter("*Fit to the calibration year*");
    const spill = block("Y6:AD9");
    expect(table[0]).toEqual(spill[0]);
    table.slice(1).forEach((row, i) => {
      expect(row[0]).toBe(MODELS[i]);
      row.forEach((figure, k) => expectFigure(spill[i + 1][k], figure));
      const [, k, ll, aic, bic, n] = spill[i + 1] as number[];
      expect(k).toBe(4);
      expect(n).toBe(N);
      expect(aic).toBeCloseTo(2 * k - 2 * ll, 9);
      expect(bic).toBeCloseTo(k * Math.log(N) - 2 * ll, 9);
    });
  });

  test("the histograms: actual by plain loops, expected as printed, and the gaps", () => {
    const table = tableAfter("*Repeat purchases in 2024*");
    expect(table[0]).toEqual(["repeat purchases", "actual", ...MODELS]);
    const spills = MODELS.map((m) => {
      const col = AT[m].histogram;
      return block(`${col}11:${shift(col, 2)}19`);
    });
    for (const s of spills)
      expect(s[0]).toEqual(["repeat purchases", "actual customers", "expected customers"]);
    table.slice(1).forEach((row, x) => {
      const label = x < 7 ? String(x) : "7+";
      expect(row[0]).toBe(label);
      const actual = customers.filter((c) => (x < 7 ? c.x === x : c.x >= 7)).length;
      expectFigure(actual, row[1]);
      spills.forEach((s, i) => {
        expect(String(s[x + 1][0])).toBe(label);
        expect(s[x + 1][1]).toBe(actual);
        expectFigure(s[x + 1][2], row[2 + i]);
      });
    });
    // Each model's expected customers add up to all of them.
    for (const s of spills)
      expect(s.slice(1).reduce((a, r) => a + (r[2] as number), 0)).toBeCloseTo(N, 6);
    const gaps = spills.map((s) =>
      s.slice(1).reduce((a, r) => a + Math.abs((r[1] as number) - (r[2] as number)), 0)
    );
    const [g0, g1, g2] = printed(
      /come to ([\d.]+) customers for BG\/NBD,\s+([\d.]+) for MBG\/NBD and ([\d.]+) for Pareto\/NBD \(`=SUMPRODUCT\(ABS\(Z12:Z19 - AA12:AA19\)\)` for BG\/NBD\)/
    );
    [g0, g1, g2].forEach((f, i) => expectFigure(gaps[i], f));
    expect(Math.max(...gaps)).toBe(gaps[0]);
    // "BG/NBD expects too few one-time buyers and too many with one to three repeat purchases."
    const bg = spills[0].slice(1) as number[][];
    expect(bg[0][2]).toBeLessThan(bg[0][1]);
    for (const x of [1, 2, 3]) expect(bg[x][2]).toBeGreaterThan(bg[x][1]);
  });

  /** Each model's holdout-by-frequency spill, without its header. */
  const byFrequency = (m: Model) => {
    const col = AT[m].byFrequency;
    const s = block(`${col}21:${shift(col, 3)}29`);
    expect(s[0]).toEqual(["calibration frequency", "customers", "actual mean", "expected mean"]);
    return s.slice(1) as number[][];
  };
  const predicted = (m: Model) => byFrequency(m).reduce((a, r) => a + r[1] * r[3], 0);
  const holdoutError = (m: Model) =>
    byFrequency(m).reduce((a, r) => a + r[1] * Math.abs(r[2] - r[3]), 0) / N;

  test("the holdout by calibration frequency: counts and actual means by plain loops", () => {
    const table = tableAfter("*Purchases in the holdout, by calibration frequency*");
    expect(table[0]).toEqual(["calibration frequency", "customers", "actual mean", ...MODELS]);
    table.slice(1).forEach((row, x) => {
      expect(row[0]).toBe(x < 7 ? String(x) : "7+");
      const group = customers.filter((c) => (x < 7 ? c.x === x : c.x >= 7));
      expectFigure(group.length, row[1]);
      expectFigure(group.reduce((a, c) => a + c.holdout, 0) / group.length, row[2]);
      MODELS.forEach((m, i) => {
        const r = byFrequency(m)[x];
        expect(r[1]).toBe(group.length);
        expect(r[2]).toBeCloseTo(group.reduce((a, c) => a + c.holdout, 0) / group.length, 12);
        expectFigure(r[3], row[3 + i]);
      });
    });
  });

  test("its two summaries, with the formulas the page gives for BG/NBD", () => {
    expect(EXAMPLE).toContain("`=SUMPRODUCT(Z22:Z29, AB22:AB29)`");
    expect(EXAMPLE).toContain("`=SUMPRODUCT(Z22:Z29, ABS(AA22:AA29 - AB22:AB29)) / SUM(Z22:Z29)`");
    expect(AT["BG/NBD"].byFrequency).toBe("Y"); // so Z is customers, AA actual, AB expected
    const table = tableAfter("Two summaries of that table");
    expect(table[0]).toEqual(["", ...MODELS]);
    expect(table[1][0]).toBe("holdout purchases predicted");
    expect(table[2][0]).toBe("holdout error per customer");
    MODELS.forEach((m, i) => {
      expectFigure(predicted(m), table[1][1 + i]);
      expectFigure(holdoutError(m), table[2][1 + i]);
    });
    // Σ customers × actual mean is the holdout's purchases.
    expect(byFrequency("BG/NBD").reduce((a, r) => a + r[1] * r[2], 0)).toBeCloseTo(
      customers.reduce((a, c) => a + c.holdout, 0),
      9
    );
  });

  test("the tracking totals: actual by plain loops, expected as printed", () => {
    const table = tableAfter("*Cumulative tracking*");
    expect(table[0]).toEqual(["", "actual", ...MODELS]);
    const repeatsBy = (day: number) =>
      customers.reduce((a, c) => a + c.days.filter((d) => d <= day).length - 1, 0);
    const rows = MODELS.map((m) => {
      const col = AT[m].tracking;
      const s = block(`${col}1:${shift(col, 4)}200`).filter((r) => r[0] !== null);
      expect(s[0]).toEqual([
        "period end",
        "actual",
        "expected",
        "cumulative actual",
        "cumulative expected",
      ]);
      const cal = s.find((r) => r[0] === CAL_END)!;
      const end = s[s.length - 1];
      expect(end[0]).toBe(HOLDOUT_END);
      return { cal, end };
    });
    expect(table[1][0]).toBe("by 2024-12-31");
    expect(table[2][0]).toBe("by 2025-06-30");
    expect(table[3][0]).toBe("in the holdout");
    expectFigure(repeatsBy(CAL_END), table[1][1]);
    expectFigure(repeatsBy(HOLDOUT_END), table[2][1]);
    expectFigure(repeatsBy(HOLDOUT_END) - repeatsBy(CAL_END), table[3][1]);
    rows.forEach(({ cal, end }, i) => {
      expect(cal[3]).toBe(repeatsBy(CAL_END));
      expect(end[3]).toBe(repeatsBy(HOLDOUT_END));
      expectFigure(cal[4], table[1][2 + i]);
      expectFigure(end[4], table[2][2 + i]);
      expectFigure((end[4] as number) - (cal[4] as number), table[3][2 + i]);
    });
  });

  test("step 4: the claims the pick rests on, from the results", () => {
    const compare = block("Y7:AD9") as number[][];
    const aic = compare.map((r) => r[3]);
    const ll = compare.map((r) => r[2]);
    // Fit: MBG/NBD has the lowest AIC, Pareto/NBD a hair behind, BG/NBD far above both.
    expect(aic.indexOf(Math.min(...aic))).toBe(MODELS.indexOf("MBG/NBD"));
    expect(aic.indexOf(Math.max(...aic))).toBe(MODELS.indexOf("BG/NBD"));
    const [aicGap, llGap, rule, tie] = printed(
      /BG\/NBD's AIC is ([\d.]+) above MBG\/NBD's \(its\s+log-likelihood ([\d.]+) lower for the same four parameters\)\. A gap above (\d+) means the data all but\s+rule the higher model out\. MBG\/NBD and Pareto\/NBD differ by ([\d.]+): on fit alone, a tie\./
    );
    expectFigure(aic[0] - aic[1], aicGap);
    expectFigure(ll[1] - ll[0], llGap);
    expect(aic[0] - Math.max(aic[1], aic[2])).toBeGreaterThan(Number(rule));
    expectFigure(aic[2] - aic[1], tie);
    expect(aic[2] - aic[1]).toBeLessThan(1);
    expectFigure(
      aic[0] - aic[2],
      printed(/\*\*Pick Pareto\/NBD\*\* for[^.]*\. A fit (\d+) AIC points better/)[0]
    );

    // One-time buyers.
    const once = customers.filter((c) => c.x === 0);
    const [onceCount, back, actualMean, bgMean, mbgMean, paretoMean] = printed(
      /(\d+) customers bought once in 2024 and never\s+again that year; only (\d+) of them came back in the holdout, ([\d.]+) purchases each\. BG\/NBD\s+predicted ([\d.]+) each[\s\S]*?MBG\/NBD and Pareto\/NBD predicted\s+([\d.]+) and ([\d.]+) and give them/
    );
    expectFigure(once.length, onceCount);
    expectFigure(once.filter((c) => c.holdout > 0).length, back);
    expectFigure(once.reduce((a, c) => a + c.holdout, 0) / once.length, actualMean);
    MODELS.forEach((m, i) => expectFigure(byFrequency(m)[0][3], [bgMean, mbgMean, paretoMean][i]));

    // Holdout error: BG/NBD's is the lowest, by either summary; Pareto/NBD's below MBG/NBD's.
    const errors = MODELS.map(holdoutError);
    const off = MODELS.map((m) =>
      Math.abs(predicted(m) - customers.reduce((a, c) => a + c.holdout, 0))
    );
    expect(errors.indexOf(Math.min(...errors))).toBe(0);
    expect(off.indexOf(Math.min(...off))).toBe(0);
    expect(errors[2]).toBeLessThan(errors[1]);
    expect(predicted("Pareto/NBD")).toBeLessThan(predicted("MBG/NBD"));
    const [pBg, made, tooMany, pMbg, pPareto, tooManyOthers, eBg, eMbg, ePareto] = printed(
      /It predicted ([\d.]+) holdout purchases for the (\d+) made\s+\((\d+%) too many\), MBG\/NBD and Pareto\/NBD ([\d.]+) and ([\d.]+) \((\d+%)\); per customer ([\d.]+) against ([\d.]+)\s+and ([\d.]+)\./
    );
    const holdout = customers.reduce((a, c) => a + c.holdout, 0);
    expectFigure(predicted("BG/NBD"), pBg);
    expectFigure(holdout, made);
    expectFigure(predicted("BG/NBD") / holdout - 1, tooMany);
    expectFigure(predicted("MBG/NBD"), pMbg);
    expectFigure(predicted("Pareto/NBD"), pPareto);
    expectFigure(predicted("MBG/NBD") / holdout - 1, tooManyOthers);
    expectFigure(predicted("Pareto/NBD") / holdout - 1, tooManyOthers);
    [eBg, eMbg, ePareto].forEach((f, i) => expectFigure(errors[i], f));
    const [heavyBg, heavyActual, heavyPareto] = printed(
      /\(7\+: ([\d.]+) predicted for ([\d.]+) made, against ([\d.]+)\s+under Pareto\/NBD\)/
    );
    expectFigure(byFrequency("BG/NBD")[7][3], heavyBg);
    expectFigure(byFrequency("BG/NBD")[7][2], heavyActual);
    expectFigure(byFrequency("Pareto/NBD")[7][3], heavyPareto);
    // The heaviest buyers are where BG/NBD's error is smallest against Pareto/NBD's.
    const gain = byFrequency("BG/NBD").map(
      (r, x) =>
        r[1] *
        (Math.abs(byFrequency("Pareto/NBD")[x][2] - byFrequency("Pareto/NBD")[x][3]) -
          Math.abs(r[2] - r[3]))
    );
    expect(gain.indexOf(Math.max(...gain))).toBe(7);
    // "all three over-predict the customers with 3, 5 and 6 repeat purchases alike".
    for (const m of MODELS)
      for (const x of [3, 5, 6]) expect(byFrequency(m)[x][3]).toBeGreaterThan(byFrequency(m)[x][2]);
  });
});

describe("the expected figures, from each model's story", () => {
  test("the histograms' expected customers: Σ P(X(T) = x) over the customers", () => {
    for (const m of MODELS) {
      const col = shift(AT[m].histogram, 2);
      const spill = block(`${col}12:${col}19`).map((r) => r[0] as number);
      let below = 0;
      for (let x = 0; x < 7; x++) {
        const expected = customers.reduce((a, c) => a + countProbability(m, params(m), x, c.T), 0);
        expect(Math.abs(spill[x] - expected)).toBeLessThan(1e-6);
        below += expected;
      }
      expect(Math.abs(spill[7] - (N - below))).toBeLessThan(1e-6);
    }
  });

  test("the holdout's expected means: E[Y(t) | x, t_x, T] over each group", () => {
    const t = (HOLDOUT_END - CAL_END) / 7;
    for (const m of MODELS) {
      const col = shift(AT[m].byFrequency, 3);
      const spill = block(`${col}22:${col}29`).map((r) => r[0] as number);
      for (let x = 0; x <= 7; x++) {
        const group = customers.filter((c) => (x < 7 ? c.x === x : c.x >= 7));
        const mean =
          group.reduce((a, c) => a + conditionalPurchases(m, params(m), c, t), 0) / group.length;
        expect(Math.abs(spill[x] - mean)).toBeLessThan(1e-6 * Math.max(1, mean));
      }
    }
  });

  test("the tracking's expected totals: Σ E[X(day − first purchase)] over the customers", () => {
    for (const m of MODELS) {
      const col = AT[m].tracking;
      const rows = block(`${col}2:${shift(col, 4)}200`).filter((r) => r[0] !== null);
      for (const day of [CAL_END, HOLDOUT_END]) {
        const row = rows.find((r) => r[0] === day)!;
        const expected = customers.reduce(
          (a, c) => a + newCustomerPurchases(m, params(m), (day - c.days[0]) / 7),
          0
        );
        expect(Math.abs((row[4] as number) - expected)).toBeLessThan(1e-6 * expected);
      }
    }
  });
});

describe("what the choice changes: P(alive) and the 'probably left' list", () => {
  const alive = (m: Model) =>
    block(`${AT[m].alive}2:${AT[m].alive}${N + 1}`).map((r) => r[0] as number);
  const summaryIds = block(`E2:E${N + 1}`).map((r) => r[0] as string);
  const byId = new Map(customers.map((c) => [c.id, c]));
  const inOrder = summaryIds.map((id) => byId.get(id)!);

  test("each P(alive) spill is the alive share of the model's likelihood, customer by customer", () => {
    for (const m of MODELS) {
      expect(cell(`${AT[m].alive}${N + 2}`)).toBeNull();
      alive(m).forEach((value, i) =>
        expect(Math.abs(value - pAlive(m, params(m), inOrder[i]))).toBeLessThan(1e-8)
      );
    }
  });

  test("the counts table, with the threshold the pane uses", () => {
    expect(printed(/call "probably left" a P\(alive\) below ([\d.]+) \(the threshold/)[0]).toBe(
      String(AT_RISK_P_ALIVE)
    );
    const table = tableAfter("those who bought again in the holdout after all");
    expect(table[0]).toEqual([
      "model",
      "probably left",
      "of them one-time buyers",
      "of them bought again by 2025-06-30",
      "expected still active",
    ]);
    MODELS.forEach((m, i) => {
      const p = alive(m);
      const left = inOrder.filter((_, k) => p[k] < AT_RISK_P_ALIVE);
      expect(table[i + 1][0]).toBe(m);
      expectFigure(left.length, table[i + 1][1]);
      expectFigure(left.filter((c) => c.x === 0).length, table[i + 1][2]);
      expectFigure(left.filter((c) => c.holdout > 0).length, table[i + 1][3]);
      expectFigure(
        p.reduce((a, v) => a + v, 0),
        table[i + 1][4]
      );
    });
    // The formulas beside it read the columns the page fills: F frequency, I holdout, BF Pareto/NBD.
    expect(EXAMPLE).toContain('`=COUNTIFS(F2:F269, 0, BF2:BF269, "<0.5")`');
    expect(EXAMPLE).toContain('`=COUNTIFS(BF2:BF269, "<0.5", I2:I269, ">0")`');
    expect(N + 1).toBe(269);
  });

  test("the one-time buyers under each model, as the pick describes them", () => {
    const once = inOrder.map((c, k) => ({ c, k })).filter(({ c }) => c.x === 0);
    expect(once.every(({ k }) => alive("BG/NBD")[k] === 1)).toBe(true);
    const [lowMbg, lowPareto, firstDay] = printed(
      /give them P\(alive\) from ([\d.]+) and ([\d.]+) \(a purchase on (\d{4}-\d\d-\d\d)\) upwards/
    );
    const longest = Math.max(...once.map(({ c }) => c.T));
    expect(longest).toBe((CAL_END - serial(firstDay)) / 7);
    for (const [m, figure] of [
      ["MBG/NBD", lowMbg],
      ["Pareto/NBD", lowPareto],
    ] as const) {
      const values = once.map(({ k }) => alive(m)[k]);
      const lowest = Math.min(...values);
      expectFigure(lowest, figure);
      expect(once[values.indexOf(lowest)].c.T).toBe(longest);
    }
    // MBG/NBD's ceiling b ÷ (a + b), reached on the day of the first purchase.
    const [ceiling] = printed(
      /can never exceed b ÷ \(a \+ b\) = ([\d.]+), even on the day of\s+the purchase/
    );
    const [r, alpha, a, b] = params("MBG/NBD");
    expectFigure(b / (a + b), ceiling);
    const onTheDay = callFunction(
      "MBGNBD_P_ALIVE",
      [[0]],
      [[0]],
      [[0]],
      [[r]],
      [[alpha]],
      [[a]],
      [[b]]
    ) as number[][];
    expect(onTheDay[0][0]).toBeCloseTo(b / (a + b), 12);
    expect(once.every(({ k }) => alive("MBG/NBD")[k] <= b / (a + b))).toBe(true);
    // Pareto/NBD: up to 0.99, for a one-time buyer of late December.
    const [highest] = printed(/the one-time buyers of late December get up to ([\d.]+)\./);
    const values = once.map(({ k }) => alive("Pareto/NBD")[k]);
    const top = Math.max(...values);
    expectFigure(top, highest);
    const topFirst = CAL_END - once[values.indexOf(top)].c.T * 7;
    expect(topFirst).toBeGreaterThanOrEqual(serial("2024-12-20"));
    expect(top).toBeGreaterThan(b / (a + b));
  });

  test("the last paragraph: the longer list, who joins it, and the active base", () => {
    const leftOf = (m: Model) => inOrder.filter((_, k) => alive(m)[k] < AT_RISK_P_ALIVE);
    const bg = leftOf("BG/NBD");
    const pareto = leftOf("Pareto/NBD");
    const [from, to, once, weeks, repeat, repeatBg] = printed(
      /doubles the "probably left" list, from (\d+) customers to (\d+),\s+and the difference is almost all one-time buyers: Pareto\/NBD's list holds (\d+) of them, every one\s+whose single purchase was (\d+) weeks or more before the calibration end, and (\d+) repeat buyers to\s+BG\/NBD's (\d+)\./
    );
    expectFigure(bg.length, from);
    expectFigure(pareto.length, to);
    expect(pareto.length / bg.length).toBeGreaterThan(1.9);
    expect(pareto.length / bg.length).toBeLessThan(2.2);
    expectFigure(pareto.filter((c) => c.x === 0).length, once);
    for (const c of inOrder.filter((c) => c.x === 0))
      expect(pareto.includes(c)).toBe(c.T >= Number(weeks));
    expectFigure(pareto.filter((c) => c.x > 0).length, repeat);
    expectFigure(bg.filter((c) => c.x > 0).length, repeatBg);

    const [came, named, silent, namedBg] = printed(
      /(\d+) of its customers bought again in the\s+holdout, as many as on BG\/NBD's list, and it names (\d+) of the (\d+) customers who did not buy in\s+the holdout, where BG\/NBD names (\d+)\./
    );
    expectFigure(pareto.filter((c) => c.holdout > 0).length, came);
    expect(bg.filter((c) => c.holdout > 0).length).toBe(Number(came));
    expectFigure(pareto.filter((c) => c.holdout === 0).length, named);
    expectFigure(customers.filter((c) => c.holdout === 0).length, silent);
    expectFigure(bg.filter((c) => c.holdout === 0).length, namedBg);

    const [activeBg, activePareto] = printed(/fall by a third, from\s+([\d.]+) to ([\d.]+):/);
    const sum = (m: Model) => alive(m).reduce((a, v) => a + v, 0);
    expectFigure(sum("BG/NBD"), activeBg);
    expectFigure(sum("Pareto/NBD"), activePareto);
    const fall = 1 - sum("Pareto/NBD") / sum("BG/NBD");
    expect(fall).toBeGreaterThan(0.3);
    expect(fall).toBeLessThan(0.37);

    // The heaviest buyers (7+): the two models call much the same number probably left.
    const [heavyBg, heavyPareto, heavy] = printed(/probably left \((\d+) and (\d+) of (\d+)\)\./);
    expectFigure(bg.filter((c) => c.x >= 7).length, heavyBg);
    expectFigure(pareto.filter((c) => c.x >= 7).length, heavyPareto);
    expectFigure(customers.filter((c) => c.x >= 7).length, heavy);
  });
});
