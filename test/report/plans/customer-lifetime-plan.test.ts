/**
 * The "Customer lifetime" plan: the parameters sit in named value cells; each customer's row holds
 * the table's x, t_x, T, m; P(alive) and the expected spend are native formulas that evaluate (over
 * the plan's own cells) to the model's values, never #NUM!, for heavy buyers and x = 0 alike, and
 * follow an edit of a parameter; expected purchases and CLV are the model's values, labelled so;
 * without a spend model the spend columns say why; 100,000 customers stay three blocks.
 */
import fc from "fast-check";
import {
  conditionalExpectedPurchases,
  probabilityAlive,
} from "../../../src/model/buyers/bgnbd-purchases";
import { customerLifetimeValue, discountRatePerUnit } from "../../../src/model/buyers/clv";
import {
  CustomerLifetimeAnalysis,
  CustomerLifetimeTable,
} from "../../../src/model/buyers/customer-lifetime";
import {
  bgbbConditionalExpectedTransactions,
  bgbbProbabilityAlive,
} from "../../../src/model/buyers/bgbb";
import { serialFromIsoText } from "../../../src/model/reading/excel-dates";
import { readFileSync } from "fs";
import path from "path";
import { expectedAverageSpend } from "../../../src/model/buyers/gamma-gamma";
import {
  CHINESE_CUSTOMER_LIFETIME_LABELS,
  customerLifetimePlan,
  ENGLISH_CUSTOMER_LIFETIME_LABELS,
  FIRST_CUSTOMER_ROW,
} from "../../../src/report/plans/customer-lifetime-plan";
import { PlanCell, planCells, SheetPlan } from "../../../src/report/sheet-plan";
import { isCloseTo } from "../../support/close-to";
import { PlanEvaluator } from "../../support/formula-evaluator";
import {
  randomCustomers,
  sampleLifetime,
  stressCustomers,
  tableOf,
  WEEKS,
  asBgNbd,
} from "../customer-lifetime-support";

/** The cell at an address (sheet-plan's cellAt walks every cell; this indexes each plan once). */
const indexes = new WeakMap<SheetPlan, Map<string, PlanCell>>();
function cellAt(plan: SheetPlan, ref: string): PlanCell | undefined {
  let index = indexes.get(plan);
  if (!index) {
    index = new Map([...planCells(plan)].map(({ ref: at, cell }) => [at, cell]));
    indexes.set(plan, index);
  }
  return index.get(ref);
}

const nameOf = (plan: SheetPlan, name: string) => {
  const cell = plan.names.find((n) => n.name === name)?.cell;
  if (!cell) throw new Error(`no name ${name}`);
  return cell;
};

/** Every formula evaluated over the plan's cells equals its `expected` (the model's value). */
function expectFormulasMatch(plan: SheetPlan, tolerance = 1e-12): number {
  const evaluator = new PlanEvaluator(plan);
  let checked = 0;
  for (const { ref, cell } of planCells(plan)) {
    if (cell.kind !== "formula") continue;
    const actual = evaluator.value(ref);
    if (!isCloseTo(actual, cell.expected, tolerance))
      throw new Error(`${ref} ${cell.formula}: evaluates to ${actual}, model ${cell.expected}`);
    checked++;
  }
  return checked;
}

const numberIn = (plan: SheetPlan, ref: string): number => {
  const cell = cellAt(plan, ref);
  if (cell?.kind === "number") return cell.value;
  if (cell?.kind === "formula") return cell.expected;
  throw new Error(`${ref} holds no number: ${JSON.stringify(cell)}`);
};

/**
 * Every customer row against the model, recomputed here from the table's columns and parameters:
 * the id, x, t_x, T, m; P(alive), expected purchases, expected spend and CLV.
 */
