import {
  cloneScenario,
  evaluateScenario,
  Scenario,
  WORKED_EXAMPLE,
} from "../../../src/model/economics/scenario";
import { goalSeek } from "../../../src/model/whatif/goal-seek";
import { outputChange } from "../../../src/model/whatif/output-change";
import { retentionBillAxes } from "../../../src/model/whatif/retention-bill-axes";
import { axisValues, sensitivityGrid } from "../../../src/model/whatif/sensitivity";
import { tornado } from "../../../src/model/whatif/tornado";
import { tryOutput as tryModelOutput } from "../../../src/model/whatif/whatif-model";
import {
  getInput,
  getOutput,
  INPUT_KEYS,
  inputAffectsResults,
  OUTPUT_KEYS,
  OutputKey,
  setInput,
  WORKED_EXAMPLE_MODEL as model,
} from "../../../src/model/whatif/worked-example-model";
import { evaluateOutputs } from "../../../src/model/whatif/worked-example-outputs";

const example = () => cloneScenario(WORKED_EXAMPLE);
const tryOutput = (s: Scenario, key: OutputKey) => tryModelOutput(model, s, key);

describe("input and output keys", () => {
  it("reads every input of the worked example", () => {
    const s = example();
    expect(getInput(s, "segments.new.marketingSpend")).toBe(1_617_000);
    expect(getInput(s, "segments.returning.customers")).toBe(80);
    expect(getInput(s, "retention.rate")).toBe(0.8);
    expect(getInput(s, "ltv.discountRate")).toBe(0.1);
    expect(getInput(s, "ltv.periods")).toBeNull();
  });

  it("sets a copy and leaves the original alone", () => {
    const s = example();
    for (const key of INPUT_KEYS) {
      const next = setInput(s, key, 42);
      expect(getInput(next, key)).toBe(42);
      for (const other of INPUT_KEYS)
        if (other !== key) expect(getInput(next, other)).toBe(getInput(s, other));
    }
    expect(s).toEqual(WORKED_EXAMPLE);
  });

  it("reads every output key from the results", () => {
    const results = evaluateScenario(example());
    for (const key of OUTPUT_KEYS) expect(Number.isFinite(getOutput(results, key))).toBe(true);
    expect(OUTPUT_KEYS).toHaveLength(29);
    expect(getOutput(results, "new.revenue")).toBe(2_250_000);
    expect(getOutput(results, "returning.profit")).toBe(572_000);
    expect(getOutput(results, "new.costPerCustomer")).toBeCloseTo(28_226.67, 2);
  });

  it("gives null for an output of a scenario that cannot be evaluated", () => {
    expect(tryOutput(setInput(example(), "segments.new.customers", 0), "new.profit")).toBeNull();
    expect(tryOutput(setInput(example(), "retention.rate", 1.2), "ltv.value")).toBeNull();
  });

  it("knows which inputs are ignored", () => {
    const s = example();
    expect(inputAffectsResults(s, "retention.startCustomers")).toBe(false);
    expect(inputAffectsResults(s, "ltv.periods")).toBe(false);
    const linked = cloneScenario(s);
    linked.retention.linked = true;
    expect(inputAffectsResults(linked, "segments.returning.customers")).toBe(false);
    expect(inputAffectsResults(linked, "retention.startCustomers")).toBe(true);
  });
});

