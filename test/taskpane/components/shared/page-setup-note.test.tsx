/** @jest-environment jsdom */
/**
 * The status line after "Write to sheet" when Excel wrote the sheet but refused its page setup
 * (render-office.ts sends the page setup alone, last, and reports its failure): it says the sheet
 * was written and why it prints with Excel's defaults, in both languages; without a refusal, only
 * that the sheet was written.
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import {
  BrowserScenarioStorage,
  MemoryKeyValueStorage,
} from "../../../../src/scenarios/memory-storage";
import { App } from "../../../../src/taskpane/components/shell/App";
import type { WorkbookHost, WrittenSheet } from "../../../../src/taskpane/host/workbook-host";
import { loadLanguage } from "../../../../src/taskpane/i18n/strings";

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

function excelHost(language: string, written: WrittenSheet): WorkbookHost {
  return {
    kind: "excel",
    language,
    theme: "light",
    scenarioStorage: new BrowserScenarioStorage(new MemoryKeyValueStorage()),
    writeSheet: async () => written,
    onThemeChange: () => () => undefined,
  } as WorkbookHost;
}

async function write(host: WorkbookHost, button: string): Promise<string> {
  await act(async () => {
    render(<App host={host} />);
  });
  await act(async () => {
    fireEvent.click(await screen.findByRole("button", { name: button }));
  });
  return (await screen.findByTestId("workbook-status")).textContent ?? "";
}

describe("the status line after a write whose page setup Excel refused", () => {
  it("says the sheet was written, and why it prints with Excel's defaults", async () => {
    const status = await write(
      excelHost("en-US", { sheetName: "Retention model", pageSetupSkipped: "GeneralException" }),
      "Write to sheet"
    );
    expect(status).toBe(
      "Written to sheet “Retention model”. Excel refused its page setup (GeneralException), so it prints with Excel's defaults: set the orientation and fit to one page wide in Page Layout if you print it."
    );
  });

  it("says it in Chinese in a Chinese pane", async () => {
    const status = await write(
      excelHost("zh-CN", { sheetName: "留存模型", pageSetupSkipped: "GeneralException" }),
      "写入工作表"
    );
    expect(status).toBe(
      "已写入工作表“留存模型”。 Excel 拒绝了它的页面设置（GeneralException），因此打印时使用 Excel 的默认设置：如需打印，请在“页面布局”中设置方向并调整为一页宽。"
    );
  });

  it("says only that the sheet was written when the page setup landed", async () => {
    const status = await write(
      excelHost("en-US", { sheetName: "Retention model" }),
      "Write to sheet"
    );
    expect(status).toBe("Written to sheet “Retention model”.");
  });
});
