/**
 * The BG/NBD worked example of docs/functions-buyers.md, figure by figure, in the built
 * dist/functions.js.
 *
 * samples/orders.csv goes into a sheet as Excel opens it (A:C under a header row, dates as date
 * serials). The formulas are read from docs/functions-buyers.md as printed and evaluated as Excel calls them:
 * a range is a 2-D array to its last row, with null for every empty cell; a literal passed to a
 * range parameter is a 1×1 array; a scalar parameter gets the value; an omitted optional is null.
 * Spills land in the sheet where the page puts them. Each figure the page prints is then
 * compared, at the precision printed, with what the bundle computed, so the two cannot drift.
 *
 * The figures are also checked against this file's own arithmetic: the RFM summary by plain
 * loops over the orders, both log-likelihoods and their stationarity, P(alive) and E[M] in
 * closed form, E[X], E[Y] by direct ₂F₁ series, and CLV summed from its definition.
 * Needs `npm run build`.
 */
import fs from "fs";
import path from "path";
import { builtFile } from "../support/built";
import { loadFunctionsBundle } from "../support/load-bundle";
import { gaussJordanInverse, numericalHessian } from "../model/numerics/hessian-helpers";

// ---------------------------------------------------------------- the page's own text
const PAGE_PATH = "docs/functions-buyers.md";
const PAGE = fs.readFileSync(path.resolve(__dirname, "../..", PAGE_PATH), "utf8");
function between(text: string, start: string, end: string): string {
  const a = text.indexOf(start);
  const b = text.indexOf(end, a);
  if (a < 0 || b < 0) throw new Error(`${PAGE_PATH} has no section from "${start}" to "${end}"`);
  return text.slice(a, b);
}
const TIME_UNITS = between(PAGE, "### Time units: weekly data done right", "### Worked example");
const EXAMPLE = between(
  PAGE,
  "### Worked example: orders → RFM summary → both fits → per-customer CLV",
  "### Errors"
);

/** The one match of a pattern in a section of the page, or a failure naming it. */
function printed(section: string, pattern: RegExp): string[] {
  const m = section.match(pattern);
  if (!m) throw new Error(`${PAGE_PATH} no longer says ${pattern}`);
  return m.slice(1);
}

/** A figure as printed ("1,055.22", "−4.5") against a computed value, at the printed precision. */
function expectPrinted(value: unknown, figure: string): void {
  const text = figure.replace(/,/g, "").replace("−", "-");
  const decimals = text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
  expect(typeof value).toBe("number");
  expect({ figure, computed: (value as number).toFixed(decimals) }).toEqual({
    figure,
    computed: text,
  });
}
const listOf = (text: string) => text.split(/, | and /).map((v) => v.trim());

// ---------------------------------------------------------------- a sheet, as Excel holds it
const LAST_ROW = 20_000;
type Cell = string | number | null;

class Sheet {
  private readonly columns = new Map<string, Cell[]>();

  private static parse(ref: string): { col: number; row: number } {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) throw new Error(`not a cell reference: ${ref}`);
    const col = [...m[1]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
    return { col, row: Number(m[2]) };
  }

  private column(col: number): Cell[] {
    const key = String(col);
    if (!this.columns.has(key)) this.columns.set(key, new Array<Cell>(LAST_ROW + 1).fill(null));
    return this.columns.get(key)!;
  }

  /** Writes a value, or a spill from its top-left cell. */
  put(ref: string, value: unknown): void {
    const { col, row } = Sheet.parse(ref);
    const block = Array.isArray(value) ? (value as unknown[][]) : [[value]];
    block.forEach((cells, i) =>
      cells.forEach((cell, j) => (this.column(col + j)[row + i] = cell as Cell))
    );
  }

  /** A range as Excel passes it to a matrix parameter: rows of cells, null where empty. */
  range(ref: string): Cell[][] {
    const [from, to = from] = ref.split(":").map(Sheet.parse);
    const rows: Cell[][] = [];
    for (let r = from.row; r <= to.row; r++) {
      const row: Cell[] = [];
      for (let c = from.col; c <= to.col; c++) row.push(this.column(c)[r]);
      rows.push(row);
    }
    return rows;
  }
}