describe("sensitivityGrid", () => {
  it("is 11 × 11 at ±25% with the current point in the middle", () => {
    const s = example();
    const grid = sensitivityGrid(
      model,
      s,
      "segments.new.averageBill",
      "segments.new.customers",
      "new.profit"
    );
    expect(grid.rowValues).toHaveLength(11);
    expect(grid.colValues).toHaveLength(11);
    expect(grid.rowValues[0]).toBeCloseTo(22_500);
    expect(grid.rowValues[10]).toBeCloseTo(37_500);
    expect(grid.rowValues[5]).toBe(30_000);
    expect(grid.colValues[5]).toBe(75);
    expect(grid.base).toBe(133_000);
    expect(grid.cells[5][5]).toBe(133_000);
    // Every cell is the model's answer for that pair of inputs.
    for (const [i, rv] of grid.rowValues.entries())
      for (const [j, cv] of grid.colValues.entries())
        expect(grid.cells[i][j]).toBeCloseTo(rv * cv - 2_117_000, 6);
    expect(grid.min).toBeCloseTo(22_500 * 56.25 - 2_117_000);
    expect(grid.max).toBeCloseTo(37_500 * 93.75 - 2_117_000);
  });

  it("honours steps and spread and marks cells that cannot be evaluated", () => {
    const grid = sensitivityGrid(
      model,
      example(),
      "retention.rate",
      "ltv.discountRate",
      "ltv.value",
      {
        steps: 5,
        spread: 0.5,
      }
    );
    expect(grid.rowValues).toEqual(
      [0.4, 0.6000000000000001, 0.8, 1.0000000000000002, 1.2000000000000002].map((v) =>
        expect.closeTo(v, 12)
      )
    );
    expect(grid.cells[4].every((c) => c === null)).toBe(true); // retention above 100%
    expect(grid.cells[2][2]).toBeCloseTo(evaluateScenario(example()).ltv.value, 9);
  });

  it("rejects an even number of steps", () => {
    expect(() =>
      sensitivityGrid(model, example(), "retention.rate", "ltv.discountRate", "ltv.value", {
        steps: 10,
        spread: 0.25,
      })
    ).toThrow(RangeError);
  });

  it("spaces axis values evenly", () => {
    expect(axisValues(100, 5, 0.2)).toEqual(
      [80, 90, 100, 110, 120].map((v) => expect.closeTo(v, 9))
    );
  });
});

describe("tornado", () => {
  it("orders bars by the brute-force effect of moving each input ±10%", () => {
    const s = example();
    const result = tornado(model, s, "total.profit");
    const base = tryOutput(s, "total.profit")!;
    const bruteForce = INPUT_KEYS.filter(
      (k) => inputAffectsResults(s, k) && getInput(s, k) !== null
    )
      .map((k) => {
        const v = getInput(s, k)!;
        const low = tryOutput(
          setInput(s, k, Math.min(v * 0.9, k === "retention.rate" ? 1 : Infinity)),
          "total.profit"
        )!;
        const high = tryOutput(
          setInput(s, k, Math.min(v * 1.1, k === "retention.rate" ? 1 : Infinity)),
          "total.profit"
        )!;
        return { k, effect: Math.max(Math.abs(low - base), Math.abs(high - base)) };
      })
      .sort((a, b) => b.effect - a.effect);
    expect(result.bars.map((b) => b.input)).toEqual(bruteForce.map((b) => b.k));
    for (const [i, bar] of result.bars.entries())
      expect(bar.effect).toBeCloseTo(bruteForce[i].effect, 6);
    // Revenue lines dominate profit: 10% of 2.4M beats 10% of 2.25M beats spend.
    expect(result.bars[0].input).toMatch(/returning\.(customers|averageBill)/);
    expect(result.bars.at(-1)!.effect).toBe(0); // LTV settings do not move profit
  });

  it("caps the retention rate at 100% and swings by the given amount", () => {
    const s = setInput(example(), "retention.rate", 0.95);
    const bar = tornado(model, s, "ltv.value", { swing: 0.2 }).bars.find(
      (b) => b.input === "retention.rate"
    )!;
    expect(bar.highInput).toBe(1);
    expect(bar.lowInput).toBeCloseTo(0.76);
    expect(bar.high).not.toBeNull();
  });
});

