/** @jest-environment jsdom */
/**
 * "What goes with leaving" in the Your data tab (issue 19 §4), with the worker's engine
 * in-process: pasted orders with a plan and a channel column. The hazard ratios, intervals and
 * p-values shown are those of the Cox model called here on customers built by plain loops over
 * the rows (drivers-orders.ts: lifetimes and first-order attributes, apart from the pane's
 * reading code); the plan gets a sentence, the channel is "no clear difference"; unticking a
 * column refits without it; an id column is left out by default; a column that gives away who
 * leaves shows the model's reason in words.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { codeCovariates } from "../../../../src/model/survival/cox-design";
import { fitCox } from "../../../../src/model/survival/cox-fit";
import { coxSummary } from "../../../../src/model/survival/cox-summary";
import {
  BrowserScenarioStorage,
  MemoryKeyValueStorage,
} from "../../../../src/scenarios/memory-storage";
import { App } from "../../../../src/taskpane/components/shell/App";
import type { WorkbookHost } from "../../../../src/taskpane/host/workbook-host";
import { driversOrders, LoopCustomer, loopCustomers } from "../../drivers-orders";

for (const chart of [
  "PerCustomerChart",
  "TornadoChart",
  "RetentionChart",
  "SurvivalChart",
  "SbgFitChart",
  "SegmentSurvivalChart",
  "ForestChart",
])
  jest.mock(`../../../../src/taskpane/charts/${chart}`, () => ({
    __esModule: true,
    default: () => <figure aria-label="chart" />,
  }));

jest.mock("../../../../src/taskpane/worker/assets", () => ({
  createAnalysisWorker: () => {
    const { createAnalysisEngine } = jest.requireActual(
      "../../../../src/taskpane/worker/analysis-engine"
    );
    const worker = {
      dead: false,
      onmessage: null as null | ((e: { data: unknown }) => void),
      onerror: null,
      terminate() {
        worker.dead = true;
      },
      postMessage(request: unknown) {
        setTimeout(() => !worker.dead && void handle(request));
      },
    };
    const handle = createAnalysisEngine((message: unknown) =>
      setTimeout(() => !worker.dead && worker.onmessage?.({ data: message }))
    );
    return worker;
  },
  sampleUrl: () => "about:blank",
}));

jest.setTimeout(90_000);

function previewHost(): WorkbookHost {
  return {
    kind: "preview",
    language: "en-US",
    theme: "light",
    scenarioStorage: new BrowserScenarioStorage(new MemoryKeyValueStorage()),
    writeSheet: async (plan) => ({ sheetName: plan.sheetName, previewHtml: "<table></table>" }),
    onThemeChange: () => () => undefined,
  };
}

async function openWith(rows: string[][]) {
  await act(async () => {
    render(<App host={previewHost()} />);
  });
  await act(async () => {
    fireEvent.click(screen.getByRole("tab", { name: "Your data" }));
  });
  await screen.findByTestId("data-view");
  fireEvent.change(screen.getByLabelText("Or paste a range copied from a spreadsheet"), {
    target: { value: rows.map((r) => r.join("\t")).join("\n") },
  });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Use pasted data" }));
  });
}

/** The model on the loop's customers, one design column per attribute named in `columns`. */
function reference(customers: LoopCustomer[], columns: ("plan" | "channel")[]) {
  const design = codeCovariates({
    n: customers.length,
    columns: columns.length,
    cell: (i, j) => customers[i][columns[j]],
    rowNumbers: Int32Array.from(customers, (_, i) => i + 2),
    titles: columns,
  });
  const time = Float64Array.from(customers, (c) => c.duration);
  const churned = Uint8Array.from(customers, (c) => c.churned);
  const fit = fitCox({ time, churned, x: design.x, p: design.p, labels: design.labels });
  const summary = coxSummary(fit, time, churned);
  return design.names
    .map((name, j) => {
      const se = summary.standardErrors[j];
      const b = summary.coefficients[j];
      return {
        name,
        hr: summary.hazardRatios[j],
        lower: Math.exp(b - 1.959963984540054 * se),
        upper: Math.exp(b + 1.959963984540054 * se),
        p: summary.waldP[j],
      };
    })
    .sort((a, b) => a.hr - b.hr);
}

