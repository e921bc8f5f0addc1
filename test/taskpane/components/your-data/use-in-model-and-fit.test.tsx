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
