/** @jest-environment jsdom */
/**
 * "Segment by" in the Your data view (issue 19 §4), with the worker's engine in-process: the
 * sample orders with a channel column, segmented by channel; the pane's segment table, sentence
 * and shown segment carry the figures of a brute-force reference written in the test.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import {
  BrowserScenarioStorage,
  MemoryKeyValueStorage,
} from "../../../../src/scenarios/memory-storage";
import { App } from "../../../../src/taskpane/components/shell/App";
import type { WorkbookHost } from "../../../../src/taskpane/host/workbook-host";
import {
  logRankByLoops,
  parseOrders,
  referenceSegments,
  sampleOrdersWithChannel,
} from "../../segment-orders";

for (const chart of [
  "PerCustomerChart",
  "TornadoChart",
  "RetentionChart",
  "SurvivalChart",
  "SbgFitChart",
  "SegmentSurvivalChart",
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

async function openDataTab() {
  await act(async () => {
    render(<App host={previewHost()} />);
  });
  await act(async () => {
    fireEvent.click(screen.getByRole("tab", { name: "Your data" }));
  });
  await screen.findByTestId("data-view");
}

async function paste(rows: string[][]) {
  fireEvent.change(screen.getByLabelText("Or paste a range copied from a spreadsheet"), {
    target: { value: rows.map((r) => r.join("\t")).join("\n") },
  });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Use pasted data" }));
  });
}

jest.setTimeout(120_000);

const CSV = sampleOrdersWithChannel();
const ROWS = CSV.trim()
  .split("\n")
  .map((l) => l.split(","));

describe("Segment by, in the pane", () => {
  it("lists the other columns and shows the channels compared, as the reference computes them", async () => {
    await openDataTab();
    await paste(ROWS);
    const picker = (await screen.findByTestId(
      "segment-by",
      {},
      { timeout: 60_000 }
    )) as HTMLSelectElement;
    // "None" and the one column the match did not take.
    expect([...picker.options].map((o) => o.textContent)).toEqual(["None", "channel"]);
    await act(async () => {
      fireEvent.change(picker, { target: { value: "3" } });
    });
    const table = await screen.findByTestId("segment-table", {}, { timeout: 60_000 });
    const reference = referenceSegments(parseOrders(CSV));
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.querySelector("th")!.textContent)).toEqual(
      reference.map((r) => r.label)
    );
    rows.forEach((row, j) => {
      const cell = (c: string) => row.querySelector(`[data-col=${c}]`)!.textContent;
      expect(cell("customers")).toBe(reference[j].customers.toLocaleString("en-US"));
      expect(cell("churned")).toBe(reference[j].churned.toLocaleString("en-US"));
      const median = reference[j].median;
      expect(cell("median")).toMatch(
        median === null ? /^not reached/ : new RegExp(`^${median} \\(`)
      );
    });
    // The sentence names the longest- and shortest-lived channels and gives the overall test.
    const sentence = screen.getByTestId("segment-sentence").textContent ?? "";
    expect(sentence).toMatch(
      /^“.+” customers stay longest \(median .+\) and “.+” customers leave soonest/
    );
    expect(sentence).toContain(
      "across the 3 segments, a difference this large would happen by chance"
    );
    const chi = logRankByLoops(reference.map((r) => r.durations));
    expect(screen.getByTestId("segment-test").textContent).toContain(
      `chi-square ${chi.toLocaleString("en-US", { maximumFractionDigits: 2 })} on 2 degrees`
    );

    // One segment in the period retention and cohort views.
    await act(async () => {
      fireEvent.change(screen.getByTestId("segment-shown"), { target: { value: "1" } });
    });
    expect(screen.getByTestId("segment-showing").textContent).toContain(reference[1].label);
    expect(screen.getByTestId("data-summary").textContent).toContain(
      `${reference[1].customers.toLocaleString("en-US")} customers`
    );
    // And back to None: the comparison goes.
    await act(async () => {
      fireEvent.change(screen.getByTestId("segment-by"), { target: { value: "" } });
    });
    await waitFor(() => expect(screen.queryByTestId("segment-table")).toBeNull());
    expect(screen.getByTestId("data-summary").textContent).toContain(
      `${new Set(ROWS.slice(1).map((r) => r[0])).size.toLocaleString("en-US")} customers`
    );
  });
});
