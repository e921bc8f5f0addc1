/** @jest-environment jsdom */
/**
 * The what-if tools (the generic sensitivity grid, tornado and goal seek) on the plan, with
 * Testing Library: on random plans, every figure they show is checked against a plan computed
 * here with plain loops over cohorts and periods (not plan-model.ts), goal seek's answer against
 * the closed form (revenue in the last period is linear in the first period's new customers),
 * "Apply" hands the chosen whole number back, and the Chinese labels are complete.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import fc from "fast-check";
import type { PlanState } from "../../../../src/model/whatif/plan-whatif-model";
import { PlanWhatIf } from "../../../../src/taskpane/components/plan/PlanWhatIf";
import { formatQuantity } from "../../../../src/taskpane/format/format-number";
import { LocaleProvider } from "../../../../src/taskpane/i18n/locale-context";
import {
  loadDataStrings,
  loadDetailStrings,
  loadLanguage,
} from "../../../../src/taskpane/i18n/strings";
import type { ForecastView } from "../../../../src/taskpane/worker/protocol";

jest.mock("../../../../src/taskpane/charts/TornadoChart", () => ({
  __esModule: true,
  default: () => <figure aria-label="tornado chart" />,
}));

jest.setTimeout(120_000);

beforeAll(async () => {
  await loadDataStrings("zh-CN");
  await loadDetailStrings("zh-CN");
  await loadLanguage("zh-CN");
});
afterEach(cleanup);

/** The plan by brute force: each period's retention with the uplift, products and sums in loops. */
function brute(s: PlanState) {
  const retention = (t: number) => {
    const r = (s.beta + t - 1) / (s.alpha + s.beta + t - 1);
    return 1 - (1 - r) * (1 - s.uplift);
  };
  const survival = (from: number, to: number) => {
    let p = 1;
    for (let t = from + 1; t <= to; t++) p *= retention(t);
    return p;
  };
  const customers: number[] = [];
  for (let k = 1; k <= s.horizon; k++) {
    let total = 0;
    for (const c of s.cohorts) total += c.customers * survival(c.age, c.age + k);
    for (let j = 1; j <= k; j++) {
      const planned = s.newPerPeriod * Math.pow(1 + s.growth, j - 1) * s.acquisitionVolume;
      total += planned * survival(0, k - j);
    }
    customers.push(total);
  }
  const revenue = customers.map((c) => c * s.revenuePerCustomer);
  return {
    customers,
    revenue,
    revenueAtEnd: revenue[revenue.length - 1],
    revenueTotal: revenue.reduce((a, b) => a + b, 0),
  };
}

const planState = fc.record({
  alpha: fc.double({ min: 0.3, max: 5, noNaN: true }),
  beta: fc.double({ min: 0.3, max: 10, noNaN: true }),
  cohorts: fc.array(
    fc.record({
      age: fc.integer({ min: 0, max: 24 }),
      customers: fc.integer({ min: 0, max: 5000 }),
    }),
    { minLength: 1, maxLength: 8 }
  ),
  horizon: fc.constantFrom(12, 24, 36),
  newPerPeriod: fc.integer({ min: 1, max: 2000 }),
  // No growth, or enough for its ±10% to show in the plan (not a rounding error's worth).
  growth: fc.oneof(
    fc.constant(0),
    fc.double({ min: 0.005, max: 0.1, noNaN: true }),
    fc.double({ min: -0.05, max: -0.005, noNaN: true })
  ),
  pasted: fc.constant(null),
  acquisitionVolume: fc.constant(1),
  revenuePerCustomer: fc.double({ min: 1, max: 500, noNaN: true }),
  margin: fc.double({ min: 0.1, max: 1, noNaN: true }),
  cac: fc.double({ min: 1, max: 300, noNaN: true }),
  uplift: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
}) as fc.Arbitrary<PlanState>;