describe("retentionBillAxes", () => {
  it("puts the worked example's 80% and 30,000 in the middle of ±20-point and ±20% axes", () => {
    expect(retentionBillAxes(example())).toEqual({
      retentionRates: [0.6, 0.7, 0.8, 0.9, 1],
      averageBills: [24_000, 27_000, 30_000, 33_000, 36_000],
    });
  });

  it("keeps retention rates within (0, 100%]", () => {
    const s = example();
    s.retention.rate = 0.95;
    expect(retentionBillAxes(s).retentionRates).toEqual([0.75, 0.85, 0.95]);
    s.retention.rate = 0.15;
    expect(retentionBillAxes(s).retentionRates).toEqual([0.05, 0.15, 0.25, 0.35]);
  });
});

describe("outputChange", () => {
  it("gives the difference and its share of the baseline's size", () => {
    // Total profit 705,000 → 1,455,000 (new average bill 40,000): +750,000, +106.4%.
    expect(outputChange(705_000, 1_455_000)).toEqual({
      delta: 750_000,
      relative: expect.closeTo(750_000 / 705_000, 12),
    });
    // From a loss, a rise is a rise: relative to the size of the baseline, not its sign.
    expect(outputChange(-100, 50)).toEqual({ delta: 150, relative: 1.5 });
  });

  it("has no relative change from a zero baseline, and nothing when a side has no value", () => {
    expect(outputChange(0, 10)).toEqual({ delta: 10, relative: null });
    expect(outputChange(null, 10)).toBeNull();
    expect(outputChange(10, null)).toBeNull();
  });
});

describe("goalSeek", () => {
  it("finds the average bill at which new customers break even: 2,117,000 / 75", () => {
    const result = goalSeek(model, example(), "new.profit", 0, "segments.new.averageBill");
    expect(result.kind).toBe("found");
    if (result.kind !== "found") return;
    expect(result.value).toBeCloseTo(2_117_000 / 75, 6);
    expect(result.value.toFixed(2)).toBe("28226.67");
    expect(Math.abs(result.achieved)).toBeLessThan(1e-3);
    expect(getInput(result.state, "segments.new.averageBill")).toBe(result.value);
  });

  it("finds the retention rate that gives a target total profit with the link on", () => {
    const s = example();
    s.retention.linked = true; // 100 × 80% = 80 returning customers reproduces the example
    expect(tryOutput(s, "total.profit")).toBeCloseTo(705_000);
    const result = goalSeek(model, s, "total.profit", 900_000, "retention.rate");
    expect(result.kind).toBe("found");
    if (result.kind !== "found") return;
    // profit = 133,000 + (100r × 30,000 − 1,828,000) = 900,000 → r = 0.865
    expect(result.value).toBeCloseTo(0.865, 9);
  });

  it("finds the customers count for a target cost ratio (a 1/x-shaped output)", () => {
    const result = goalSeek(model, example(), "comparison.costRatio", 1, "segments.new.customers");
    expect(result.kind).toBe("found");
    if (result.kind === "found") expect(result.value).toBeCloseTo(2_117_000 / 22_850, 6);
  });

  it("gives the whole customer counts either side of a fractional answer, with what each gives", () => {
    // 92.65 new customers make the cost ratio 1; nobody acquires 0.65 of a customer.
    const result = goalSeek(model, example(), "comparison.costRatio", 1, "segments.new.customers");
    if (result.kind !== "found") throw new Error(result.kind);
    const returningCost = 1_828_000 / 80;
    expect(result.wholeNeighbours).toEqual([
      { value: 92, achieved: expect.closeTo(2_117_000 / 92 / returningCost, 12) },
      { value: 93, achieved: expect.closeTo(2_117_000 / 93 / returningCost, 12) },
    ]);
  });

  it("gives no whole neighbours when the answer is whole or the input is not a count", () => {
    // 75 new customers × 30,000 − 2,117,000 = 133,000: the worked example's own profit.
    const whole = goalSeek(model, example(), "new.profit", 133_000, "segments.new.customers");
    expect(whole).toMatchObject({ kind: "found", value: expect.closeTo(75, 6) });
    expect(whole).not.toHaveProperty("wholeNeighbours");
    const money = goalSeek(model, example(), "new.profit", 0, "segments.new.averageBill");
    expect(money).not.toHaveProperty("wholeNeighbours");
  });

  it("says so when no value in the range reaches the target instead of giving a wrong number", () => {
    // Retention is capped at 100 of 100 start customers: profit cannot exceed 1,305,000.
    const s = example();
    s.retention.linked = true;
    const result = goalSeek(model, s, "total.profit", 5_000_000, "retention.rate");
    expect(result).toMatchObject({ kind: "unreachable", lo: 0, hi: 1 });
    if (result.kind === "unreachable")
      expect(result.closest).toEqual({ value: 1, achieved: expect.closeTo(1_305_000, 3) });
  });

  it("does not mistake a pole for a root", () => {
    // Extra profit share = 7,150 / (bill − 28,226.67) − 1 jumps from −∞ to +∞ at break-even.
    // Left of it the share is at most −1.253, right of it above −0.998: −1.1 is never reached,
    // yet (share + 1.1) changes sign across the pole. A bare bisection would return 28,226.67.
    const result = goalSeek(
      model,
      example(),
      "comparison.extraProfitShare",
      -1.1,
      "segments.new.averageBill"
    );
    expect(result.kind).toBe("unreachable");
    const reachable = goalSeek(
      model,
      example(),
      "comparison.extraProfitShare",
      -1.5,
      "segments.new.averageBill"
    );
    expect(reachable.kind).toBe("found");
    if (reachable.kind === "found") expect(reachable.value).toBeCloseTo(2_117_000 / 75 - 14_300, 6);
  });

  it("refuses an input the results ignore and an invalid scenario", () => {
    expect(goalSeek(model, example(), "total.profit", 0, "retention.startCustomers")).toMatchObject(
      {
        kind: "invalid",
        reason: "input-unused",
      }
    );
    expect(
      goalSeek(
        model,
        setInput(example(), "segments.new.customers", -1),
        "total.profit",
        0,
        "segments.new.averageBill"
      )
    ).toMatchObject({
      kind: "invalid",
      reason: "scenario-invalid",
    });
    expect(
      goalSeek(model, example(), "total.profit", NaN, "segments.new.averageBill")
    ).toMatchObject({
      kind: "invalid",
      reason: "target-not-a-number",
    });
  });
});

