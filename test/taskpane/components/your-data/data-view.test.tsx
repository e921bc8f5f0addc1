/** @jest-environment jsdom */
/**
 * The "Your data" tab with Testing Library: a pasted range analysed by the real engine (run
 * in-process instead of in a Web Worker), its numbers checked against the model called here
 * directly, "Use in the model", the sBG fit the worker computed (and a holdout's), the
 * customer-lifetime fit asked about the analysis on screen, and a bad cell named by line and
 * column.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { readFileSync } from "fs";
import path from "path";
import { OrdersAnalysis } from "../../../../src/model/history/analysis";
import { cohortSurvivors, fitCohortSbg } from "../../../../src/model/history/cohort-survivors";
import { periodRetentionRate } from "../../../../src/model/history/period-retention";
import {
  BrowserScenarioStorage,
  MemoryKeyValueStorage,
} from "../../../../src/scenarios/memory-storage";
import { App } from "../../../../src/taskpane/components/shell/App";
import type { WorkbookHost } from "../../../../src/taskpane/host/workbook-host";

// recharts needs layout jsdom does not have; every chart's numbers are in a table too.
for (const chart of [
  "PerCustomerChart",
  "TornadoChart",
  "RetentionChart",
  "SurvivalChart",
  "SbgFitChart",
])
  jest.mock(`../../../../src/taskpane/charts/${chart}`, () => ({
    __esModule: true,
    default: () => <figure aria-label="chart" />,
  }));

// How many times the period table has been drawn: a section is drawn again for its own view only.
const mockRenders = { periodRetention: 0 };
jest.mock("../../../../src/taskpane/components/your-data/PeriodRetention", () => {
  const actual = jest.requireActual(
    "../../../../src/taskpane/components/your-data/PeriodRetention"
  );
  return {
    ...actual,
    PeriodRetention: (props: object) => {
      mockRenders.periodRetention++;
      return actual.PeriodRetention(props);
    },
  };
});

// Every request to and answer from the (in-process) worker, in order: "analyse #<id> <text>",
// "lifetime #<analysis> as #<id>" (the analysis it refits), "<type>" for the others, and
// "answer <type> #<id>".
const mockTraffic: string[] = [];
/** Milliseconds the worker takes to answer an analysis (a big file's analysis takes seconds). */
const mockAnalysisDelay = { ms: 0 };
beforeEach(() => {
  mockTraffic.length = 0;
  mockAnalysisDelay.ms = 0;
});

// The worker, in-process: the same engine, answering asynchronously as a worker would.
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
      postMessage(request: {
        type: string;
        id?: number;
        analysis?: number;
        source?: { kind: string; text?: string };
      }) {
        mockTraffic.push(
          request.type === "analyse"
            ? `analyse #${request.id} ${request.source?.text ?? ""}`
            : request.type === "lifetime"
              ? `lifetime #${request.analysis} as #${request.id}`
              : request.type
        );
        setTimeout(() => !worker.dead && void handle(request));
      },
    };
    const handle = createAnalysisEngine((message: { type: string; id?: number }) =>
      setTimeout(
        () => {
          if (worker.dead) return;
          mockTraffic.push(`answer ${message.type} #${message.id}`);
          worker.onmessage?.({ data: message });
        },
        message.type === "analysed" ? mockAnalysisDelay.ms : 0
      )
    );
    return worker;
  },
  sampleUrl: () => "about:blank",
}));

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

/** Orders over three months, as a spreadsheet copies them (tab-separated, header first). */
const ROWS = [
  ["customer_id", "order_date", "amount"],
  ["A", "2024-01-03", "10"],
  ["B", "2024-01-09", "20"],
  ["C", "2024-01-20", "30"],
  ["A", "2024-02-02", "12"],
  ["B", "2024-02-15", "18"],
  ["D", "2024-02-21", "40"],
  ["A", "2024-03-05", "11"],
  ["D", "2024-03-06", "35"],
  ["E", "2024-03-07", "25"],
  ["B", "2024-03-30", "22"],
  ["F", "2024-04-01", "9"],
];
const TSV = ROWS.map((r) => r.join("\t")).join("\n");