// ---------------------------------------------------------------- the bundle, called as Excel calls it
const { registered, inRealm } = loadFunctionsBundle();
const metadata = JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8")) as {
  functions: Array<{ id: string; parameters: Array<{ name: string; dimensionality?: string }> }>;
};

/** Splits a formula's arguments at the commas outside quotes. */
function splitArguments(text: string): string[] {
  const args: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === "," && !quoted) {
      args.push(current.trim());
      current = "";
    } else current += ch;
  }
  args.push(current.trim());
  return args;
}

/** Evaluates a formula of the page, `=RETAIN.NAME(arg, …)` against the sheet. */
function evaluate(sheet: Sheet, formula: string): unknown {
  const m = /^=RETAIN\.([A-Z_]+)\((.*)\)$/.exec(formula);
  if (!m) throw new Error(`not a RETAIN formula: ${formula}`);
  const [, id, argText] = m;
  const fn = registered.get(id);
  const meta = metadata.functions.find((f) => f.id === id);
  if (!fn || !meta) throw new Error(`${id} is not in dist/functions.js`);
  const texts = splitArguments(argText);
  expect(texts.length).toBeLessThanOrEqual(meta.parameters.length);
  const args = texts.map((text, i) => {
    const matrix = meta.parameters[i].dimensionality === "matrix";
    let value: Cell | Cell[][];
    if (text === "") return null; // omitted
    if (/^"[^"]*"$/.test(text)) value = text.slice(1, -1);
    else if (/^-?[\d.]+%$/.test(text)) value = Number(text.slice(0, -1)) / 100;
    else if (/^-?[\d.]+$/.test(text)) value = Number(text);
    else if (text === "TRUE" || text === "FALSE") value = (text === "TRUE") as unknown as Cell;
    else if (/^[A-Z]+\d+(:[A-Z]+\d+)?$/.test(text)) {
      const cells = sheet.range(text);
      value = matrix ? cells : cells[0][0];
    } else throw new Error(`argument ${text} of ${formula} is not a literal or a reference`);
    if (matrix && !Array.isArray(value)) value = [[value]];
    return value === null ? null : inRealm(value);
  });
  return fn(...args);
}
const first = (result: unknown) => (result as unknown[][])[0][0];

// ---------------------------------------------------------------- the orders, pasted
const csv = fs
  .readFileSync(path.resolve(__dirname, "../../samples/orders.csv"), "utf8")
  .trim()
  .split("\n")
  .map((line) => line.split(","));
const orders = csv.slice(1).map(([id, date, amount]) => ({ id, date, amount: Number(amount) }));
/** Excel's date serial of an ISO date (days since 1899-12-30). */
const serial = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5 + 25569;

const sheet = new Sheet();
sheet.put("A1", [csv[0]]);
sheet.put(
  "A2",
  orders.map((o) => [o.id, serial(o.date), o.amount])
);

