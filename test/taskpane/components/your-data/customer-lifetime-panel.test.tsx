/** @jest-environment jsdom */
/**
 * The "Customers who may have left" panel with Testing Library, fed a hand-made view by a
 * stand-in for the worker's client: what it asks the worker for (the options read from the
 * inputs, none while an input is invalid), how it shows the figures (written out here by hand),
 * the spend problem, a failure, Write customers to sheet, and Chinese.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { CustomerLifetimeOptions } from "../../../../src/model/buyers/customer-lifetime";
import CustomerLifetimePanel from "../../../../src/taskpane/components/your-data/CustomerLifetimePanel";
import { dataFormatters } from "../../../../src/taskpane/components/your-data/data-format";
import type { AnalysisClient } from "../../../../src/taskpane/worker/analysis-client";
import type { AnalysisView, LifetimeView } from "../../../../src/taskpane/worker/protocol";
import type { WorkbookHost } from "../../../../src/taskpane/host/workbook-host";
import { LocaleProvider } from "../../../../src/taskpane/i18n/locale-context";
import {
  loadDataStrings,
  loadDetailStrings,
  loadLanguage,
} from "../../../../src/taskpane/i18n/strings";
import type { SheetPlan } from "../../../../src/report/sheet-plan";

jest.mock("../../../../src/taskpane/charts/PAliveChart", () => ({
  __esModule: true,
  default: () => <figure aria-label="chart" />,
}));
// The checks' charts draw what their tables list: the summaries are what the panel passes.
for (const chart of ["RepeatHistogramChart", "RepeatTrackingChart", "ConditionalByFrequencyChart"])
  jest.doMock(`../../../../src/taskpane/charts/${chart}`, () => ({
    __esModule: true,
    default: ({ summary }: { summary: string }) => (
      <figure role="img" aria-label={summary} data-chart={chart} />
    ),
  }));

jest.setTimeout(60_000);

/** The analysis on screen (AnalysisView.analysis), whose folded orders the worker refits. */
const ANALYSIS = 1;

