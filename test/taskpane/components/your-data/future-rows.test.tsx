/** @jest-environment jsdom */
/**
 * The "Your data" tab and rows dated after today (issue 22, item 3): the data check names how
 * many and the first (row and date), and no figure is shown until the user ticks "Leave out
 * orders dated after today"; the figures then are those of the table without them. A
 * subscription ending 9999-12-31 is still running: the figures of a blank end. And dates no day
 * above 12 decides (item 6): read month-first, with a warning that choosing the order removes.
 * The worker's engine runs in-process.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { OrdersAnalysis, SubscriptionsAnalysis } from "../../../../src/model/history/analysis";
import {
  BrowserScenarioStorage,
  MemoryKeyValueStorage,
} from "../../../../src/scenarios/memory-storage";
import { App } from "../../../../src/taskpane/components/shell/App";
import type { WorkbookHost } from "../../../../src/taskpane/host/workbook-host";

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

/** The period table's start, new and end columns, as shown. */
function periodColumns(): string[][] {
  const table = screen.getByTestId("period-table");
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) =>
      ["start", "won", "end"].map((c) => row.querySelector(`[data-col=${c}]`)!.textContent ?? "")
    );
}

jest.setTimeout(60_000);

const ORDERS = [
  ["customer_id", "order_date", "amount"],
  ["A", "2024-01-03", "10"],
  ["B", "2024-01-09", "20"],
  ["A", "2024-02-02", "12"],
  ["C-999999", "2204-03-05", "10"],
  ["B", "2024-03-15", "18"],
  ["D", "2999-01-01", "5"],
  ["C", "2024-03-20", "30"],
];

describe("rows dated after today in the pane", () => {
  it("are named in the data check, and no figure shows until the user leaves them out", async () => {
    await openDataTab();
    await paste(ORDERS);
    const notice = await screen.findByTestId("data-future", {}, { timeout: 30_000 });
    expect(notice.textContent).toContain("2 orders dated after today (first: row 5, 2204-03-05)");
    expect(screen.queryByTestId("data-results")).toBeNull();
    // The data check counts them apart from blank rows.
    expect(screen.getByTestId("data-check").textContent).toContain("5 orders");
    expect(screen.getByTestId("data-check").textContent).not.toContain("blank");

    await act(async () => {
      fireEvent.click(screen.getByLabelText("Leave out orders dated after today"));
    });
    await screen.findByTestId("period-table");
    // The figures of the table without those rows, from the model fed here directly.
    const model = new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true });
    ORDERS.slice(1)
      .filter((r) => r[1] < "2100")
      .forEach((r, i) => model.add(i + 2, r[0], r[1], r[2]));
    const expected = model.finish().retention;
    expect(periodColumns()).toEqual(
      Array.from(expected.start, (s, i) => [
        String(s),
        String(expected.won[i]),
        String(expected.end[i]),
      ])
    );
  });

  it("are asked about again for the next table", async () => {
    await openDataTab();
    await paste(ORDERS);
    await screen.findByTestId("data-future", {}, { timeout: 30_000 });
    await act(async () => {
      fireEvent.click(screen.getByLabelText("Leave out orders dated after today"));
    });
    await screen.findByTestId("period-table");
    await paste([...ORDERS, ["E", "2400-01-01", "1"]]);
    const notice = await screen.findByText(/3 orders dated after today/, {}, { timeout: 30_000 });
    expect(notice).toBeTruthy();
    expect(screen.queryByTestId("data-results")).toBeNull();
  });

  it("a table with none shows its figures at once, and a subscription ending 9999-12-31 is still running", async () => {
    await openDataTab();
    const rows = (end: string) => [
      ["customer_id", "start_date", "end_date", "mrr"],
      ["A", "2024-01-10", "", "10"],
      ["B", "2024-02-10", end, "20"],
      ["C", "2024-03-10", "2024-05-01", "30"],
    ];
    await paste(rows("9999-12-31"));
    await screen.findByTestId("period-table", {}, { timeout: 30_000 });
    expect(screen.queryByTestId("data-future")).toBeNull();
    const shown = periodColumns();
    const model = new SubscriptionsAnalysis({ unit: "month", hasRevenue: true });
    rows("")
      .slice(1)
      .forEach((r, i) => model.add(i + 2, r[0], r[1], r[2], r[3]));
    const expected = model.finish().retention;
    expect(shown).toEqual(
      Array.from(expected.start, (s, i) => [
        String(s),
        String(expected.won[i]),
        String(expected.end[i]),
      ])
    );
  });

  it("dates no day above 12 decides are read month-first with a warning, which choosing the order removes", async () => {
    await openDataTab();
    const rows = [
      ["customer_id", "order_date", "amount"],
      ["A", "5/1/2024", "10"],
      ["B", "6/2/2024", "20"],
      ["A", "2/3/2024", "12"],
    ];
    await paste(rows);
    await screen.findByTestId("period-table", {}, { timeout: 30_000 });
    const warning = screen.getByTestId("data-warning-date-order-guessed");
    expect(warning.textContent).toContain("read month-first");
    const order = screen.getByLabelText("Dates written as") as HTMLSelectElement;
    expect(order.value).toBe("mdy");
    // Month-first: 1 May, 2 June, 3 February.
    expect(screen.getByTestId("data-summary").textContent).toContain("Feb 2024 to Jun 2024");
    await act(async () => {
      fireEvent.change(order, { target: { value: "dmy" } });
    });
    expect(screen.queryByTestId("data-warning-date-order-guessed")).toBeNull();
    // Day-first: January, February and March 2024 (5 Jan, 6 Feb, 2 Mar), as the model reads them.
    await waitFor(
      () =>
        expect(screen.getByTestId("data-summary").textContent).toContain("Jan 2024 to Mar 2024"),
      { timeout: 30_000 }
    );
    const model = new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true });
    [
      ["A", "2024-01-05", "10"],
      ["B", "2024-02-06", "20"],
      ["A", "2024-03-02", "12"],
    ].forEach((r, i) => model.add(i + 2, r[0], r[1], r[2]));
    const expected = model.finish().retention;
    expect(periodColumns()).toEqual(
      Array.from(expected.start, (s, i) => [
        String(s),
        String(expected.won[i]),
        String(expected.end[i]),
      ])
    );
  });
});