// The worked example's formula table, evaluated in order, each spilling from its cell.
const formulaRows = [...EXAMPLE.matchAll(/^\| ([A-Z]+\d+) \| `(=RETAIN\.[^`]+)` \|/gm)].map(
  (m) => ({ cell: m[1], formula: m[2] })
);
for (const { cell, formula } of formulaRows) sheet.put(cell, evaluate(sheet, formula));

/** The summary spill, one row per customer, with its sheet row. */
const summaryRows = sheet
  .range(`E2:I${LAST_ROW}`)
  .map((cells, i) => ({ row: i + 2, cells }))
  .filter(({ cells }) => cells[0] !== null && cells[0] !== "");
const rowOf = new Map(summaryRows.map(({ row, cells }) => [cells[0] as string, row]));
const cell = (ref: string) => sheet.range(ref)[0][0];
const num = (ref: string) => cell(ref) as number;
const [r, alpha, a, b] = sheet.range("K2:N2")[0] as number[];
const [p, q, gamma] = sheet.range("K4:M4")[0] as number[];

// ---------------------------------------------------------------- independent arithmetic
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  x -= 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}
const lnBeta = (x: number, y: number) => lnGamma(x) + lnGamma(y) - lnGamma(x + y);

/** ₂F₁(a, b; c; z) by its series, for positive parameters and 0 ≤ z < 1 (every term positive). */
function hyp2f1(a1: number, b1: number, c1: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 100_000; n++) {
    term *= ((a1 + n) * (b1 + n) * z) / ((c1 + n) * (n + 1));
    sum += term;
    if (term < 1e-17 * sum) return sum;
  }
  throw new Error("₂F₁ series did not converge");
}

type Bg = { r: number; alpha: number; a: number; b: number };
function bgLogLikelihood(bg: Bg, x: number, tx: number, T: number): number {
  const common = lnGamma(bg.r + x) - lnGamma(bg.r) + bg.r * Math.log(bg.alpha);
  const alive =
    lnBeta(bg.a, bg.b + x) - lnBeta(bg.a, bg.b) + common - (bg.r + x) * Math.log(bg.alpha + T);
  if (x === 0) return alive;
  const dead =
    lnBeta(bg.a + 1, bg.b + x - 1) -
    lnBeta(bg.a, bg.b) +
    common -
    (bg.r + x) * Math.log(bg.alpha + tx);
  const top = Math.max(alive, dead);
  return top + Math.log(Math.exp(alive - top) + Math.exp(dead - top));
}
function ggLogLikelihood(gg: { p: number; q: number; gamma: number }, x: number, m: number) {
  const px = gg.p * x;
  return (
    lnGamma(px + gg.q) -
    lnGamma(px) -
    lnGamma(gg.q) +
    gg.q * Math.log(gg.gamma) +
    (px - 1) * Math.log(m) +
    px * Math.log(x) -
    (px + gg.q) * Math.log(gg.gamma + m * x)
  );
}
const pAlive = (bg: Bg, x: number, tx: number, T: number) =>
  x === 0
    ? 1
    : 1 / (1 + (bg.a / (bg.b + x - 1)) * ((bg.alpha + T) / (bg.alpha + tx)) ** (bg.r + x));
const expectedNew = (bg: Bg, t: number) =>
  ((bg.a + bg.b - 1) / (bg.a - 1)) *
  (1 -
    (bg.alpha / (bg.alpha + t)) ** bg.r * hyp2f1(bg.r, bg.b, bg.a + bg.b - 1, t / (bg.alpha + t)));
function expectedNext(bg: Bg, x: number, tx: number, T: number, t: number): number {
  if (t === 0) return 0;
  const z = t / (bg.alpha + T + t);
  const bracket =
    1 -
    ((bg.alpha + T) / (bg.alpha + T + t)) ** (bg.r + x) *
      hyp2f1(bg.r + x, bg.b + x, bg.a + bg.b + x - 1, z);
  return ((bg.a + bg.b + x - 1) / (bg.a - 1)) * bracket * pAlive(bg, x, tx, T);
}
const spend = (x: number, m: number) => (p * (gamma + m * x)) / (p * x + q - 1);

/** A relative difference, safe at 0. */
const relative = (got: number, want: number) =>
  Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);

// ---------------------------------------------------------------- the tests
describe("docs/functions-buyers.md: orders → RFM summary → both fits → per-customer CLV (built bundle)", () => {
  test("the formula table is the seven steps, and nothing spilled an error", () => {
    expect(formulaRows.map((f) => f.formula.match(/RETAIN\.(\w+)/)![1])).toEqual([
      "RFM",
      "BGNBD_FIT",
      "GG_FIT",
      "BGNBD_P_ALIVE",
      "BGNBD_CONDITIONAL",
      "GG_SPEND",
      "CLV",
    ]);
    expect(cell("E1")).toBe("customer");
    for (const ref of ["K2", "N2", "K4", "M4", "O2", "P2", "Q2", "R2"])
      expect(typeof cell(ref)).toBe("number");
    // The per-customer spills end where the summary does: nothing but blanks below, in every
    // column (a spill trimmed at its last customer leaves the cells below empty).
    const last = summaryRows[summaryRows.length - 1].row;
    for (const col of ["O", "P", "Q", "R"]) {
      expect(typeof cell(`${col}${last}`)).toBe("number");
      expect(["", null]).toContain(cell(`${col}${last + 1}`));
    }
  });

  test("the data: the orders, customers and dates the page names", () => {
    const [nOrders, nCustomers, from, to, refunds] = printed(
      EXAMPLE,
      /([\d,]+) orders from ([\d,]+) customers, (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d), ([\d,]+) of them refunds/
    );
    expectPrinted(orders.length, nOrders);
    expectPrinted(orders.filter((o) => o.amount < 0).length, refunds);
    expectPrinted(summaryRows.length, nCustomers);
    expectPrinted(new Set(orders.map((o) => o.id)).size, nCustomers);
    const dates = orders.map((o) => o.date).sort();
    expect([dates[0], dates[dates.length - 1]]).toEqual([from, to]);
  });

  test("the RFM summary (weeks) is what plain loops over the orders give", () => {
    const end = Math.max(...orders.map((o) => serial(o.date)));
    const days = new Map<string, Map<number, number>>(); // customer → day → that day's total
    for (const o of orders) {
      if (o.amount < 0) continue; // a refund is no purchase
      const perDay = days.get(o.id) ?? new Map<number, number>();
      const d = serial(o.date);
      perDay.set(d, (perDay.get(d) ?? 0) + o.amount);
      days.set(o.id, perDay);
    }
    expect(summaryRows.length).toBe(days.size);
    for (const { cells } of summaryRows) {
      const [id, x, tx, T, m] = cells as [string, number, number, number, number];
      const perDay = [...days.get(id)!.entries()].sort((u, v) => u[0] - v[0]);
      const firstDay = perDay[0][0];
      const repeats = perDay.slice(1);
      expect(x).toBe(repeats.length);
      expect(tx).toBeCloseTo((perDay[perDay.length - 1][0] - firstDay) / 7, 12);
      expect(T).toBeCloseTo((end - firstDay) / 7, 12);
      const mean = repeats.length ? repeats.reduce((s, [, v]) => s + v, 0) / repeats.length : 0;
      expect(m).toBeCloseTo(mean, 9);
    }
  });

  test("the fitted parameters, as printed, at a stationary maximum of the likelihood", () => {
    const bgPrinted = printed(
      EXAMPLE,
      /r = ([\d.]+), α = ([\d.]+), a = ([\d.]+), b = ([\d.]+) into K2:N2/
    );
    [r, alpha, a, b].forEach((v, i) => expectPrinted(v, bgPrinted[i]));
    const ggPrinted = printed(EXAMPLE, /p = ([\d.]+), q = ([\d.]+), γ = ([\d.]+) into K4:M4/);
    [p, q, gamma].forEach((v, i) => expectPrinted(v, ggPrinted[i]));

    const customers = summaryRows.map(({ cells }) => cells.slice(1) as number[]);
    const bgLl = (θ: number[]) =>
      customers.reduce(
        (s, [x, tx, T]) =>
          s + bgLogLikelihood({ r: θ[0], alpha: θ[1], a: θ[2], b: θ[3] }, x, tx, T),
        0
      );
    const repeat = customers.filter(([x]) => x > 0);
    const ggLl = (θ: number[]) =>
      repeat.reduce(
        (s, [x, , , m]) => s + ggLogLikelihood({ p: θ[0], q: θ[1], gamma: θ[2] }, x, m),
        0
      );

    // The log-likelihood the fits report is the one written here.
    const withLl = evaluate(sheet, "=RETAIN.BGNBD_FIT(F1:F20000, G1:G20000, H1:H20000, , 1)");
    expect(relative((withLl as number[][])[4][0], bgLl([r, alpha, a, b]))).toBeLessThan(1e-10);
    const ggDetails = evaluate(sheet, "=RETAIN.GG_FIT(F1:F20000, I1:I20000, , 1)") as number[][];
    expect(relative(ggDetails[4][0], ggLl([p, q, gamma]))).toBeLessThan(1e-10);

    // Stationary (central differences in log parameters) and a maximum along every axis.
    for (const [ll, θ] of [
      [bgLl, [r, alpha, a, b]],
      [ggLl, [p, q, gamma]],
    ] as const) {
      const at = ll([...θ]);
      θ.forEach((_, i) => {
        const moved = (step: number) => ll(θ.map((v, j) => (j === i ? v * Math.exp(step) : v)));
        expect(Math.abs((moved(1e-4) - moved(-1e-4)) / 2e-4)).toBeLessThan(1e-3);
        expect(moved(0.01)).toBeLessThan(at);
        expect(moved(-0.01)).toBeLessThan(at);
      });
    }

    // With stats: standard errors from a finite-difference Hessian of the likelihoods written here.
    for (const [ll, θ, formula] of [
      [bgLl, [r, alpha, a, b], "=RETAIN.BGNBD_FIT(F1:F20000, G1:G20000, H1:H20000, , TRUE)"],
      [ggLl, [p, q, gamma], "=RETAIN.GG_FIT(F1:F20000, I1:I20000, , 1)"],
    ] as const) {
      const block = evaluate(sheet, formula) as number[][];
      const minus = numericalHessian(ll, [...θ]).map((row) => row.map((v) => -v));
      const covariance = gaussJordanInverse(minus);
      θ.forEach((_, i) =>
        expect(relative(block[1][i], Math.sqrt(covariance[i][i]))).toBeLessThan(1e-4)
      );
    }
  });

  test("the fits' stats blocks: the standard errors and bounds the page prints", () => {
    const block = evaluate(
      sheet,
      "=RETAIN.BGNBD_FIT(F1:F20000, G1:G20000, H1:H20000, , TRUE)"
    ) as unknown[][];
    expect(block.map((row) => row.length)).toEqual([4, 4, 4, 4, 4]);
    const [seR, seAlpha, seA, seB, lowB, highB] = printed(
      EXAMPLE,
      /the standard errors of r, α, a, b are ([\d.]+), ([\d.]+), ([\d.]+) and ([\d.]+), and the 95% bounds of b run from ([\d.]+) to ([\d.]*\d)/
    );
    [seR, seAlpha, seA, seB].forEach((figure, i) => expectPrinted(block[1][i], figure));
    expectPrinted(block[2][3], lowB);
    expectPrinted(block[3][3], highB);
    expectPrinted(block[4][1], String(summaryRows.length));
    // The bounds: θ·exp(∓1.96·SE/θ), to the quantile's rounding.
    const [θ, se, low, high] = block as number[][];
    θ.forEach((v, i) => {
      expect(relative(low[i], v * Math.exp((-1.96 * se[i]) / v))).toBeLessThan(1e-4);
      expect(relative(high[i], v * Math.exp((1.96 * se[i]) / v))).toBeLessThan(1e-4);
    });
    expect(block[4].slice(2).map((c) => (c as { code: string }).code)).toEqual(["#N/A", "#N/A"]);
  });

  test("GG_FIT's details: the repeat buyers it used, and the one-time buyers it left out", () => {
    const [used, once] = printed(
      EXAMPLE,
      /the customers used: ([\d,]+), because the ([\d,]+) who bought once/
    );
    const details = evaluate(sheet, "=RETAIN.GG_FIT(F1:F20000, I1:I20000, , 1)") as number[][];
    expectPrinted(details[4][1], used);
    const x = summaryRows.map(({ cells }) => cells[1] as number);
    expectPrinted(x.filter((v) => v > 0).length, used);
    expectPrinted(x.filter((v) => v === 0).length, once);
  });

  test("the inline formulas give the figures printed after them", () => {
    const inline = [...EXAMPLE.matchAll(/`(=RETAIN\.[^`]+)` = ([\d.,]+)/g)];
    expect(inline.length).toBeGreaterThanOrEqual(2);
    for (const [, formula, figure] of inline)
      expectPrinted(first(evaluate(sheet, formula)), figure);
    // … and those are the formulas' own definitions.
    expect(
      relative(
        first(evaluate(sheet, "=RETAIN.BGNBD_EXPECTED(52, K2, L2, M2, N2)")) as number,
        expectedNew({ r, alpha, a, b }, 52)
      )
    ).toBeLessThan(1e-9);
    expect(
      relative(
        first(evaluate(sheet, "=RETAIN.GG_SPEND(0, 0, K4, L4, M4)")) as number,
        (gamma * p) / (q - 1)
      )
    ).toBeLessThan(1e-12);
  });

  test("every customer in the page's table, in every column", () => {
    const lines = EXAMPLE.split("\n").filter(
      (l) => l.startsWith("| customer | row |") || /^\| C-\d+ \|/.test(l)
    );
    const header = lines[0]
      .split("|")
      .slice(1, -1)
      .map((h) => h.trim());
    const COLUMN_OF: Record<string, string> = {
      x: "F",
      t_x: "G",
      T: "H",
      m: "I",
      "P(alive)": "O",
      "E[Y(52)]": "P",
      "E[M]": "Q",
      "CLV, 52 weeks at 10%/year": "R",
    };
    const customers = lines.slice(1);
    expect(customers.length).toBeGreaterThanOrEqual(4);
    for (const line of customers) {
      const cells = line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
      const [id, row] = cells;
      expect(rowOf.get(id)).toBe(Number(row));
      header.slice(2).forEach((name, k) => {
        const col = COLUMN_OF[name];
        if (!col) throw new Error(`${PAGE_PATH} table column "${name}" is not one of the sheet's`);
        expectPrinted(cell(`${col}${row}`), cells[k + 2]);
      });
    }
  });

  test("the per-customer columns agree with the formulas, computed here", () => {
    const bg = { r, alpha, a, b };
    const weekly = 1.1 ** (7 / 365.25) - 1;
    for (const { row, cells } of summaryRows) {
      const [, x, tx, T, m] = cells as [string, number, number, number, number];
      expect(relative(num(`O${row}`), pAlive(bg, x, tx, T))).toBeLessThan(1e-12);
      expect(relative(num(`Q${row}`), spend(x, m))).toBeLessThan(1e-12);
    }
    // E[Y] and CLV by series and by the definition's sum, for the customers the page shows.
    const shown = [...EXAMPLE.matchAll(/^\| (C-\d+) \| (\d+) \|/gm)].map((m) => Number(m[2]));
    for (const row of shown) {
      const [x, tx, T, m] = sheet.range(`F${row}:I${row}`)[0] as number[];
      expect(relative(num(`P${row}`), expectedNext(bg, x, tx, T, 52))).toBeLessThan(1e-8);
      let clv = 0;
      for (let k = 1; k <= 52; k++)
        clv +=
          (expectedNext(bg, x, tx, T, k) - expectedNext(bg, x, tx, T, k - 1)) / (1 + weekly) ** k;
      expect(relative(num(`R${row}`), clv * spend(x, m))).toBeLessThan(1e-7);
    }
  });

  test("the notes under the table quote only the table's and the inline formulas' figures", () => {
    const asNumber = (t: string) => Number(t.replace(/,/g, ""));
    const tableRows = new Map(
      [...EXAMPLE.matchAll(/^\| (C-\d+) \|(.*)\|$/gm)].map((m) => [
        m[1],
        m[2].split("|").map((c) => asNumber(c.trim())),
      ])
    );
    const inline = [...EXAMPLE.matchAll(/`=RETAIN\.[^`]+` = ([\d.,]+)/g)].map((m) =>
      asNumber(m[1])
    );
    const notes = EXAMPLE.split("\n").filter((l) => /^- /.test(l));
    expect(notes.length).toBeGreaterThanOrEqual(4);
    for (const note of notes) {
      const id = /^- \*\*(C-\d+)\*\*/.exec(note)?.[1];
      const allowed = id ? tableRows.get(id)! : inline;
      expect(allowed).toBeDefined();
      const figures = note.replace(/C-\d+/g, "").match(/\d[\d,]*(\.\d+)?/g) ?? [];
      for (const figure of figures)
        expect({
          note: note.slice(0, 20),
          figure,
          quoted: allowed.includes(asNumber(figure)),
        }).toEqual({
          note: note.slice(0, 20),
          figure,
          quoted: true,
        });
    }
  });

  test("what the notes under the table say of C-000393", () => {
    const best = (col: string) =>
      summaryRows.reduce((top, s) => (num(`${col}${s.row}`) > num(`${col}${top.row}`) ? s : top))
        .cells[0];
    expect(EXAMPLE).toMatch(/\*\*C-000393\*\*, the heaviest buyer .* has the sample's largest CLV/);
    expect(best("F")).toBe("C-000393");
    expect(best("R")).toBe("C-000393");
  });

  test("the time-unit table: each call's CLV, and the weekly rate of an annual 10%", () => {
    const rows = [
      ...TIME_UNITS.matchAll(/^\| `(=RETAIN\.CLV\([^`]+\))` \| [^|]+ \| ([\d.,]+) \|$/gm),
    ];
    expect(rows.length).toBe(4);
    for (const [, formula, figure] of rows) expectPrinted(first(evaluate(sheet, formula)), figure);

    const [rate, naive] = printed(
      TIME_UNITS,
      /\(1\.1\)\^\(7\/365\.25\) − 1 = ([\d.]+)% a week\. It is not 10%\/52 = ([\d.]+)%/
    );
    const weekly = 1.1 ** (7 / 365.25) - 1;
    expectPrinted(weekly * 100, rate);
    expectPrinted((0.1 / 52) * 100, naive);
    // CLV converts the annual rate exactly so: the same as stating the weekly rate outright.
    const annual = first(
      evaluate(sheet, '=RETAIN.CLV(F4, G4, H4, I4, K2:N2, K4:M4, 52, 10%, "week", "year")')
    );
    const stated = first(
      evaluate(
        sheet,
        `=RETAIN.CLV(F4, G4, H4, I4, K2:N2, K4:M4, 52, ${weekly * 100}%, "week", "week")`
      )
    );
    expect(relative(annual as number, stated as number)).toBeLessThan(1e-12);
  });

  test("CDNOW: Fader & Hardie's published figures, from lifetimes' unrounded fit", () => {
    const params = printed(
      EXAMPLE,
      /\(r = ([\d.]+), α = ([\d.]+), a = ([\d.]+), b = ([\d.]+)\)/
    ).map(Number);
    expect(params).toEqual([0.242593, 4.413532, 0.792886, 2.425752]);
    const [ts, days, values] = printed(
      EXAMPLE,
      /at t = ([\d., and]+) weeks \(([\d, and]+) days\) gives ([\d., and]+), the values/
    ).map(listOf);
    days.forEach((d, i) => expectPrinted(Number(d) / 7, ts[i]));
    expect(ts.length).toBe(5);
    const cdnow = new Sheet();
    cdnow.put("A1", [params]);
    ts.forEach((t, i) =>
      expectPrinted(
        first(evaluate(cdnow, `=RETAIN.BGNBD_EXPECTED(${t}, A1, B1, C1, D1)`)),
        values[i]
      )
    );
    const [t, x, tx, T, y] = printed(
      EXAMPLE,
      /E\[Y\((\d+)\) \| (\d+), ([\d.]+), ([\d.]+)\] = ([\d.]+), as published/
    );
    expectPrinted(
      first(evaluate(cdnow, `=RETAIN.BGNBD_CONDITIONAL(${x}, ${tx}, ${T}, ${t}, A1, B1, C1, D1)`)),
      y
    );
  });
});