/** The view the worker would send for this state (the what-if tools read only the plan base and settings). */
function viewOf(s: PlanState): ForecastView {
  const zeros = new Float64Array(s.horizon);
  return {
    alpha: s.alpha,
    beta: s.beta,
    firstStart: 45658,
    unit: "month",
    newPerPeriod: s.newPerPeriod,
    revenuePerCustomer: s.revenuePerCustomer,
    dataRevenue: true,
    existing: zeros,
    added: zeros,
    total: zeros,
    revenue: zeros,
    margin: zeros,
    revenueTotal: 0,
    marginTotal: 0,
    level: null,
    low: null,
    high: null,
    ltvToCac: NaN,
    cohortLtvToCac: new Float64Array(s.horizon).fill(NaN),
    paybackPeriods: null,
    backtest: null,
    cohorts: s.cohorts.map((c) => ({ ...c })),
    settings: {
      horizon: s.horizon,
      newPerPeriod: s.newPerPeriod,
      growth: s.growth,
      revenuePerCustomer: s.revenuePerCustomer,
      margin: s.margin,
      cac: s.cac,
      uplift: s.uplift,
      level: null,
      pasted: s.pasted === null ? null : [...s.pasted],
    },
  };
}

async function show(s: PlanState, locale = "en-US", onApply = jest.fn()) {
  // One plan on screen at a time, also while fast-check shrinks a failure.
  cleanup();
  await act(async () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <LocaleProvider locale={locale}>
          <PlanWhatIf plan={viewOf(s)} theme="light" onApply={onApply} />
        </LocaleProvider>
      </FluentProvider>
    );
  });
  return onApply;
}

/** Compact US dollars, as the grid and the tornado write money in en-US. */
const compactMoney = (v: number) => formatQuantity(v, "money", "USD", "en-US", true);
const cells = (row: Element) => Array.from(row.querySelectorAll("th, td"), (c) => c.textContent);

