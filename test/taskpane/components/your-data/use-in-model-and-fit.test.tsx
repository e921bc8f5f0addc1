/** @jest-environment jsdom */
/**
 * "Use in the model" and the sBG fit view with Testing Library, fed hand-made views: the
 * cohort-based retention offered when reactivation pushes the period retention above 100%, and
 * the fit-quality line with its warning when the fit is poor (figures worked out here by hand).
 */
import type React from "react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { dataFormatters } from "../../../../src/taskpane/components/your-data/data-format";
import { ModelUse, UseInModel } from "../../../../src/taskpane/components/your-data/UseInModel";
import { SbgFitView } from "../../../../src/taskpane/components/your-data/SbgFitView";
import type { AnalysisView } from "../../../../src/taskpane/worker/protocol";
import { LocaleProvider } from "../../../../src/taskpane/i18n/locale-context";
import { loadDataStrings } from "../../../../src/taskpane/i18n/strings";

jest.mock("../../../../src/taskpane/charts/SbgFitChart", () => ({
  __esModule: true,
  default: () => <figure aria-label="chart" />,
}));

jest.setTimeout(60_000);

function handView(retention: number, fitted: number[], actual: number[]): AnalysisView {
  return {
    unit: "month",
    firstPeriod: 0,
    periodStart: Float64Array.from([45292, 45323, 45352]), // Jan, Feb, Mar 2024
    hasRevenue: true,
    retention: {
      start: Float64Array.from([0, 80, 81]),
      won: Float64Array.from([80, 10, 12]),
      end: Float64Array.from([80, 81, 94]),
    },
    latest: {
      period: 2,
      retention,
      startCustomers: 81,
      newCustomers: 12,
      returningCustomers: 82,
      newBill: 40,
      returningBill: 55.5,
    },
    // Jan: 80 new (revenue 3,200), nobody returning; Feb: 10 new (500), 71 returning (3,905);
    // Mar: 12 new (480), 82 returning (4,551).
    bills: {
      newCustomers: Float64Array.from([80, 10, 12]),
      newRevenue: Float64Array.from([3200, 500, 480]),
      returningCustomers: Float64Array.from([0, 71, 82]),
      returningRevenue: Float64Array.from([0, 3905, 4551]),
    },
    sbg: {
      actual: Float64Array.from(actual),
      fits: [
        { fit: { alpha: 1, beta: 3, cohorts: 3 }, fitted: Float64Array.from(fitted), error: null },
      ],
    },
  } as unknown as AnalysisView;
}

function show(
  node: (view: AnalysisView) => React.ReactElement,
  view: AnalysisView,
  locale = "en-US"
) {
  render(
    <FluentProvider theme={webLightTheme}>
      <LocaleProvider locale={locale}>{node(view)}</LocaleProvider>
    </FluentProvider>
  );
}

beforeAll(async () => {
  await loadDataStrings("zh-CN");
});

describe("Use in the model", () => {
  it("offers the sBG fit's cohort retention when reactivation puts the period retention above 100%", async () => {
    const used: ModelUse[] = [];
    const view = handView(1.012, [1, 0.75, 0.6], [1, 0.74, 0.61]);
    show(
      (v) => (
        <UseInModel
          view={v}
          f={dataFormatters(v, "en-US")}
          label="orders.csv"
          onUse={(u) => used.push(u)}
        />
      ),
      view
    );
    const rate = screen.getByRole("button", {
      name: "Use this retention rate",
    }) as HTMLButtonElement;
    expect(rate.disabled).toBe(true);
    expect(screen.getByText(/customers who came back after a pause/)).toBeTruthy();
    expect(screen.getByText(/the sBG fit keeps 75% after their first month/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Use the cohort-based retention" }));
    });
    expect(used).toHaveLength(1);
    expect(used[0].values).toEqual([{ key: "retention.rate", value: 0.75 }]);
    expect(used[0].source).toContain("orders.csv");
    expect(screen.getByTestId("use-status").textContent).toBe(
      "The model's retention rate is now 75%, the cohort-based retention of orders.csv."
    );
  });

  it("offers nothing from a fit that failed", () => {
    const view = handView(0.8, [1, 0.75], [1, 0.74]);
    view.sbg.fits[0] = { fit: null, fitted: new Float64Array(0), error: "no fit" };
    show(
      (v) => <UseInModel view={v} f={dataFormatters(v, "en-US")} label="x" onUse={() => {}} />,
      view
    );
    expect(screen.queryByRole("button", { name: "Use the cohort-based retention" })).toBeNull();
    expect(
      (screen.getByRole("button", { name: "Use this retention rate" }) as HTMLButtonElement)
        .disabled
    ).toBe(false);
  });
});