function expectRowsMatchModel(plan: SheetPlan, table: CustomerLifetimeTable): void {
  const { customers, spend, options } = table;
  const fit = asBgNbd(table.purchases);
  const { r, alpha, a, b } = fit;
  for (let k = 0; k < customers.count; k++) {
    const row = FIRST_CUSTOMER_ROW + k;
    const [x, tx, T, m] = [
      customers.frequency[k],
      customers.recency[k],
      customers.age[k],
      customers.monetary[k],
    ];
    const id = table.ids.labels[customers.customer[k]];
    expect(cellAt(plan, `A${row}`)).toMatchObject(
      typeof id === "number" ? { kind: "number", value: id } : { kind: "text", text: id }
    );
    expect([`B${row}`, `C${row}`, `D${row}`, `E${row}`].map((ref) => numberIn(plan, ref))).toEqual([
      x,
      tx,
      T,
      m,
    ]);
    // The model's table may group equal customers, so its figures are compared to 1e-13.
    const model = (ref: string, kind: PlanCell["kind"], expected: number) => {
      const cell = cellAt(plan, ref);
      expect(cell?.kind).toBe(kind);
      const actual = cell?.kind === "formula" ? cell.expected : (cell as { value: number }).value;
      if (!isCloseTo(actual, expected, 1e-13))
        throw new Error(`${ref}: ${actual} in the plan, ${expected} from the model`);
    };
    model(`F${row}`, "formula", probabilityAlive(x, tx, T, r, alpha, a, b));
    model(
      `G${row}`,
      "number",
      conditionalExpectedPurchases(x, tx, T, options.horizon, r, alpha, a, b)
    );
    if (!spend) continue;
    model(`H${row}`, "formula", expectedAverageSpend(x, m, spend.p, spend.q, spend.gamma));
    model(
      `I${row}`,
      "number",
      customerLifetimeValue(
        x,
        tx,
        T,
        m,
        fit,
        spend,
        options.horizon,
        options.annualDiscountRate,
        options.timeUnitDays,
        365.25
      )
    );
  }
}

/**
 * The at-risk rule by brute force: repeat customers (x > 0) with P(alive) < 0.5 whose past value
 * (x·m with a spend model, else x) is > 0 and at least the ⌈repeat ÷ 4⌉-th highest; sorted by
 * past value, highest first, ties in row order.
 */
function bruteAtRisk(table: CustomerLifetimeTable): number[] {
  const { frequency: x, monetary: m } = table.customers;
  const past = (k: number) => (table.spend === null ? x[k] : x[k] * m[k]);
  const repeat: number[] = [];
  for (let k = 0; k < x.length; k++) if (x[k] > 0) repeat.push(k);
  if (repeat.length === 0) return [];
  const values = repeat.map(past);
  for (let i = 0; i < values.length; i++)
    for (let j = i + 1; j < values.length; j++)
      if (values[j] > values[i]) [values[i], values[j]] = [values[j], values[i]];
  const threshold = values[Math.ceil(repeat.length / 4) - 1];
  const chosen = repeat.filter((k) => past(k) >= threshold && past(k) > 0 && table.pAlive[k] < 0.5);
  const out: number[] = [];
  for (const k of chosen) {
    let at = out.length;
    while (at > 0 && past(out[at - 1]) < past(k)) at--;
    out.splice(at, 0, k);
  }
  return out;
}

