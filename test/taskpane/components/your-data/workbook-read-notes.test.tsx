/** @jest-environment jsdom */
/**
 * What the "Your data" tab says while reading from Excel, in both languages: when Excel refused
 * a block as too large (the table reader halves it and goes on), the progress names both sizes;
 * a selection of several areas is refused with a message asking for one area, in the pane's
 * language, naming Excel's addresses.
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import {
  BrowserScenarioStorage,
  MemoryKeyValueStorage,
} from "../../../../src/scenarios/memory-storage";
import { App } from "../../../../src/taskpane/components/shell/App";
import type { ReadRowsOptions, WorkbookHost } from "../../../../src/taskpane/host/workbook-host";
import { loadLanguage } from "../../../../src/taskpane/i18n/strings";

// A worker that is never asked anything here (no rows arrive) and never answers.
jest.mock("../../../../src/taskpane/worker/assets", () => ({
  createAnalysisWorker: () => ({
    onmessage: null,
    onerror: null,
    terminate() {},
    postMessage() {},
  }),
  sampleUrl: () => "about:blank",
}));

beforeAll(() => loadLanguage("zh-CN")); // as the pane does before its first render

/** An Excel host whose reads do what `read` does. */
function excelHost(
  language: string,
  read: (options: ReadRowsOptions) => Promise<never>
): WorkbookHost {
  return {
    kind: "excel",
    language,
    theme: "light",
    scenarioStorage: new BrowserScenarioStorage(new MemoryKeyValueStorage()),
    writeSheet: async (plan) => ({ sheetName: plan.sheetName }),
    onThemeChange: () => () => undefined,
    tables: { list: async () => [], read: (_source, options) => read(options) },
  } as WorkbookHost;
}

async function readSelection(host: WorkbookHost, tab: string, button: string) {
  await act(async () => {
    render(<App host={host} />);
  });
  await act(async () => {
    fireEvent.click(await screen.findByRole("tab", { name: tab }));
  });
  await act(async () => {
    fireEvent.click(await screen.findByRole("button", { name: button }));
  });
}

/** The reader's refusal of a multi-area selection, as office-table-reader.ts raises it. */
function multiArea(areas: string): Error {
  const error = Object.assign(new Error(`the selection has several areas (${areas})`), { areas });
  error.name = "MultiAreaSelectionError";
  return error;
}

describe("reading from Excel", () => {
  it("says when Excel refused a block as too large and the read goes on in smaller blocks", async () => {
    const host = excelHost("en-US", (options) => {
      options.onProgress?.(100, 12_000);
      options.onProgress?.(100, 12_000, { refusedRows: 5_000, smallerBlocks: 2_500 });
      return new Promise<never>(() => undefined); // still reading
    });
    await readSelection(host, "Your data", "Use the selected range");
    expect((await screen.findByTestId("data-progress-note")).textContent).toBe(
      "Excel refused a block of 5,000 rows as too large; reading in blocks of 2,500 rows."
    );
    expect(screen.getByTestId("data-progress").textContent).toMatch(/100 of 12,000/);
  });

  it("shows no such note while Excel accepts every block", async () => {
    const host = excelHost("en-US", (options) => {
      options.onProgress?.(100, 12_000);
      return new Promise<never>(() => undefined);
    });
    await readSelection(host, "Your data", "Use the selected range");
    await screen.findByTestId("data-progress");
    expect(screen.queryByTestId("data-progress-note")).toBeNull();
  });

  it("says it in Chinese in a Chinese pane", async () => {
    const host = excelHost("zh-CN", (options) => {
      options.onProgress?.(100, 12_000, { refusedRows: 5_000, smallerBlocks: 2_500 });
      return new Promise<never>(() => undefined);
    });
    await readSelection(host, "你的数据", "使用所选区域");
    expect((await screen.findByTestId("data-progress-note")).textContent).toBe(
      "Excel 拒绝了一个 5,000 行的数据块（过大）；改为每块 2,500 行读取。"
    );
  });

  it.each([
    [
      "en-US",
      "Your data",
      "Use the selected range",
      "The selection has several areas (Orders!B5:D54,Orders!F5:F54). Select one rectangular range, with its header row, and try again.",
    ],
    [
      "zh-CN",
      "你的数据",
      "使用所选区域",
      "所选内容包含多个区域（Orders!B5:D54,Orders!F5:F54）。请选择一个矩形区域（含标题行），然后重试。",
    ],
  ])(
    "refuses a multi-area selection in the pane's language (%s)",
    async (language, tab, button, text) => {
      const host = excelHost(language, () =>
        Promise.reject(multiArea("Orders!B5:D54,Orders!F5:F54"))
      );
      await readSelection(host, tab, button);
      expect((await screen.findByTestId("data-error")).textContent).toBe(text);
    }
  );
});
