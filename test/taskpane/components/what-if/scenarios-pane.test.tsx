/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../../../src/taskpane/components/shell/App";
import type { WorkbookHost } from "../../../../src/taskpane/host/workbook-host";
import {
  BROWSER_STORAGE_KEY,
  BrowserScenarioStorage,
  MemoryKeyValueStorage,
} from "../../../../src/scenarios/memory-storage";
import type { SheetPlan } from "../../../../src/report/sheet-plan";

jest.mock("../../../../src/taskpane/charts/PerCustomerChart", () => ({
  __esModule: true,
  default: () => <figure aria-label="chart" />,
}));
jest.mock("../../../../src/taskpane/charts/TornadoChart", () => ({
  __esModule: true,
  default: () => <figure aria-label="tornado chart" />,
}));

function host(storage = new MemoryKeyValueStorage()) {
  const written: SheetPlan[] = [];
  const h: WorkbookHost = {
    kind: "preview",
    language: "en-US",
    theme: "light",
    onThemeChange: () => () => {},
    scenarioStorage: new BrowserScenarioStorage(storage),
    writeSheet: async (plan) => {
      written.push(plan);
      return { sheetName: plan.sheetName, previewHtml: "<table><tr><td>sheet</td></tr></table>" };
    },
  };
  return { host: h, written, storage };
}

async function renderPane(h: WorkbookHost) {
  await act(async () => {
    render(<App host={h} />);
  });
  await screen.findByText(/No saved scenarios yet|Load /);
}

const list = () => screen.getByRole("list", { name: "Saved scenarios" });
const averageBill = () =>
  within(screen.getByRole("group", { name: "New customers" })).getByLabelText(
    "Average bill"
  ) as HTMLInputElement;

describe("saved scenarios and writing", () => {
  it("saves, loads, renames and deletes scenarios", async () => {
    const { host: h, storage } = host();
    await renderPane(h);
    fireEvent.change(screen.getByLabelText("Scenario name"), { target: { value: "Plan A" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save scenario" })));
    expect(within(list()).getByText("Plan A")).toBeTruthy();
    expect(storage.getItem(BROWSER_STORAGE_KEY)).toContain("Plan A");

    fireEvent.change(averageBill(), { target: { value: "45,000" } });
    fireEvent.click(screen.getByRole("button", { name: "Load Plan A" }));
    expect(averageBill().value).toBe("30,000");

    fireEvent.click(screen.getByRole("button", { name: "Rename Plan A" }));
    fireEvent.change(screen.getByLabelText("New name for Plan A"), { target: { value: "Plan B" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save name" })));
    expect(within(list()).getByText("Plan B")).toBeTruthy();

    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Delete Plan B" })));
    expect(screen.getByText("No saved scenarios yet.")).toBeTruthy();
    expect(storage.getItem(BROWSER_STORAGE_KEY)).not.toContain("Plan B");
  });

  it("reports unreadable saved data and asks before overwriting it", async () => {
    const storage = new MemoryKeyValueStorage();
    storage.setItem(BROWSER_STORAGE_KEY, "{not json");
    const { host: h } = host(storage);
    await renderPane(h);
    expect(screen.getByTestId("scenarios-unreadable").textContent).toContain("could not be read");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save scenario" })));
    expect(storage.getItem(BROWSER_STORAGE_KEY)).toBe("{not json"); // untouched until confirmed
    const question = screen.getByRole("alertdialog");
    fireEvent.click(within(question).getByRole("button", { name: "Cancel" }));
    expect(storage.getItem(BROWSER_STORAGE_KEY)).toBe("{not json");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save scenario" })));
    await act(async () =>
      fireEvent.click(
        within(screen.getByRole("alertdialog")).getByRole("button", { name: "Overwrite" })
      )
    );
    expect(storage.getItem(BROWSER_STORAGE_KEY)).toContain("Worked example");
    expect(screen.queryByTestId("scenarios-unreadable")).toBeNull();
  });

  it("writes the report and shows it in a sandboxed frame in the preview; blocks writing while invalid", async () => {
    const { host: h, written } = host();
    await renderPane(h);
    const write = screen.getByRole("button", { name: "Write to sheet" });
    fireEvent.click(write);
    await waitFor(() => expect(written).toHaveLength(1));
    const frame = (await screen.findByTestId("sheet-preview")) as HTMLIFrameElement;
    expect(frame.getAttribute("sandbox")).toBe("");
    expect(frame.getAttribute("srcdoc")).toContain("<td>sheet</td>");
    fireEvent.change(averageBill(), { target: { value: "-1" } });
    expect(screen.getByRole("button", { name: "Write to sheet" }).hasAttribute("disabled")).toBe(
      true
    );
    expect(screen.getByRole("button", { name: "Download .xlsx" }).hasAttribute("disabled")).toBe(
      true
    );
  });
});
