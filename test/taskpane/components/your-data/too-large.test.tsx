/** @jest-environment jsdom */
/**
 * A table too large for a sheet (issue 22, item 8), refused in the pane's own language: 75 years
 * of daily periods need more cohort columns than a sheet has. The message gives the span, its
 * periods and the limit, and says what to do. The worker's engine runs in-process.
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import {
  BrowserScenarioStorage,
  MemoryKeyValueStorage,
} from "../../../../src/scenarios/memory-storage";
import { App } from "../../../../src/taskpane/components/shell/App";
import type { WorkbookHost } from "../../../../src/taskpane/host/workbook-host";
import { loadLanguage } from "../../../../src/taskpane/i18n/strings";

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

function previewHost(language: string): WorkbookHost {
  return {
    kind: "preview",
    language,
    theme: "light",
    scenarioStorage: new BrowserScenarioStorage(new MemoryKeyValueStorage()),
    writeSheet: async (plan) => ({ sheetName: plan.sheetName, previewHtml: "<table></table>" }),
    onThemeChange: () => () => undefined,
  };
}

beforeAll(() => loadLanguage("zh-CN"));
jest.setTimeout(60_000);

const LANGUAGES = [
  {
    language: "en-US",
    tab: "Your data",
    paste: "Or paste a range copied from a spreadsheet",
    use: "Use pasted data",
    period: "Period",
    day: "Day",
    sentence:
      /^The dates run from (\S+) to (\S+), ([\d,]+) days: that needs ([\d,]+) periods in the cohort table, more than the ([\d,]+) a sheet holds\. Choose a longer period/,
  },
  {
    language: "zh-CN",
    tab: "你的数据",
    paste: "或粘贴从电子表格复制的区域",
    use: "使用粘贴的数据",
    period: "周期",
    day: "日",
    sentence:
      /^日期从 (\S+) 到 (\S+)，共 ([\d,]+) 天：需要 ([\d,]+) 个同期群表周期，超过了工作表能容纳的 ([\d,]+) 个。 请选择更长的周期/,
  },
];

const days = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe.each(LANGUAGES)("a span too long for a sheet ($language)", (words) => {
  it("is refused with its figures and what to do, in the pane's language", async () => {
    await act(async () => {
      render(<App host={previewHost(words.language)} />);
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: words.tab }));
    });
    await screen.findByTestId("data-view");
    const rows = [
      ["customer_id", "order_date", "amount"],
      ["A", "1950-01-02", "10"],
      ["A", "1950-02-02", "10"],
      ["B", "2025-01-06", "20"],
    ];
    fireEvent.change(screen.getByLabelText(words.paste), {
      target: { value: rows.map((r) => r.join("\t")).join("\n") },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: words.use }));
    });
    await screen.findByTestId("period-table", {}, { timeout: 30_000 });
    await act(async () => {
      fireEvent.change(screen.getByLabelText(words.period), { target: { value: "day" } });
    });
    const notice = await screen.findByTestId("data-error", {}, { timeout: 30_000 });
    const m = words.sentence.exec(notice.textContent ?? "");
    expect(m).not.toBeNull();
    const [, from, to, periods, needed, limit] = m!;
    const number = (text: string) => Number(text.replace(/,/g, ""));
    expect(from).toBe("1950-01-02");
    // Every day from the first order to the span's end is a period; the analysis needs them all.
    expect(number(periods)).toBe(days(to) - days(from) + 1);
    expect(number(needed)).toBe(number(periods));
    expect(number(limit)).toBe(16_383); // a sheet's 16,384 columns beside the cohort label
    expect(number(periods)).toBeGreaterThan(number(limit));
    expect(screen.queryByTestId("period-table")).toBeNull();
  });
});