const two = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 2 });
const four = (v: number) =>
  v < 0.0001 ? "< 0.0001" : v.toLocaleString("en-US", { maximumFractionDigits: 4 });

/** The drivers table as shown: term, hazard ratio, interval, p-value. */
function shownTable(): string[][] {
  return within(screen.getByTestId("drivers-table"))
    .getAllByRole("row")
    .slice(1)
    .map((row) => Array.from(row.querySelectorAll("th, td")).map((cell) => cell.textContent ?? ""));
}

describe("What goes with leaving", () => {
  it("shows the Cox model's hazard ratios for the loop's customers, sorted, in words", async () => {
    const rows = driversOrders();
    const customers = loopCustomers(rows);
    const expected = reference(customers, ["plan", "channel"]);
    await openWith(rows);
    await screen.findByTestId("drivers-table", {}, { timeout: 60_000 });

    const shown = shownTable();
    expect(shown.map((r) => r[1])).toEqual(expected.map((e) => two(e.hr)));
    expect(shown.map((r) => r[2])).toEqual(expected.map((e) => `${two(e.lower)}–${two(e.upper)}`));
    expect(shown.map((r) => r[3])).toEqual(expected.map((e) => four(e.p)));
    // Each term against its baseline, the most frequent category.
    const monthly = customers.filter((c) => c.plan === "monthly").length;
    expect(monthly * 2).toBeGreaterThan(customers.length);
    const annual = expected.find((e) => e.name === "plan = annual")!;
    expect(shown.map((r) => r[0])).toContain("plan = annual (vs monthly)");

    // The plan goes with leaving (its sentence); the channel does not (listed once).
    expect(annual.p).toBeLessThan(0.05);
    expect(screen.getByTestId("drivers-sentences").textContent).toBe(
      `Customers with plan annual churn at ${two(annual.hr)}× the rate of those with plan monthly (${two(annual.lower)}–${two(annual.upper)}).`
    );
    const unclear = expected.filter((e) => !(e.p < 0.05)).map((e) => e.name);
    expect(unclear.length).toBe(2);
    expect(screen.getByTestId("drivers-unclear").textContent).toBe(
      `No clear difference: ${unclear.join(", ")}.`
    );
    expect(screen.getByTestId("drivers-association").textContent).toContain("not what causes it");
    const churned = customers.filter((c) => c.churned === 1).length;
    expect(screen.getByTestId("drivers-fitted").textContent).toContain(
      `${customers.length} customers, of whom ${churned} left`
    );

    // Unticking the channel refits on the plan alone.
    await act(async () => {
      fireEvent.click(screen.getByTestId("driver-column-4"));
    });
    const planOnly = reference(customers, ["plan"]);
    await waitFor(() => expect(shownTable().length).toBe(1), { timeout: 30_000 });
    expect(shownTable()[0][1]).toBe(two(planOnly[0].hr));
  });

  it("leaves an id column out by default and words a separation in the pane's language", async () => {
    const rows = driversOrders(120);
    const customers = loopCustomers(rows);
    const churnedOf = new Map(customers.map((c) => [c.id, c.churned]));
    // A column that gives away who leaves, and one value per customer (an id-like column).
    const wide = rows.map((r, i) =>
      i === 0
        ? [...r, "status", "email"]
        : [...r, churnedOf.get(r[0]) ? "gone" : "active", `${r[0]}@example.com`]
    );
    await openWith(wide);
    await screen.findByTestId("driver-column-6", {}, { timeout: 60_000 });
    await waitFor(() => expect(screen.getByTestId("drivers-problem")).toBeTruthy(), {
      timeout: 60_000,
    });
    const idBox = screen.getByRole("checkbox", {
      name: `email (looks like an id: ${customers.length} different values)`,
    });
    expect(idBox).toBe(screen.getByTestId("driver-column-6"));
    expect((idBox as HTMLInputElement).checked).toBe(false);
    expect((screen.getByTestId("driver-column-5") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId("drivers-problem").textContent).toMatch(
      /^status = (gone|active) tells exactly which customers leave first/
    );
    expect(screen.queryByTestId("drivers-table")).toBeNull();
  });
});