/** A hand-made view: three top customers, ten bins, a holdout with three frequency buckets. */
function handView(patch: Partial<LifetimeView> = {}): LifetimeView {
  return {
    options: { timeUnitDays: 7, holdoutDays: 91, horizon: 52, annualDiscountRate: 0.1 },
    customers: 1234,
    lastDay: 45657, // 2024-12-31
    calibrationEnd: 45566, // 2024-10-01
    purchases: {
      model: "BGNBD",
      label: "BG/NBD",
      parameterNames: ["r", "alpha", "a", "b"],
      parameters: [0.24251, 4.41359, 0.79293, 2.42589],
      logLikelihood: -9582.4,
    },
    pAliveWithOneTime: false,
    checks: {
      histogram: {
        actual: Float64Array.from([288, 300, 200, 150, 100, 80, 60, 56]),
        expected: Float64Array.from([290.5, 295.25, 210, 140, 101, 79, 61, 57.25]),
        maxX: 7,
      },
      tracking: {
        periodEnd: Float64Array.from([45552, 45559, 45566, 45573, 45657]),
        cumulativeActual: Float64Array.from([100, 150, 210, 260, 765]),
        cumulativeExpected: Float64Array.from([98.5, 151.25, 208, 262.5, 777.9]),
        calibrationPeriods: 3,
      },
      byFrequency: {
        customers: Float64Array.from([600, 300, 0, 0, 0, 0, 0, 34]),
        actualMean: Float64Array.from([0.11, 0.52, NaN, NaN, NaN, NaN, NaN, 4]),
        expectedMean: Float64Array.from([0.1234, 0.5, NaN, NaN, NaN, NaN, NaN, 3.75]),
      },
      comparison: [
        {
          model: "MBGNBD",
          label: "MBG/NBD",
          logLikelihood: -9500.25,
          aic: 19008.5,
          bic: 19030,
          holdoutExpected: 577.2,
          holdoutError: 0.04,
          problem: null,
        },
        {
          model: "BGNBD",
          label: "BG/NBD",
          logLikelihood: -9582.4,
          aic: 19172.8,
          bic: 19190,
          holdoutExpected: 604.95,
          holdoutError: 0.09,
          problem: null,
        },
      ],
      data: "continuous",
      holdoutActual: 555,
      best: "MBGNBD",
    },
    spend: { p: 6.24881, q: 3.74428, gamma: 15.44717, customersUsed: 946 },
    spendProblem: null,
    pAliveBins: Int32Array.from([5, 10, 20, 30, 40, 50, 60, 70, 80, 869]),
    pAliveEdges: Float64Array.from([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]),
    top: {
      label: ["C-000336", 4711, "C-000007"],
      frequency: Float64Array.from([29, 12, 3]),
      recency: Float64Array.from([38.857142857, 20.142857, 5]),
      age: Float64Array.from([39.142857, 30, 6.5]),
      monetary: Float64Array.from([1234.5678, 88.125, 45]),
      pAlive: Float64Array.from([0.98765, 0.5, 0.0123]),
      expectedPurchases: Float64Array.from([31.857142, 6.0049, 0.5]),
      expectedSpend: Float64Array.from([1200.4449, 90.5, 47.25]),
      clv: Float64Array.from([34567.891, 512.345, 20]),
    },
    oneTimeBuyers: 288,
    atRisk: {
      label: ["=HYPERLINK(1)", "C-000042"],
      frequency: Float64Array.from([9, 4]),
      recency: Float64Array.from([10, 3.5]),
      age: Float64Array.from([60, 58]),
      monetary: Float64Array.from([250, 300]),
      pAlive: Float64Array.from([0.123, 0.4567]),
      expectedPurchases: Float64Array.from([0.2, 0.9]),
      expectedSpend: Float64Array.from([251, 299]),
      clv: Float64Array.from([40.5, 210.25]),
      pastValue: Float64Array.from([2250, 1200]),
    },
    holdout: {
      length: 13,
      expectedTotal: 567.891,
      actualTotal: 555,
      maxFrequency: 7,
      byFrequency: {
        frequency: Int32Array.from([0, 1, 7]),
        customers: Float64Array.from([600, 300, 34]),
        expected: Float64Array.from([0.1234, 0.5, 3.75]),
        actual: Float64Array.from([0.11, 0.52, 4]),
      },
    },
    ...patch,
  };
}

interface Calls {
  lifetime: CustomerLifetimeOptions[];
  /** Whether each request let the worker refit the orders it folded before. */
  /** The analysis each request named. */
  analyses: number[];
  plans: string[];
  written: SheetPlan[];
}

function setup(
  answer: () => Promise<LifetimeView>,
  { locale = "en-US" }: { locale?: string } = {}
) {
  const calls: Calls = { lifetime: [], analyses: [], plans: [], written: [] };
  const plan = { sheetName: "Customers", blocks: [] } as unknown as SheetPlan;
  const client = {
    lifetime: async (analysis: number, o: CustomerLifetimeOptions) => {
      calls.analyses.push(analysis);
      calls.lifetime.push(o);
      return answer();
    },
    lifetimePlan: async (language: string) => {
      calls.plans.push(language);
      return plan;
    },
  } as unknown as AnalysisClient;
  const host = {
    kind: "preview",
    writeSheet: async (p: SheetPlan, name: string) => {
      calls.written.push(p);
      return { sheetName: `${name} (2)`, previewHtml: "<table><tr><td>1</td></tr></table>" };
    },
  } as unknown as WorkbookHost;
  const f = dataFormatters(
    { firstPeriod: 0, periodStart: new Float64Array(0), unit: "month" } as unknown as AnalysisView,
    locale
  );
  const panel = (analysis: number) => (
    <FluentProvider theme={webLightTheme}>
      <LocaleProvider locale={locale}>
        <CustomerLifetimePanel analysis={analysis} client={client} host={host} f={f} />
      </LocaleProvider>
    </FluentProvider>
  );
  const { rerender } = render(panel(ANALYSIS));
  return Object.assign(calls, {
    /** The panel for other orders (a new analysis). */
    openOther: (analysis: number) => rerender(panel(analysis)),
  });
}