describe("the what-if tools on the plan", () => {
  it("the sensitivity grid shows the plan's total revenue over revenue per customer × new customers", async () => {
    await fc.assert(
      fc.asyncProperty(planState, async (s) => {
        await show(s);
        const grid = screen.getByTestId("plan-sensitivity-grid");
        const rows = Array.from(grid.querySelectorAll("tbody tr"));
        expect(rows).toHaveLength(11);
        // Rows: revenue per customer ±25%; columns: new customers in the first month ±25%.
        for (const [i, j] of [
          [5, 5],
          [0, 0],
          [10, 3],
          [2, 10],
        ]) {
          const moved = {
            ...s,
            revenuePerCustomer: s.revenuePerCustomer * (1 + (0.25 * (i - 5)) / 5),
            newPerPeriod: s.newPerPeriod * (1 + (0.25 * (j - 5)) / 5),
          };
          expect(cells(rows[i])[j + 1]).toBe(compactMoney(brute(moved).revenueTotal));
        }
        expect(grid.querySelector("[data-current]")?.textContent).toBe(
          compactMoney(brute(s).revenueTotal)
        );
        cleanup();
      }),
      { numRuns: 6 }
    );
  });

  it("the tornado moves each input ±10% and sorts by the change in total revenue", async () => {
    await fc.assert(
      fc.asyncProperty(planState, async (s) => {
        await show(s);
        const table = screen.getByTestId("plan-tornado-table");
        const base = brute(s).revenueTotal;
        // Revenue does not depend on margin or the acquisition cost: those are named, not drawn.
        const moving = [
          "newPerPeriod",
          "growth",
          "acquisitionVolume",
          "revenuePerCustomer",
          "uplift",
        ]
          .filter((k) => k !== "growth" || s.growth !== 0)
          .map((key) => {
            const at = (f: number) =>
              brute({ ...s, [key]: (s[key as keyof PlanState] as number) * f }).revenueTotal;
            const low = at(0.9);
            const high = at(1.1);
            return {
              key,
              low,
              high,
              effect: Math.max(Math.abs(low - base), Math.abs(high - base)),
            };
          });
        const rows = Array.from(table.querySelectorAll("tbody tr"));
        const shownKeys = rows.map((r) => r.getAttribute("data-input"));
        expect([...shownKeys].sort()).toEqual(moving.map((m) => m.key).sort());
        // Largest change first (effects within a rounding error of each other may swap).
        const effectOf = (k: string | null) => moving.find((m) => m.key === k)!.effect;
        for (let i = 1; i < shownKeys.length; i++)
          expect(effectOf(shownKeys[i])).toBeLessThanOrEqual(
            effectOf(shownKeys[i - 1]) * (1 + 1e-9)
          );
        for (const row of rows) {
          const m = moving.find((x) => x.key === row.getAttribute("data-input"))!;
          const [, low, high] = cells(row);
          expect(low).toBe(compactMoney(m.low));
          expect(high).toBe(compactMoney(m.high));
        }
        expect(screen.getByTestId("plan-tornado-unmoved").textContent).toContain(
          "Margin (share of revenue)"
        );
        cleanup();
      }),
      { numRuns: 6 }
    );
  });

  it("goal seek: the new customers a month that keep revenue in the last month at a target", async () => {
    await fc.assert(
      fc.asyncProperty(
        planState,
        fc.double({ min: 1.2, max: 3, noNaN: true }),
        async (s, scale) => {
          const onApply = await show(s);
          // Revenue in the last month is existing + n × (what one new customer a month adds): linear in n.
          const none = brute({ ...s, newPerPeriod: 0 }).revenueAtEnd;
          const perCustomer = brute({ ...s, newPerPeriod: 1 }).revenueAtEnd - none;
          const target = Math.round(brute(s).revenueAtEnd * scale);
          const answer = (target - none) / perCustomer;
          const form = screen.getByTestId("plan-goal-result").closest("form")!;
          fireEvent.change(within(form).getByLabelText("equal to"), {
            target: { value: String(target) },
          });
          await act(async () =>
            fireEvent.click(within(form).getByRole("button", { name: "Find" }))
          );
          const text = screen.getByTestId("plan-goal-result").textContent!;
          // Goal seek looks for a count up to 100× today's, and at least up to 1,000.
          const hi = Math.max(100 * s.newPerPeriod, 1000);
          if (answer > hi) {
            expect(text).toMatch(
              `No value of New customers in the first month between 0 and ${hi.toLocaleString("en-US")} reaches`
            );
            return;
          }
          const found =
            /^New customers in the first month = ([\d,.]+) gives Revenue in the plan's last month = /.exec(
              text
            );
          expect(found).not.toBeNull();
          expect(Math.abs(Number(found![1].replace(/,/g, "")) - answer)).toBeLessThanOrEqual(0.006);
          const floor = Math.floor(answer);
          if (Number.isInteger(answer)) return;
          // The whole numbers on either side, each with its revenue.
          expect(text).toContain(
            `In whole customers: ${floor.toLocaleString("en-US")} gives ${formatQuantity(
              brute({ ...s, newPerPeriod: floor }).revenueAtEnd,
              "money",
              "USD",
              "en-US"
            )}`
          );
          await act(async () =>
            fireEvent.click(
              within(form).getByRole("button", {
                name: `Apply ${(floor + 1).toLocaleString("en-US")}`,
              })
            )
          );
          expect(onApply).toHaveBeenCalledWith("newPerPeriod", floor + 1);
          cleanup();
        }
      ),
      {
        numRuns: 6,
        // One plan whose answer is within reach for sure, whatever the random ones do.
        examples: [
          [
            {
              alpha: 1.2,
              beta: 3.4,
              cohorts: [
                { age: 3, customers: 400 },
                { age: 10, customers: 1500 },
              ],
              horizon: 12,
              newPerPeriod: 250,
              growth: 0.02,
              pasted: null,
              acquisitionVolume: 1,
              revenuePerCustomer: 42.5,
              margin: 0.6,
              cac: 80,
              uplift: 0.05,
            },
            1.7,
          ],
        ],
      }
    );
  });

  it("speaks Chinese: every label translated, nothing left in braces", async () => {
    const s = fc.sample(planState, 1)[0];
    await show(s, "zh-CN");
    const part = screen.getByTestId("plan-what-if");
    expect(within(part).getByText("假设分析")).toBeTruthy();
    expect(part.textContent).toContain("第一个月的新客数");
    expect(part.textContent).not.toMatch(/[{}]|data\.plan|Revenue|Customers/);
  });
});