describe("evaluateOutputs", () => {
  it("equals evaluateScenario for a valid scenario", () => {
    const s = example();
    const all = evaluateOutputs(s);
    const results = evaluateScenario(s);
    for (const key of OUTPUT_KEYS) expect(all[key]).toBe(getOutput(results, key));
  });

  it("blanks only the outputs downstream of an invalid field", () => {
    const all = evaluateOutputs(setInput(example(), "segments.new.customers", NaN));
    expect(all["new.profit"]).toBeNull();
    expect(all["total.revenue"]).toBeNull();
    expect(all["comparison.costRatio"]).toBeNull();
    expect(all["ltv.cac"]).toBeNull();
    expect(all["returning.profit"]).toBe(572_000);
    expect(all["ltv.margin"]).toBe(7_150);
  });

  it("blanks the LTV but not the segments when a discount rate is negative", () => {
    const all = evaluateOutputs(setInput(example(), "ltv.discountRate", -0.1));
    expect(all["ltv.value"]).toBeNull();
    expect(all["ltv.ltvToCac"]).toBeNull();
    expect(all["total.profit"]).toBe(705_000);
    expect(all["ltv.cac"]).toBe(21_560);
  });

  it("blanks returning customers' results when the linked retention gives none", () => {
    const s = example();
    s.retention.linked = true;
    const all = evaluateOutputs(setInput(s, "retention.rate", 0));
    expect(all["returning.revenue"]).toBeNull();
    expect(all["new.revenue"]).toBe(2_250_000);
  });
});