const cells = (row: HTMLElement) =>
  Array.from(row.querySelectorAll("th, td"), (c) => c.textContent ?? "");

beforeAll(async () => {
  await loadDataStrings("zh-CN");
  await loadDetailStrings("zh-CN");
  await loadLanguage("zh-CN");
});

describe("Customers who may have left", () => {
  it("asks for weeks, no holdout, 52 weeks at 10% a year, and shows the model's figures", async () => {
    const calls = setup(async () => handView());
    const top = await screen.findByTestId("lifetime-top");
    expect(calls.lifetime).toEqual([
      { timeUnitDays: 7, holdoutDays: 0, horizon: 52, annualDiscountRate: 0.1, model: "MBGNBD" },
    ]);

    // The parameters sit behind an "Advanced" disclosure, each with a line on what it means.
    expect(screen.queryByTestId("lifetime-parameters")).toBeNull();
    const advanced = screen.getByRole("button", { name: /Advanced/ });
    expect(advanced.getAttribute("aria-expanded")).toBe("false");
    await act(async () => {
      fireEvent.click(advanced);
    });
    expect(advanced.getAttribute("aria-expanded")).toBe("true");
    const params = screen.getByTestId("lifetime-parameters");
    const rows = within(params).getAllByRole("row").slice(1).map(cells);
    expect(rows.map((r) => r[3])).toEqual([
      "How much customers differ in how often they buy (smaller: more different)",
      "Sets the typical buying rate, in weeks: on average r ÷ α purchases per unit",
      "With b, how likely a customer is to stop after a purchase: a ÷ (a + b) on average",
      "With a, how likely a customer is to stop after a purchase: larger b, more loyal",
      "How steady one customer's spend is from purchase to purchase (larger: steadier)",
      "How much customers differ in their average spend (smaller: more different)",
      "Sets the typical spend per purchase: on average p·γ ÷ (q − 1)",
    ]);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ["r", "Purchases (BG/NBD)", "0.2425"],
      ["α", "Purchases (BG/NBD)", "4.4136"],
      ["a", "Purchases (BG/NBD)", "0.7929"],
      ["b", "Purchases (BG/NBD)", "2.4259"],
      ["p", "Spend (Gamma-Gamma)", "6.2488"],
      ["q", "Spend (Gamma-Gamma)", "3.7443"],
      ["γ", "Spend (Gamma-Gamma)", "15.4472"],
    ]);
    expect(screen.getByTestId("lifetime-summary").textContent).toBe(
      "Customers who bought by Oct 1, 2024: 1,234."
    );
    expect(screen.getByTestId("lifetime-spend").textContent).toContain(
      "customers who bought more than once (946)"
    );

    const bins = within(screen.getByTestId("lifetime-palive")).getAllByRole("row").slice(1);
    expect(bins.map(cells)).toEqual([
      ["0%–10%", "5"],
      ["10%–20%", "10"],
      ["20%–30%", "20"],
      ["30%–40%", "30"],
      ["40%–50%", "40"],
      ["50%–60%", "50"],
      ["60%–70%", "60"],
      ["70%–80%", "70"],
      ["80%–90%", "80"],
      ["90%–100%", "869"],
    ]);

    expect(within(top).getByText("Top 3 customers by CLV over the next 52 weeks")).toBeTruthy();
    expect(
      within(top)
        .getAllByRole("columnheader")
        .map((h) => h.textContent)
    ).toEqual([
      "Customer",
      "Lifetime value (CLV)",
      "Chance still buying",
      "Expected purchases",
      "Expected spend",
      "Repeat purchases",
      "From first to last purchase (weeks)",
      "Since first purchase (weeks)",
      "Average repeat spend",
    ]);
    // The models' symbols stay in the headers' tooltips.
    expect(
      within(top)
        .getAllByRole("columnheader")
        .map((h) => h.getAttribute("title"))
    ).toEqual([null, "CLV", "P(alive)", null, null, "x", "t_x", "T", "m"]);
    // The CLV and the chance still buying first: in sight in a narrow pane.
    expect(within(top).getAllByRole("row").slice(1).map(cells)).toEqual([
      // Money in the locale's currency: two decimals, none from 10,000 up.
      ["C-000336", "$34,568", "98.8%", "31.86", "$1,200.44", "29", "38.9", "39.1", "$1,234.57"],
      ["4711", "$512.35", "50%", "6", "$90.50", "12", "20.1", "30", "$88.13"],
      ["C-000007", "$20.00", "1.2%", "0.5", "$47.25", "3", "5", "6.5", "$45.00"],
    ]);

    expect(screen.getByTestId("lifetime-holdout").textContent).toBe(
      "In the 91 days held out after Oct 1, 2024, the model fitted before them expected 567.9 purchases; the customers made 555."
    );
    const holdout = within(screen.getByTestId("lifetime-holdout-table")).getAllByRole("row");
    expect(holdout.slice(1).map(cells)).toEqual([
      ["0", "600", "0.12", "0.11"],
      ["1", "300", "0.5", "0.52"],
      ["7 or more", "34", "3.75", "4"],
    ]);
  });

  it("reads the inputs into the model's options, and asks nothing while one is invalid", async () => {
    const calls = setup(async () => handView());
    await screen.findByTestId("lifetime-top");
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Time unit"), { target: { value: "month" } });
    });
    // The horizon followed the unit (it was the default), the holdout reset.
    expect((screen.getByLabelText("Horizon (months)") as HTMLInputElement).value).toBe("12");
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Check against a holdout"), {
        target: { value: "3" },
      });
    });
    await waitFor(() =>
      expect(calls.lifetime[calls.lifetime.length - 1]).toEqual({
        timeUnitDays: 365.25 / 12,
        holdoutDays: 91,
        horizon: 12,
        annualDiscountRate: 0.1,
        model: "MBGNBD",
      })
    );

    const asked = calls.lifetime.length;
    const horizon = screen.getByLabelText("Horizon (months)");
    fireEvent.change(horizon, { target: { value: "0" } });
    expect(await screen.findByText("A whole number from 1 to 60.")).toBeTruthy();
    fireEvent.change(horizon, { target: { value: "61" } });
    fireEvent.change(screen.getByLabelText("Discount rate per year (%)"), {
      target: { value: "150" },
    });
    expect(await screen.findByText("A rate from 0 to 100%.")).toBeTruthy();
    // Nothing to write while the inputs are invalid.
    expect(
      (screen.getByRole("button", { name: "Write customers to sheet" }) as HTMLButtonElement)
        .disabled
    ).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(calls.lifetime.length).toBe(asked);

    fireEvent.change(horizon, { target: { value: "24" } });
    fireEvent.change(screen.getByLabelText("Discount rate per year (%)"), {
      target: { value: "7.5" },
    });
    await waitFor(() =>
      expect(calls.lifetime[calls.lifetime.length - 1]).toEqual({
        timeUnitDays: 365.25 / 12,
        holdoutDays: 91,
        horizon: 24,
        annualDiscountRate: 0.075,
        model: "MBGNBD",
      })
    );
    // The same analysis each time: the worker refits the orders it folded for it.
    expect(calls.analyses.every((a) => a === ANALYSIS)).toBe(true);
  });

  it("keeps the last fit on screen while refitting, and drops an older answer that comes late", async () => {
    const pending: ((view: LifetimeView) => void)[] = [];
    const calls = setup(() => new Promise<LifetimeView>((resolve) => pending.push(resolve)));
    await waitFor(() => expect(pending).toHaveLength(1));
    pending[0](handView());
    await screen.findByTestId("lifetime-top");
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Check against a holdout"), {
        target: { value: "13" },
      });
    });
    await waitFor(() => expect(pending).toHaveLength(2));
    expect(screen.getByTestId("lifetime-status").textContent).toBe("Fitting the models…");
    expect(screen.getByTestId("lifetime-top")).toBeTruthy();
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Check against a holdout"), {
        target: { value: "26" },
      });
    });
    await waitFor(() => expect(pending).toHaveLength(3));
    expect(calls.lifetime.map((o) => o.holdoutDays)).toEqual([0, 91, 182]);
    const newest = handView({ customers: 3 });
    await act(async () => pending[2](newest));
    await act(async () => pending[1](handView({ customers: 2 })));
    expect(screen.getByTestId("lifetime-summary").textContent).toMatch(/: 3\.$/);
    expect(screen.getByTestId("lifetime-status").textContent).toBe("");
  });

  it("clears the last fit when other orders are analysed, and asks about them", async () => {
    const pending: ((view: LifetimeView) => void)[] = [];
    const calls = setup(() => new Promise<LifetimeView>((resolve) => pending.push(resolve)));
    await waitFor(() => expect(pending).toHaveLength(1));
    await act(async () => pending[0](handView()));
    await screen.findByTestId("lifetime-top");
    await act(async () => calls.openOther(ANALYSIS + 1));
    await waitFor(() => expect(pending).toHaveLength(2));
    expect(calls.analyses).toEqual([ANALYSIS, ANALYSIS + 1]);
    expect(screen.queryByTestId("lifetime-top")).toBeNull();
    await act(async () => pending[1](handView({ customers: 5 })));
    expect(screen.getByTestId("lifetime-summary").textContent).toMatch(/: 5\.$/);
  });

  it("says why there is no spend model, with dashes for spend and CLV", async () => {
    setup(async () =>
      handView({
        spend: null,
        spendProblem: "The orders have no amounts, so there is no spend to model: CLV needs them.",
        top: {
          ...handView().top,
          expectedSpend: Float64Array.from([NaN, NaN, NaN]),
          clv: Float64Array.from([NaN, NaN, NaN]),
        },
        holdout: null,
      })
    );
    const top = await screen.findByTestId("lifetime-top");
    expect(screen.getByTestId("lifetime-spend-problem").textContent).toBe(
      "No spend model, so no expected spend or CLV: The orders have no amounts, so there is no spend to model: CLV needs them."
    );
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: /Advanced/ }));
    });
    const params = within(screen.getByTestId("lifetime-parameters")).getAllByRole("row");
    expect(params.slice(5).map((r) => cells(r)[2])).toEqual(["–", "–", "–"]);
    expect(within(top).getByText(/by expected purchases over the next 52 weeks/)).toBeTruthy();
    const first = cells(within(top).getAllByRole("row")[1]);
    // CLV (second) and expected spend (fifth): no spend model, no figure.
    expect([first[1], first[4]]).toEqual(["–", "–"]);
    expect(screen.queryByTestId("lifetime-holdout")).toBeNull();
  });

  it("shows the one-time buyers apart, and the at-risk list with a formula-safe CSV", async () => {
    const saved: Blob[] = [];
    const created = jest.fn((b: Blob) => (saved.push(b), "blob:at-risk"));
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    setup(async () => handView());
    await screen.findByTestId("lifetime-top");
    // 288 of 1,234 customers is 23.3%.
    expect(screen.getByTestId("lifetime-one-time").textContent).toBe(
      "288 of 1,234 customers (23.3%) bought only once. BG/NBD cannot tell whether a customer who bought once is still around; it shows them as 100% alive. They are counted here and left out of the chart below."
    );
    expect(screen.getByTestId("lifetime-at-risk-rule").textContent).toContain(
      "below 50% and whose past spend is in the top quarter of repeat customers: 2."
    );
    const rows = within(screen.getByTestId("lifetime-at-risk")).getAllByRole("row");
    expect(rows.slice(1).map(cells)).toEqual([
      ["=HYPERLINK(1)", "$2,250.00", "12.3%", "9"],
      ["C-000042", "$1,200.00", "45.7%", "4"],
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Download at-risk list .csv" }));
    expect(click).toHaveBeenCalledTimes(1);
    const text = await new Promise<string>((done) => {
      const reader = new FileReader();
      reader.onload = () => done(reader.result as string);
      reader.readAsText(saved[0]);
    });
    expect(text.replace(/^\ufeff/, "").split("\r\n")).toEqual([
      "Customer,Past spend,Chance still buying,Repeat purchases,From first to last purchase (weeks),Since first purchase (weeks),Lifetime value (CLV)",
      "'=HYPERLINK(1),2250,0.123,9,10,60,40.5",
      "C-000042,1200,0.4567,4,3.5,58,210.25",
      "",
    ]);
    click.mockRestore();
  });

  it("says when nobody is at risk", async () => {
    setup(async () => handView({ atRisk: { ...handView().atRisk, label: [] } }));
    await screen.findByTestId("lifetime-top");
    expect(screen.getByTestId("lifetime-at-risk-rule").textContent).toBe(
      "No repeat customer is both in the top quarter by past value and below 50% chance of being alive."
    );
    expect(screen.queryByTestId("lifetime-at-risk")).toBeNull();
  });

  it("shows the model's message when the fit fails", async () => {
    setup(async () => {
      throw new Error("nobody bought twice: the purchase model needs repeat purchases");
    });
    expect((await screen.findByTestId("lifetime-error")).textContent).toBe(
      "No fit: nobody bought twice: the purchase model needs repeat purchases"
    );
    expect(screen.queryByTestId("lifetime-top")).toBeNull();
  });

  it("writes the worker's plan to a new sheet and shows it in the preview", async () => {
    const calls = setup(async () => handView());
    await screen.findByTestId("lifetime-top");
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Write customers to sheet" }));
    });
    expect(calls.plans).toEqual(["en"]);
    expect(calls.written).toHaveLength(1);
    expect(screen.getByTestId("lifetime-workbook-status").textContent).toContain("“Customers (2)”");
    expect(screen.getByTestId("lifetime-sheet-preview")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Download customers .xlsx" })).toBeTruthy();
  });

  it("offers MBG/NBD by default, BG/NBD and Pareto/NBD, and BG/BB with its opportunity", async () => {
    const calls = setup(async () => handView());
    await screen.findByTestId("lifetime-top");
    const choice = screen.getByLabelText("Purchase model") as HTMLSelectElement;
    expect(choice.value).toBe("MBGNBD");
    const options = Array.from(choice.options, (o) => [o.value, o.textContent, o.disabled]);
    expect(options).toEqual([
      ["MBGNBD", "MBG/NBD (recommended)", false],
      ["BGNBD", "BG/NBD", false],
      ["PARETO_NBD", "Pareto/NBD", false],
      ["BGBB", "BG/BB (fixed opportunities)", false],
    ]);
    expect(screen.getByTestId("lifetime-model-hint").textContent).toContain(
      "BG/BB is for purchases at fixed opportunities"
    );
    await act(async () => {
      fireEvent.change(choice, { target: { value: "PARETO_NBD" } });
    });
    await waitFor(() =>
      expect(calls.lifetime[calls.lifetime.length - 1]).toEqual({
        timeUnitDays: 7,
        holdoutDays: 0,
        horizon: 52,
        annualDiscountRate: 0.1,
        model: "PARETO_NBD",
      })
    );
    await act(async () => {
      fireEvent.change(choice, { target: { value: "BGBB" } });
    });
    // BG/BB: a year's opportunity, five years ahead, no holdout; no time unit asked.
    await waitFor(() =>
      expect(calls.lifetime[calls.lifetime.length - 1]).toEqual({
        timeUnitDays: 365.25,
        holdoutDays: 0,
        horizon: 5,
        annualDiscountRate: 0.1,
        model: "BGBB",
        opportunity: "year",
        holdoutOpportunities: 0,
      })
    );
    expect(screen.queryByLabelText("Time unit")).toBeNull();
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Opportunity (one purchase at most in each)"), {
        target: { value: "quarter" },
      });
    });
    // The horizon followed the opportunity (it was the default), the holdout reset.
    const horizon = screen.getByLabelText("Horizon (quarters)") as HTMLInputElement;
    expect(horizon.value).toBe("8");
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Check against a holdout"), {
        target: { value: "4" },
      });
    });
    await waitFor(() =>
      expect(calls.lifetime[calls.lifetime.length - 1]).toEqual({
        timeUnitDays: 365.25 / 4,
        holdoutDays: 0,
        horizon: 8,
        annualDiscountRate: 0.1,
        model: "BGBB",
        opportunity: "quarter",
        holdoutOpportunities: 4,
      })
    );
    const asked = calls.lifetime.length;
    fireEvent.change(horizon, { target: { value: "2.5" } });
    expect(await screen.findByText("A whole number from 1 to 80.")).toBeTruthy();
    // The typing settles (no request follows: the horizon is invalid).
    await act(() => new Promise((r) => setTimeout(r, 400)));
    expect(calls.lifetime.length).toBe(asked);
    // Back to a continuous model: its own unit and horizon, as they were.
    await act(async () => {
      fireEvent.change(choice, { target: { value: "BGNBD" } });
    });
    await waitFor(() =>
      expect(calls.lifetime[calls.lifetime.length - 1]).toMatchObject({
        model: "BGNBD",
        timeUnitDays: 7,
        horizon: 52,
      })
    );
  });

  it("shows BG/BB's parameters with their own meanings, and its comparison unranked, in words", async () => {
    setup(async () =>
      handView({
        options: {
          timeUnitDays: 365.25,
          holdoutDays: 0,
          horizon: 5,
          annualDiscountRate: 0.1,
          model: "BGBB",
          opportunity: "year",
          holdoutOpportunities: 0,
        },
        purchases: {
          model: "BGBB",
          label: "BG/BB",
          parameterNames: ["alpha", "beta", "gamma", "delta"],
          parameters: [1.2, 0.75, 0.66, 2.78],
          logLikelihood: -3200.5,
        },
        checks: {
          ...handView().checks,
          comparison: [
            {
              model: "BGBB",
              label: "BG/BB",
              logLikelihood: -3200.5,
              aic: 6409,
              bic: 6420,
              holdoutExpected: null,
              holdoutError: null,
              problem: null,
            },
          ],
          data: "opportunities",
          holdoutActual: null,
          best: null,
        },
      })
    );
    await screen.findByTestId("lifetime-top");
    fireEvent.click(screen.getByTestId("lifetime-advanced"));
    const rows = within(screen.getByTestId("lifetime-parameters"))
      .getAllByRole("row")
      .slice(1)
      .map(cells);
    expect(rows.map((r) => r[0])).toEqual(["α", "β", "γ", "δ", "p", "q", "γ"]);
    expect(rows[0][3]).toContain("α ÷ (α + β)");
    expect(rows[2][3]).toContain("leave before each opportunity");
    expect(rows[6][3]).toContain("spend per purchase");
    const compare = within(screen.getByTestId("lifetime-compare")).getAllByRole("row").slice(1);
    expect(compare.map(cells)).toEqual([["BG/BB (shown)", "-3,200.5", "6,409"]]);
    expect(screen.getByTestId("lifetime-compare-sentence").textContent).toBe(
      "BG/BB is fitted to opportunities, not to purchase days, so its log-likelihood and AIC cannot be ranked against MBG/NBD, BG/NBD or Pareto/NBD, which are fitted to other data. Choose one of those to see the three compared."
    );
  });

  it("shows the checks: each chart's numbers in a table, and the models compared in words", async () => {
    setup(async () => handView());
    await screen.findByTestId("lifetime-checks");
    const rowsOf = (id: string) =>
      within(screen.getByTestId(id)).getAllByRole("row").slice(1).map(cells);
    expect(rowsOf("lifetime-compare")).toEqual([
      ["MBG/NBD (best)", "-9,500.3", "19,008.5", "4%"],
      ["BG/NBD (shown)", "-9,582.4", "19,172.8", "9%"],
    ]);
    expect(screen.getByTestId("lifetime-compare-sentence").textContent).toBe(
      "MBG/NBD fits best: lowest AIC, and its holdout forecast is 4% off against BG/NBD's 9%."
    );
    expect(rowsOf("lifetime-histogram")).toEqual([
      ["0", "288", "290.5"],
      ["1", "300", "295.3"],
      ["2", "200", "210"],
      ["3", "150", "140"],
      ["4", "100", "101"],
      ["5", "80", "79"],
      ["6", "60", "61"],
      ["7 or more", "56", "57.3"],
    ]);
    expect(rowsOf("lifetime-tracking")).toEqual([
      ["Sep 17, 2024", "100", "98.5"],
      ["Sep 24, 2024", "150", "151.3"],
      ["Oct 1, 2024", "210", "208"],
      ["Oct 8, 2024 (holdout)", "260", "262.5"],
      ["Dec 31, 2024 (holdout)", "765", "777.9"],
    ]);
    // Only the frequencies some customer has.
    expect(rowsOf("lifetime-by-frequency")).toEqual([
      ["0", "600", "0.11", "0.12"],
      ["1", "300", "0.52", "0.5"],
      ["7 or more", "34", "4", "3.75"],
    ]);
    const summaries = (await screen.findAllByRole("img")).map((f) => f.getAttribute("aria-label"));
    expect(summaries).toContain(
      "Cumulative repeat purchases from Sep 17, 2024 to Dec 31, 2024: the actual beside what BG/NBD expects; the calibration ends Oct 1, 2024, after it is the holdout."
    );
    expect(summaries).toContain(
      "Customers by number of repeat purchases, 0 to 7 or more: the actual counts beside what BG/NBD expects."
    );
  });

  it("says so when the best model by AIC forecasts the holdout worse than the runner-up", async () => {
    const view = handView();
    const [mbg, bg] = view.checks.comparison;
    setup(async () =>
      handView({
        checks: {
          ...view.checks,
          comparison: [
            { ...mbg, holdoutError: 0.11 },
            { ...bg, holdoutError: 0.097 },
          ],
        },
      })
    );
    expect((await screen.findByTestId("lifetime-compare-sentence")).textContent).toBe(
      "MBG/NBD fits best by AIC, but its holdout forecast is 11% off against BG/NBD's 9.7%: weigh both before choosing."
    );
  });

  it("without a holdout, compares by AIC and says how to see the forecast checks", async () => {
    const view = handView();
    setup(async () =>
      handView({
        holdout: null,
        checks: {
          ...view.checks,
          tracking: null,
          byFrequency: null,
          holdoutActual: null,
          comparison: view.checks.comparison.map((r) => ({
            ...r,
            holdoutExpected: null,
            holdoutError: null,
          })),
        },
      })
    );
    await screen.findByTestId("lifetime-checks");
    expect(screen.getByTestId("lifetime-compare-sentence").textContent).toBe(
      "MBG/NBD fits best: lowest AIC (19,008.5 against BG/NBD's 19,172.8). Choose a holdout to check its forecasts too."
    );
    expect(screen.getByTestId("lifetime-checks-need-holdout")).toBeTruthy();
    expect(screen.queryByTestId("lifetime-tracking")).toBeNull();
  });

  it("speaks Chinese", async () => {
    setup(async () => handView(), { locale: "zh-CN" });
    const top = await screen.findByTestId("lifetime-top");
    expect(screen.getByLabelText("时间单位")).toBeTruthy();
    expect(screen.getByLabelText("预测期（周）")).toBeTruthy();
    expect(within(top).getAllByRole("columnheader")[1].textContent).toBe("客户终身价值（CLV）");
    expect(within(top).getAllByRole("columnheader")[6].textContent).toBe(
      "首次到最后一次购买（周）"
    );
    expect(within(top).getByText("未来 52 周 CLV 最高的 3 位客户")).toBeTruthy();
    expect(screen.getByRole("button", { name: "将客户写入工作表" })).toBeTruthy();
    expect(screen.getByLabelText("购买模型")).toBeTruthy();
    expect(screen.getByTestId("lifetime-compare-sentence").textContent).toBe(
      "MBG/NBD 拟合最好：AIC 最低，且其留出期预测偏差为 4%，而 BG/NBD 为 9%。"
    );
  });
});