describe("Use in the model: bills and customers over the periods picked", () => {
  it("offers the latest period or an average, as money in the locale's currency, with the costs kept in scale", async () => {
    const used: ModelUse[] = [];
    const view = handView(0.8, [1, 0.75, 0.6], [1, 0.74, 0.61]);
    show(
      (v) => (
        <UseInModel
          view={v}
          f={dataFormatters(v, "en-US")}
          label="orders.csv"
          onUse={(u) => used.push(u)}
        />
      ),
      view
    );
    // The latest period, Mar 2024: 480 ÷ 12 = $40.00 and 4,551 ÷ 82 = $55.50.
    expect(screen.getByTestId("use-bills-text").textContent).toBe(
      "Average bill, Mar 2024: new customers $40.00, returning customers $55.50. Customers per month: 12 new, 82 returning."
    );
    expect(screen.getByTestId("use-scale").textContent).toContain(
      "Money from your data comes in USD."
    );
    // The last 3 months: (3,200 + 500 + 480) ÷ 102 = $40.98; (3,905 + 4,551) ÷ 153 = $55.27;
    // 34 new and 51 returning a month.
    await act(async () => {
      fireEvent.change(screen.getByTestId("use-periods"), { target: { value: "last:3" } });
    });
    expect(screen.getByTestId("use-bills-text").textContent).toBe(
      "Average bill, average of the last 3 complete months (to Mar 2024): new customers $40.98, returning customers $55.27. Customers per month: 34 new, 51 returning."
    );
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Use these average bills" }));
    });
    expect(used[0].values).toEqual([
      { key: "segments.new.averageBill", value: 40.98 },
      { key: "segments.returning.averageBill", value: 55.27 },
    ]);
    expect(used[0].currency).toBe("USD");
    expect(used[0].costsNote).toContain("keep their share");
    expect(used[0].source).toContain("$40.98");
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Use these customers per month" }));
    });
    expect(used[1].values).toEqual([
      { key: "segments.new.customers", value: 34 },
      { key: "segments.returning.customers", value: 51 },
    ]);
    expect(used[1].currency).toBeUndefined();
    // Jan alone has no returning customers: no bills, and it says so.
    await act(async () => {
      fireEvent.change(screen.getByTestId("use-periods"), { target: { value: "period:0" } });
    });
    expect(screen.getByTestId("use-bills-text").textContent).toContain(
      "no new or no returning customers"
    );
    expect(
      (screen.getByRole("button", { name: "Use these average bills" }) as HTMLButtonElement)
        .disabled
    ).toBe(true);
  });

  it("starts on an average when the latest period has no returning customers with revenue", () => {
    const view = handView(0.8, [1, 0.75, 0.6], [1, 0.74, 0.61]);
    view.bills.returningCustomers[2] = 0;
    view.bills.returningRevenue[2] = 0;
    show(
      (v) => <UseInModel view={v} f={dataFormatters(v, "en-US")} label="x" onUse={() => {}} />,
      view
    );
    expect((screen.getByTestId("use-periods") as HTMLSelectElement).value).toBe("last:3");
    expect(
      (screen.getByRole("button", { name: "Use these average bills" }) as HTMLButtonElement)
        .disabled
    ).toBe(false);
  });
});

describe("the sBG fit's quality", () => {
  it("gives the mean absolute error in points, and no warning for a close fit", () => {
    // Errors of 1, 1 and 2 points: 1.3 on average, at most 2 (at age 3).
    const view = handView(0.8, [1, 0.71, 0.51, 0.42], [1, 0.7, 0.5, 0.4]);
    show((v) => <SbgFitView view={v} f={dataFormatters(v, "en-US")} />, view);
    expect(screen.getByTestId("sbg-quality").textContent).toBe(
      "Fit quality: the fit is 1.3 percentage points from the actual survival on average, at most 2.0 points (at age 3)."
    );
    expect(screen.queryByTestId("sbg-poor-fit")).toBeNull();
  });

  it("warns when one age is more than 5 points off, in Chinese too", () => {
    // Errors of 0, 0 and 8.5 points: 2.8 on average (under 3), but one age 8.5 points off.
    const view = handView(0.8, [1, 0.7, 0.5, 0.128], [1, 0.7, 0.5, 0.043]);
    show((v) => <SbgFitView view={v} f={dataFormatters(v, "zh-CN")} />, view, "zh-CN");
    expect(screen.getByTestId("sbg-quality").textContent).toContain("平均相差 2.8 个百分点");
    expect(screen.getByTestId("sbg-poor-fit").textContent).toContain("此拟合较差");
  });
});