async function openDataTab() {
  await act(async () => {
    render(<App host={previewHost()} />);
  });
  await act(async () => {
    fireEvent.click(screen.getByRole("tab", { name: "Your data" }));
  });
  await screen.findByTestId("data-view");
}

async function paste(text: string) {
  fireEvent.change(screen.getByLabelText("Or paste a range copied from a spreadsheet"), {
    target: { value: text },
  });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Use pasted data" }));
  });
}

// The machine is shared and the first render loads every chunk: generous limits, no retries.
jest.setTimeout(60_000);

describe("the Your data tab", () => {
  it("analyses a pasted range with the model's numbers and carries its retention into the model", async () => {
    await openDataTab();
    await paste(TSV);
    const table = await screen.findByTestId("period-table", {}, { timeout: 30_000 });
    const model = new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true });
    ROWS.slice(1).forEach((r, i) => model.add(i + 2, r[0], r[1], r[2]));
    const expected = model.finish();
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(expected.retention.start.length);
    rows.forEach((row, i) => {
      const cell = (col: string) => row.querySelector(`[data-col=${col}]`)!.textContent;
      expect(cell("start")).toBe(String(expected.retention.start[i]));
      expect(cell("won")).toBe(String(expected.retention.won[i]));
      expect(cell("end")).toBe(String(expected.retention.end[i]));
      const rate = periodRetentionRate(expected.retention, i);
      expect(cell("rate")).toBe(
        Number.isFinite(rate)
          ? new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(
              rate
            )
          : "–"
      );
    });
    // The columns were matched from the headers.
    expect((screen.getByLabelText("Customer", { exact: true }) as HTMLSelectElement).value).toBe(
      "0"
    );

    // The latest complete month (March: April's data ends on its first day) into the model.
    const latest = expected.latest!;
    const use = await screen.findByRole("button", { name: "Use this retention rate" });
    await act(async () => {
      fireEvent.click(use);
    });
    expect(screen.getByTestId("use-status").textContent).toContain("Mar 2024");
    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: "What-if model" }));
    });
    expect((screen.getByLabelText("Retention rate (%)") as HTMLInputElement).value).toBe(
      (latest.retention * 100).toLocaleString("en-US", { maximumFractionDigits: 6 })
    );
    expect(screen.getByTestId("from-data").textContent).toContain("Mar 2024");
  });

  it("asks for the customer-lifetime fit of the data on screen, not of newer data still loading", async () => {
    await openDataTab();
    await paste(TSV);
    await screen.findByTestId("period-table", {}, { timeout: 30_000 });
    // The panel shows the first fit's answer (the models, or why they cannot be fitted).
    const answered = () =>
      waitFor(() => expect(screen.getByTestId("lifetime-status").textContent).toBe(""), {
        timeout: 30_000,
      });
    await answered();
    const second = [ROWS[0], ...ROWS.slice(1).map(([c, d, a]) => [`${c}2`, d, a])]
      .map((r) => r.join("\t"))
      .join("\n");
    // The second analysis takes longer than the panel's pause before it asks for a fit.
    mockAnalysisDelay.ms = 1500;
    await paste(second);
    const analyses = () => mockTraffic.filter((e) => e.startsWith("analyse #"));
    await waitFor(() => expect(analyses()).toHaveLength(2));
    const [, secondId] = analyses().map((e) => Number(/^analyse #(\d+)/.exec(e)![1]));
    const asked = () => mockTraffic.find((e) => e.startsWith(`lifetime #${secondId} as #`));
    await waitFor(() => expect(asked()).toBeDefined(), { timeout: 30_000 });
    // Answered, not dropped as superseded (which would leave the panel fitting).
    await answered();
    // Each fit asked for names an analysis already answered; each text was read once, by its
    // analysis (the fits refit what it folded).
    mockTraffic.forEach((entry, i) => {
      const fit = /^lifetime #(\d+) as/.exec(entry);
      if (fit) expect(mockTraffic.slice(0, i)).toContain(`answer analysed #${fit[1]}`);
    });
    expect(analyses()).toEqual([expect.stringContaining(TSV), expect.stringContaining(second)]);
    // The second analysis's fit was answered with the models or the model's reason, not dropped.
    const id = /as #(\d+)$/.exec(asked()!)![1];
    expect(mockTraffic.filter((e) => e.endsWith(` #${id}`) && e.startsWith("answer"))).toEqual([
      expect.stringMatching(/^answer (lifetime|failed) #/),
    ]);
  });

  it("another range opened: the analysis on screen is not drawn again until the new one comes", async () => {
    await openDataTab();
    await paste(TSV);
    await screen.findByTestId("period-table", {}, { timeout: 30_000 });
    // A fourth column: the new source has a column to segment by that the first had not.
    const second = ROWS.map((r, i) => [...r, i === 0 ? "channel" : i % 2 ? "web" : "shop"])
      .map((r) => r.join("\t"))
      .join("\n");
    mockAnalysisDelay.ms = 1500;
    const drawn = mockRenders.periodRetention;
    await paste(second);
    // Its analysis is asked for once its columns are matched: the tab has re-rendered with them.
    await waitFor(() =>
      expect(mockTraffic.filter((e) => e.startsWith("analyse #"))).toHaveLength(2)
    );
    expect(screen.getByRole("option", { name: "channel" })).toBeDefined();
    expect(mockRenders.periodRetention).toBe(drawn);
    // The new analysis, when it comes, is drawn.
    await waitFor(() => expect(mockRenders.periodRetention).toBeGreaterThan(drawn), {
      timeout: 30_000,
    });
  });

  it("shows the sBG fit the worker computed, and the fit with periods held out", async () => {
    const sample = readFileSync(path.resolve(__dirname, "../../../../samples/orders.csv"), "utf8");
    await openDataTab();
    await paste(sample);
    const parameters = await screen.findByTestId("sbg-parameters", {}, { timeout: 30_000 });
    // The model called here on the same orders: its survivor rows, cut before each holdout here.
    const model = new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true });
    sample
      .trim()
      .split("\n")
      .slice(1)
      .forEach((line, i) => {
        const [id, date, amount] = line.split(",");
        model.add(i + 2, id, date, amount);
      });
    const rows = cohortSurvivors(model.finish());
    const periods = Math.max(...rows.map((r) => r.length)) - 1;
    const decimal = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 3 });
    const percent = (v: number) =>
      new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(v);
    const survival = (alpha: number, beta: number, t: number) => {
      let s = 1;
      for (let j = 0; j < t; j++) s *= (beta + j) / (alpha + beta + j);
      return s;
    };
    const expectFit = (held: number) => {
      const fit = fitCohortSbg(rows.map((r) => r.slice(0, periods - held + 1)));
      expect(screen.getByTestId("sbg-parameters").textContent).toBe(
        `α = ${decimal(fit.alpha)}, β = ${decimal(fit.beta)}, fitted across ${fit.cohorts} cohorts on their first ${periods - held} months.`
      );
      const table = within(screen.getByTestId("sbg-table")).getAllByRole("row").slice(1);
      expect(table).toHaveLength(periods + 1);
      table.forEach((row, age) => {
        const cells = Array.from(row.querySelectorAll("th, td"), (c) => c.textContent);
        expect(cells[0]).toBe(age > periods - held ? `${age} (held out)` : String(age));
        expect(cells[2]).toBe(percent(survival(fit.alpha, fit.beta, age)));
      });
    };
    expect(parameters.textContent).toMatch(/^α = /);
    expectFit(0);
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Hold out the last periods"), {
        target: { value: "3" },
      });
    });
    expectFit(3);
  });

  it("names the line and column of a bad cell", async () => {
    await openDataTab();
    await paste("customer_id\torder_date\tamount\nA\t2024-01-03\t10\nB\tsoon\t20\n");
    await waitFor(() => expect(screen.getByTestId("data-error")).toBeTruthy(), { timeout: 30_000 });
    expect(screen.getByTestId("data-error").textContent).toBe(
      "Pasted data, line 3, column order_date: 'soon' is not a date (use a date or ISO text such as 2024-03-05)"
    );
    expect(screen.queryByTestId("data-results")).toBeNull();
  });

  it("asks for a column it cannot find instead of analysing without it", async () => {
    await openDataTab();
    await paste("who\twhen\nA\tlater\nB\tsoon\n");
    await screen.findByTestId("data-missing");
    expect(screen.getByTestId("data-missing").textContent).toBe(
      "Choose the column for: Order date."
    );
    expect(screen.queryByTestId("data-results")).toBeNull();
  });
});