describe("customerLifetimePlan", () => {
  const sample = sampleLifetime({ holdoutDays: 91 });
  const samplePlan = customerLifetimePlan(sample);

  it("puts the fitted parameters in named value cells, and states the time unit, horizon and discount rate", () => {
    const plan = samplePlan;
    const { purchases, spend } = sample;
    expect(plan.names.map((n) => n.name)).toEqual([
      "Clv_TimeUnitDays",
      "Clv_Horizon",
      "Clv_AnnualDiscountRate",
      "Clv_DiscountRatePerUnit",
      "BgNbd_R",
      "BgNbd_Alpha",
      "BgNbd_A",
      "BgNbd_B",
      "GammaGamma_P",
      "GammaGamma_Q",
      "GammaGamma_Gamma",
    ]);
    const valueOf = (name: string) => cellAt(plan, nameOf(plan, name));
    expect(valueOf("BgNbd_R")).toMatchObject({ kind: "number", value: asBgNbd(purchases).r });
    expect(valueOf("BgNbd_Alpha")).toMatchObject({
      kind: "number",
      value: asBgNbd(purchases).alpha,
    });
    expect(valueOf("BgNbd_A")).toMatchObject({ kind: "number", value: asBgNbd(purchases).a });
    expect(valueOf("BgNbd_B")).toMatchObject({ kind: "number", value: asBgNbd(purchases).b });
    expect(valueOf("GammaGamma_P")).toMatchObject({ kind: "number", value: spend!.p });
    expect(valueOf("GammaGamma_Q")).toMatchObject({ kind: "number", value: spend!.q });
    expect(valueOf("GammaGamma_Gamma")).toMatchObject({ kind: "number", value: spend!.gamma });
    expect(valueOf("Clv_TimeUnitDays")).toMatchObject({ kind: "number", value: 7 });
    expect(valueOf("Clv_Horizon")).toMatchObject({ kind: "number", value: 52 });
    expect(valueOf("Clv_AnnualDiscountRate")).toMatchObject({
      kind: "number",
      value: 0.1,
      format: { kind: "percent" },
    });
    // The rate per week: (1.1)^(7/365.25) − 1, as a formula of the two cells above.
    const perUnit = valueOf("Clv_DiscountRatePerUnit")!;
    expect(perUnit).toMatchObject({
      kind: "formula",
      formula: "=(1+B4)^(B2/365.25)-1",
      expected: discountRatePerUnit(0.1, 365.25, 7),
    });
    expect(new PlanEvaluator(plan).number(nameOf(plan, "Clv_DiscountRatePerUnit"))).toBeCloseTo(
      Math.pow(1.1, 7 / 365.25) - 1,
      15
    );
    // The unit in words beside its length, and in the value columns' headers.
    const texts = [...planCells(plan)]
      .filter(({ cell }) => cell.kind === "text")
      .map(({ cell }) => (cell as { text: string }).text);
    expect(texts).toContain("t_x, T, α, the horizon and the holdout length are in weeks");
    const header = FIRST_CUSTOMER_ROW - 1;
    expect(
      ["A", "B", "C", "D", "E", "F", "G", "H", "I"].map(
        (c) => (cellAt(plan, `${c}${header}`) as { text: string }).text
      )
    ).toEqual([
      "Customer",
      "Repeat purchases (x)",
      "Time from first to last purchase, weeks (t_x)",
      "Time since first purchase, weeks (T)",
      "Mean repeat spend (m)",
      "Chance still buying, P(alive)",
      "Expected purchases, next 52 weeks (value)",
      "Expected spend per purchase",
      "CLV, next 52 weeks, discounted (value)",
    ]);
    expect(texts.some((t) => /are values computed by the add-in/.test(t))).toBe(true);
  });

  it("states the observation, the calibration end and the holdout check beside the model's totals", () => {
    const plan = samplePlan;
    const holdout = sample.holdout!;
    const labelled = (label: string) => {
      for (const { ref, cell } of planCells(plan))
        if (cell.kind === "text" && cell.text === label && ref.startsWith("A"))
          return cellAt(plan, `B${ref.slice(1)}`);
      throw new Error(`no ${label}`);
    };
    expect(labelled("Observed through")).toMatchObject({
      value: sample.lastDay,
      format: { kind: "date" },
    });
    expect(labelled("Calibration ends (models fitted on orders up to here)")).toMatchObject({
      value: sample.lastDay - 91,
    });
    expect(labelled("Holdout (days)")).toMatchObject({ value: 91 });
    expect(labelled("Customers")).toMatchObject({ value: sample.customers.count });
    expect(labelled("Holdout length (time units)")).toMatchObject({ value: 13 });
    expect(labelled("Expected purchases in the holdout (value)")).toMatchObject({
      value: holdout.expectedTotal,
    });
    expect(labelled("Actual purchases in the holdout")).toMatchObject({
      value: holdout.actualTotal,
    });
    const noHoldout = customerLifetimePlan(sampleLifetime());
    expect([...planCells(noHoldout)].map(({ cell }) => cell)).toContainEqual(
      expect.objectContaining({ text: "No holdout: the models were fitted on all the orders." })
    );
  });

  it("writes every customer's row with the model's figures (sample orders)", () => {
    expectRowsMatchModel(samplePlan, sample);
    const last = FIRST_CUSTOMER_ROW + sample.customers.count;
    expect(cellAt(samplePlan, `A${last}`)).toBeUndefined();
    expect(expectFormulasMatch(samplePlan)).toBe(2 * sample.customers.count + 1);
  });

  it("writes P(alive) and the expected spend as closed-form formulas of the row and the named cells", () => {
    const plan = samplePlan;
    const [r, alpha, a, b, p, q, gamma] = [
      "BgNbd_R",
      "BgNbd_Alpha",
      "BgNbd_A",
      "BgNbd_B",
      "GammaGamma_P",
      "GammaGamma_Q",
      "GammaGamma_Gamma",
    ].map((name) => {
      const [, column, row] = /^([A-Z]+)(\d+)$/.exec(nameOf(plan, name))!;
      return `\\$${column}\\$${row}`; // $B$13, escaped for a RegExp
    });
    for (let k = 0; k < sample.customers.count; k++) {
      const row = FIRST_CUSTOMER_ROW + k;
      const delta = `LN\\(${a}/\\(${b}\\+B${row}-1\\)\\)\\+\\(${r}\\+B${row}\\)\\*LN\\(\\(${alpha}\\+D${row}\\)/\\(${alpha}\\+C${row}\\)\\)`;
      const capped = `EXP\\(-MAX\\(${delta},-709\\)\\)`;
      expect((cellAt(plan, `F${row}`) as { formula: string }).formula).toMatch(
        new RegExp(`^=IF\\(B${row}=0,1,${capped}/\\(1\\+${capped}\\)\\)$`)
      );
      expect((cellAt(plan, `H${row}`) as { formula: string }).formula).toMatch(
        new RegExp(`^=${p}\\*\\(${gamma}\\+E${row}\\*B${row}\\)/\\(${p}\\*B${row}\\+${q}-1\\)$`)
      );
      expect(cellAt(plan, `F${row}`)).toMatchObject({ format: { kind: "percent" } });
    }
  });

  it("gives the model's P(alive) for heavy buyers, x = 0 and probabilities down to 0, never #NUM!", () => {
    const table = tableOf(
      stressCustomers(asBgNbd(sample.purchases)),
      asBgNbd(sample.purchases),
      sample.spend
    );
    // The fixture reaches what it is for: P(alive) of 1, ~1e-300, subnormal and 0.
    const pAlive = Array.from(table.pAlive);
    expect(pAlive.filter((v) => v === 1).length).toBeGreaterThanOrEqual(3);
    expect(pAlive.some((v) => v > 1e-305 && v < 1e-295)).toBe(true);
    expect(pAlive.some((v) => v > 0 && v < 2.2e-308)).toBe(true);
    expect(pAlive.filter((v) => v === 0).length).toBeGreaterThanOrEqual(3);
    const plan = customerLifetimePlan(table);
    expectRowsMatchModel(plan, table);
    expect(expectFormulasMatch(plan)).toBe(2 * table.customers.count + 1);
    // The closed form evaluated directly (no logs) where its power does not overflow.
    const evaluator = new PlanEvaluator(plan);
    const { r, alpha, a, b } = asBgNbd(table.purchases);
    stressCustomers(asBgNbd(table.purchases)).forEach(({ x, tx, T }, k) => {
      const power = Math.pow((alpha + T) / (alpha + tx), r + x);
      if (!Number.isFinite(power) || power > 1e200) return;
      const direct = x === 0 ? 1 : 1 / (1 + (a / (b + x - 1)) * power);
      expect(isCloseTo(evaluator.value(`F${FIRST_CUSTOMER_ROW + k}`), direct, 1e-12)).toBe(true);
    });
    // A text id that looks like a formula stays text.
    expect([...planCells(plan)].map(({ cell }) => cell)).toContainEqual({
      kind: "text",
      text: '=HYPERLINK("x")',
    });
  });

  it("follows the chosen model: MBG/NBD's P(alive) formula for every customer, evaluated to the model", () => {
    const fit = asBgNbd(sample.purchases);
    const table = tableOf(stressCustomers(fit), fit, sample.spend, WEEKS, undefined, "MBGNBD");
    const plan = customerLifetimePlan(table);
    expect(plan.names.map((n) => n.name).slice(4, 8)).toEqual([
      "MbgNbd_R",
      "MbgNbd_Alpha",
      "MbgNbd_A",
      "MbgNbd_B",
    ]);
    expect(cellAt(plan, "A1")).toMatchObject({ text: expect.stringContaining("MBG/NBD") });
    // Every P(alive) a formula without BG/NBD's x = 0 exception, and equal to the model's value
    // (the table's P(alive) are mbgnbdProbabilityAlive's, row by row).
    for (let k = 0; k < table.customers.count; k++) {
      const cell = cellAt(plan, `F${FIRST_CUSTOMER_ROW + k}`) as { kind: string; formula: string };
      expect(cell.kind).toBe("formula");
      expect(cell.formula).not.toMatch(/^=IF/);
    }
    expect(expectFormulasMatch(plan)).toBe(2 * table.customers.count + 1);
    // Directly (no logs) where the power does not overflow: 1 / (1 + a/(b+x)·((α+T)/(α+t_x))^(r+x)).
    const evaluator = new PlanEvaluator(plan);
    const { r, alpha, a, b } = fit;
    stressCustomers(fit).forEach(({ x, tx, T }, k) => {
      const power = Math.pow((alpha + T) / (alpha + tx), r + x);
      if (!Number.isFinite(power) || power > 1e200) return;
      const direct = 1 / (1 + (a / (b + x)) * power);
      expect(isCloseTo(evaluator.value(`F${FIRST_CUSTOMER_ROW + k}`), direct, 1e-12)).toBe(true);
    });
  });

  it("writes Pareto/NBD's P(alive) as labelled values (it needs ₂F₁), with its parameters named", () => {
    const fit = asBgNbd(sample.purchases);
    const base = tableOf(stressCustomers(fit).slice(0, 5), fit, sample.spend);
    const pareto: CustomerLifetimeTable = {
      ...base,
      purchases: {
        model: "PARETO_NBD",
        label: "Pareto/NBD",
        parameterNames: ["r", "alpha", "s", "beta"],
        parameters: [0.55, 10.6, 0.61, 11.7],
        logLikelihood: -1000,
      },
    };
    const plan = customerLifetimePlan(pareto);
    expect(plan.names.map((n) => n.name).slice(4, 8)).toEqual([
      "ParetoNbd_R",
      "ParetoNbd_Alpha",
      "ParetoNbd_S",
      "ParetoNbd_Beta",
    ]);
    expect(numberIn(plan, nameOf(plan, "ParetoNbd_S"))).toBe(0.61);
    for (let k = 0; k < 5; k++)
      expect(cellAt(plan, `F${FIRST_CUSTOMER_ROW + k}`)).toEqual({
        kind: "number",
        value: pareto.pAlive[k],
        format: { kind: "percent" },
        style: undefined,
      });
    const texts = [...planCells(plan)].flatMap(({ cell }) =>
      cell.kind === "text" ? [cell.text] : []
    );
    expect(texts).toContain(ENGLISH_CUSTOMER_LIFETIME_LABELS.tableNoteValues);
    expect(texts).toContain(ENGLISH_CUSTOMER_LIFETIME_LABELS.purchasesNotes.PARETO_NBD);
    expect(texts.some((t) => t.includes("Pareto/NBD purchases"))).toBe(true);
  });

  it("writes BG/BB's sums over opportunities as labelled values, its expected spend as formulas, in opportunities", () => {
    // The sample's orders by quarter, the last two quarters held out.
    const analysis = new CustomerLifetimeAnalysis();
    readFileSync(path.resolve(__dirname, "../../../samples/orders.csv"), "utf8")
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .forEach((line, i) => {
        const [id, date, amount] = line.split(",");
        analysis.add(i + 2, id, serialFromIsoText(date), Number(amount));
      });
    const table = analysis.finish({
      timeUnitDays: 365.25 / 4,
      holdoutDays: 0,
      horizon: 8,
      annualDiscountRate: 0.1,
      model: "BGBB",
      opportunity: "quarter",
      holdoutOpportunities: 2,
    });
    for (const [labels, language] of [
      [ENGLISH_CUSTOMER_LIFETIME_LABELS, "en"],
      [CHINESE_CUSTOMER_LIFETIME_LABELS, "zh"],
    ] as const) {
      const plan = customerLifetimePlan(table, { labels });
      expect(plan.names.map((n) => n.name).slice(4, 8)).toEqual([
        "BgBb_Alpha",
        "BgBb_Beta",
        "BgBb_Gamma",
        "BgBb_Delta",
      ]);
      const [alpha, beta, gamma, delta] = table.purchases.parameters;
      expect(numberIn(plan, nameOf(plan, "BgBb_Delta"))).toBe(delta);
      // The rate per opportunity (a quarter) and every expected spend evaluate to the model's.
      expect(expectFormulasMatch(plan)).toBeGreaterThan(
        table.customers.frequency.filter((x) => x > 0).length
      );
      const parameters = { alpha, beta, gamma, delta };
      const spend = table.spend!;
      expect(spend).not.toBeNull();
      const perQuarter = Math.pow(1.1, 0.25) - 1;
      const { frequency, recency, age, monetary } = table.customers;
      for (let k = 0; k < table.customers.count; k++) {
        const row = FIRST_CUSTOMER_ROW + k;
        const [x, tx, n] = [frequency[k], recency[k], age[k]];
        expect([`B${row}`, `C${row}`, `D${row}`].map((ref) => numberIn(plan, ref))).toEqual([
          x,
          tx,
          n,
        ]);
        const value = (ref: string, expected: number, tolerance: number) => {
          const cell = cellAt(plan, ref);
          expect(cell?.kind).toBe("number");
          if (!isCloseTo((cell as { value: number }).value, expected, tolerance))
            throw new Error(`${ref}: ${JSON.stringify(cell)} in the plan, ${expected} from BG/BB`);
        };
        value(`F${row}`, bgbbProbabilityAlive(x, tx, n, parameters), 1e-13);
        const E = (t: number) => bgbbConditionalExpectedTransactions(x, tx, n, t, parameters);
        value(`G${row}`, E(8), 1e-13);
        let discounted = 0;
        for (let j = 1; j <= 8; j++) discounted += (E(j) - E(j - 1)) / Math.pow(1 + perQuarter, j);
        const m = expectedAverageSpend(x, monetary[k], spend.p, spend.q, spend.gamma);
        expect(cellAt(plan, `H${row}`)?.kind).toBe("formula");
        value(`I${row}`, m * discounted, 1e-10);
      }
      const texts = [...planCells(plan)].flatMap(({ cell }) =>
        cell.kind === "text" ? [cell.text] : []
      );
      expect(texts).toContain(labels.tableNoteOpportunities);
      expect(texts).toContain(labels.purchasesNotes.BGBB);
      expect(texts).toContain(labels.opportunityFrequency);
      expect(texts).toContain(labels.opportunityAge.replace("{unit}", labels.units.quarter));
      expect(texts).toContain(labels.hintValues);
      // The holdout in whole opportunities, and the opportunity's length in days.
      expect(cellAt(plan, "A8")).toMatchObject({ text: labels.holdoutOpportunities });
      expect(numberIn(plan, "B8")).toBe(2);
      expect(cellAt(plan, "A2")).toMatchObject({ text: labels.opportunityLength });
      expect(numberIn(plan, "B2")).toBe(365.25 / 4);
      void language;
    }
  });

  it("evaluates to the model on random customers and parameters, x up to 10,000 (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 10_000 })),
            T: fc.double({ min: 0, max: 1000, noNaN: true }),
            share: fc.double({ min: 0, max: 1, noNaN: true }),
            m: fc.double({ min: 0, max: 1e5, noNaN: true }),
          }),
          { minLength: 1, maxLength: 12 }
        ),
        fc.record({
          r: fc.double({ min: 0.01, max: 20, noNaN: true }),
          alpha: fc.double({ min: 0.01, max: 500, noNaN: true }),
          a: fc.double({ min: 0.01, max: 20, noNaN: true }),
          b: fc.double({ min: 0.01, max: 50, noNaN: true }),
        }),
        fc.record({
          p: fc.double({ min: 0.1, max: 50, noNaN: true }),
          q: fc.double({ min: 1.01, max: 50, noNaN: true }),
          gamma: fc.double({ min: 0.1, max: 1e4, noNaN: true }),
        }),
        (rows, bg, gg) => {
          const customers = rows.map(({ x, T, share, m }, k) => ({
            id: `C${k}`,
            x,
            tx: x === 0 ? 0 : T * share,
            T,
            m: x === 0 ? 0 : m,
          }));
          const purchases = { ...bg, logLikelihood: -1, iterations: 1 };
          const spend = { ...gg, logLikelihood: -1, customersUsed: 1, iterations: 1 };
          // Horizon 1: the values are not under test here, only the formulas.
          const table = tableOf(customers, purchases, spend, { ...WEEKS, horizon: 1 });
          expectFormulasMatch(customerLifetimePlan(table), 1e-11);
        }
      ),
      { numRuns: 60 }
    );
  });

  it("has live parameters: P(alive) and the expected spend follow an edit of r, α, a, b, p, q, γ", () => {
    const table = tableOf(
      stressCustomers(asBgNbd(sample.purchases)),
      asBgNbd(sample.purchases),
      sample.spend
    );
    const plan = customerLifetimePlan(table);
    const evaluator = new PlanEvaluator(plan);
    const edited = { r: 0.9, alpha: 3.5, a: 1.7, b: 6, p: 2.5, q: 4.5, gamma: 30 };
    evaluator.setNumber(nameOf(plan, "BgNbd_R"), edited.r);
    evaluator.setNumber(nameOf(plan, "BgNbd_Alpha"), edited.alpha);
    evaluator.setNumber(nameOf(plan, "BgNbd_A"), edited.a);
    evaluator.setNumber(nameOf(plan, "BgNbd_B"), edited.b);
    evaluator.setNumber(nameOf(plan, "GammaGamma_P"), edited.p);
    evaluator.setNumber(nameOf(plan, "GammaGamma_Q"), edited.q);
    evaluator.setNumber(nameOf(plan, "GammaGamma_Gamma"), edited.gamma);
    const { frequency, recency, age, monetary } = table.customers;
    for (let k = 0; k < table.customers.count; k++) {
      const row = FIRST_CUSTOMER_ROW + k;
      const pAlive = probabilityAlive(
        frequency[k],
        recency[k],
        age[k],
        edited.r,
        edited.alpha,
        edited.a,
        edited.b
      );
      expect(isCloseTo(evaluator.value(`F${row}`), pAlive, 1e-12)).toBe(true);
      const spend = expectedAverageSpend(
        frequency[k],
        monetary[k],
        edited.p,
        edited.q,
        edited.gamma
      );
      expect(isCloseTo(evaluator.value(`H${row}`), spend, 1e-12)).toBe(true);
    }
  });

  it("without a spend model, the spend columns say why and hold no formula", () => {
    const table = sampleLifetime({}, false);
    expect(table.spend).toBeNull();
    const plan = customerLifetimePlan(table);
    expect(plan.names.map((n) => n.name)).not.toContain("GammaGamma_P");
    const reason = `No spend model: ${table.spendProblem}`;
    for (let k = 0; k < table.customers.count; k++) {
      const row = FIRST_CUSTOMER_ROW + k;
      expect(cellAt(plan, `H${row}`)).toEqual({ kind: "text", text: reason });
      expect(cellAt(plan, `I${row}`)).toEqual({ kind: "text", text: reason });
    }
    expectRowsMatchModel(plan, table);
    expect(expectFormulasMatch(plan)).toBe(table.customers.count + 1);
    const notes = [...planCells(plan)].filter(
      ({ ref, cell }) => ref.startsWith("A") && cell.kind === "text" && cell.text === reason
    );
    expect(notes).toHaveLength(1); // in the Gamma-Gamma block
  });

  it("writes no spend formula for a customer the spend model gives no number for", () => {
    const table = tableOf(
      stressCustomers(asBgNbd(sample.purchases)),
      asBgNbd(sample.purchases),
      sample.spend
    );
    table.clv[3] = NaN;
    const plan = customerLifetimePlan(table);
    const row = FIRST_CUSTOMER_ROW + 3;
    const unavailable = { kind: "text", text: "No expected spend for this customer" };
    expect([cellAt(plan, `H${row}`), cellAt(plan, `I${row}`)]).toEqual([unavailable, unavailable]);
    expect(cellAt(plan, `H${row + 1}`)?.kind).toBe("formula");
    // A spend fit with q ≤ 1 has an infinite mean: no spend names, no spend formulas.
    const infinite = customerLifetimePlan({ ...table, spend: { ...table.spend!, q: 0.8 } });
    expect(infinite.names.map((n) => n.name)).not.toContain("GammaGamma_Q");
    expect(cellAt(infinite, `H${row}`)).toEqual({ kind: "text", text: "No spend model" });
    expectFormulasMatch(infinite);
  });

  it("writes the at-risk list beside the customers, with its rule, and the one-time buyers' caveat", () => {
    const check = (table: CustomerLifetimeTable, english = true) => {
      const labels = english ? ENGLISH_CUSTOMER_LIFETIME_LABELS : CHINESE_CUSTOMER_LIFETIME_LABELS;
      const plan = customerLifetimePlan(table, { labels });
      const top = FIRST_CUSTOMER_ROW - 3;
      expect(cellAt(plan, `K${top}`)).toMatchObject({ kind: "text", text: labels.atRiskTitle });
      const expected = bruteAtRisk(table);
      const spend = table.spend !== null && table.spend.q > 1;
      const rule = (cellAt(plan, `K${top + 1}`) as { text: string }).text;
      if (expected.length === 0) {
        expect(rule).toBe(labels.atRiskNone);
        expect(cellAt(plan, `K${top + 2}`)).toBeUndefined();
      } else {
        expect(rule).toContain("50%");
        expect(rule).toContain("25%");
        expect(cellAt(plan, `L${top + 2}`)).toMatchObject({
          text: spend ? labels.pastSpend : labels.pastPurchases,
          style: "header",
        });
      }
      const { customer, frequency: x, monetary: m } = table.customers;
      expected.forEach((k, i) => {
        const row = top + 3 + i;
        const id = table.ids.labels[customer[k]];
        const idCell = cellAt(plan, `K${row}`) as { value?: unknown; text?: unknown };
        expect(idCell.value ?? idCell.text).toBe(id);
        expect(numberIn(plan, `L${row}`)).toBe(spend ? x[k] * m[k] : x[k]);
        expect(numberIn(plan, `M${row}`)).toBe(table.pAlive[k]);
        if (spend) {
          expect(numberIn(plan, `N${row}`)).toBe(x[k]);
          expect(numberIn(plan, `O${row}`)).toBe(table.clv[k]);
        }
      });
      expect(cellAt(plan, `K${top + 3 + expected.length}`)).toBeUndefined();
      // The one-time buyers, counted here, beside the customer count.
      let once = 0;
      for (let k = 0; k < x.length; k++) if (x[k] === 0) once++;
      const note = [...planCells(plan)].find(
        ({ cell }) =>
          cell.kind === "text" &&
          cell.text.includes(once.toLocaleString("en-US")) &&
          cell.text === labels.oneTimeNote.replace("{count}", once.toLocaleString("en-US"))
      );
      if (once > 0) expect(note?.ref).toBe("C9");
      else expect(note).toBeUndefined();
      // Headers are never cut off: each table header's column is wide enough (CJK counts 2).
      for (const { ref, cell } of planCells(plan)) {
        if (cell.kind !== "text" || cell.style !== "header") continue;
        const column = ref.replace(/\d+$/, "");
        const next = String.fromCharCode(column.charCodeAt(0) + 1) + ref.slice(column.length);
        if (column.length > 1 || !cellAt(plan, next)) continue;
        let width = 0;
        for (const ch of cell.text) width += /[\u4e00-\u9fff\uff08\uff09\uff0c]/.test(ch) ? 2 : 1;
        expect(plan.columnWidths[column]).toBeGreaterThanOrEqual(Math.min(width, 60));
      }
    };
    expect(bruteAtRisk(sample).length).toBeGreaterThan(0);
    check(sample);
    check(sample, false);
    check(sampleLifetime({}, false));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 60 }), (seed, n) => {
        const customers = randomCustomers(n, seed);
        check(tableOf(customers, asBgNbd(sample.purchases), sample.spend));
        check(tableOf(customers, asBgNbd(sample.purchases), null));
      }),
      { numRuns: 40 }
    );
  });

  it("keeps 100,000 customers in three blocks of whole rows, the at-risk list a fourth", () => {
    const customers = randomCustomers(100_000, 5).map((c) => (c.x > 50 ? { ...c, x: 50 } : c));
    const table = tableOf(customers, asBgNbd(sample.purchases), sample.spend, {
      ...WEEKS,
      horizon: 1,
    });
    const plan = customerLifetimePlan(table);
    expect(plan.blocks).toHaveLength(4);
    expect(plan.blocks[3].topLeft).toBe(`K${FIRST_CUSTOMER_ROW - 3}`);
    const body = plan.blocks[2];
    expect(body.topLeft).toBe(`A${FIRST_CUSTOMER_ROW - 3}`);
    expect(body.rows).toHaveLength(100_003);
    expect(body.rows.slice(3).every((row) => row.length === 9)).toBe(true);
    // The table's cells carry no style: a style per row would be a range per row in Office.js.
    expect(body.rows.slice(3).every((row) => row.every((c: PlanCell | null) => !c?.style))).toBe(
      true
    );
    // Spot checks across the table.
    const evaluator = new PlanEvaluator(plan);
    for (const k of [0, 1, 4_999, 50_000, 99_999]) {
      const row = FIRST_CUSTOMER_ROW + k;
      expect(isCloseTo(evaluator.value(`F${row}`), table.pAlive[k], 1e-12)).toBe(true);
      expect(isCloseTo(evaluator.value(`H${row}`), table.expectedSpend[k], 1e-12)).toBe(true);
    }
  });

  it("names the time unit in the note and the value columns' headers (days, weeks, months, any other length)", () => {
    const customers = stressCustomers(asBgNbd(sample.purchases)).slice(0, 3);
    const header = (days: number, labels = ENGLISH_CUSTOMER_LIFETIME_LABELS) => {
      const options = { ...WEEKS, timeUnitDays: days, horizon: 12 };
      const plan = customerLifetimePlan(
        tableOf(customers, asBgNbd(sample.purchases), sample.spend, options),
        {
          labels,
        }
      );
      return [
        (cellAt(plan, "C2") as { text: string }).text,
        (cellAt(plan, `G${FIRST_CUSTOMER_ROW - 1}`) as { text: string }).text,
        (cellAt(plan, `I${FIRST_CUSTOMER_ROW - 1}`) as { text: string }).text,
      ];
    };
    expect(header(1)).toEqual([
      "t_x, T, α, the horizon and the holdout length are in days",
      "Expected purchases, next 12 days (value)",
      "CLV, next 12 days, discounted (value)",
    ]);
    expect(header(365.25 / 12)[1]).toBe("Expected purchases, next 12 months (value)");
    expect(header(14)[1]).toBe("Expected purchases, next 12 periods of 14 days (value)");
    expect(header(7, CHINESE_CUSTOMER_LIFETIME_LABELS)).toEqual([
      "t_x、T、α、预测期和留出期均以周为单位",
      "未来 12 周预期购买次数（数值）",
      "未来 12 周折现 CLV（数值）",
    ]);
    // The labels are plain data, so they can cross to the pane's worker.
    expect(structuredClone(CHINESE_CUSTOMER_LIFETIME_LABELS)).toEqual(
      CHINESE_CUSTOMER_LIFETIME_LABELS
    );
  });

  it("speaks Chinese when asked, with the same formulas, and refuses more customers than a sheet holds", () => {
    const plan = customerLifetimePlan(sample, { labels: CHINESE_CUSTOMER_LIFETIME_LABELS });
    expect(plan.sheetName).toBe("客户生命周期");
    expect(cellAt(plan, `G${FIRST_CUSTOMER_ROW - 1}`)).toMatchObject({
      text: "未来 52 周预期购买次数（数值）",
    });
    const formulas = (p: SheetPlan) =>
      [...planCells(p)].filter(({ cell }) => cell.kind === "formula");
    expect(formulas(plan)).toEqual(formulas(samplePlan));
    expect(customerLifetimePlan(sample, { sheetName: "CLV" }).sheetName).toBe("CLV");
    const tooMany = {
      ...sample,
      customers: { ...sample.customers, count: 1_048_576 - FIRST_CUSTOMER_ROW + 2 },
    };
    expect(() => customerLifetimePlan(tooMany)).toThrow(/customers do not fit a sheet/);
  });
});
