/** @jest-environment jsdom */
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { App } from "../../../../src/taskpane/components/shell/App";
import type { WorkbookHost } from "../../../../src/taskpane/host/workbook-host";
import { BrowserScenarioStorage, MemoryKeyValueStorage } from "../../../../src/scenarios/memory-storage";
import { loadLanguage } from "../../../../src/taskpane/i18n/strings";

// The charts are a lazy chunk drawn by recharts; jsdom has no layout, and their numbers are in tables.
jest.mock("../../../../src/taskpane/charts/PerCustomerChart", () => ({
  __esModule: true,
  default: () => <figure aria-label="chart" />,
}));
jest.mock("../../../../src/taskpane/charts/TornadoChart", () => ({
  __esModule: true,
  default: () => <figure aria-label="tornado chart" />,
}));

function fakeHost(
  language = "en-US",
  theme: "light" | "dark" = "light"
): WorkbookHost & { setTheme: (t: "light" | "dark") => void } {
  const listeners = new Set<(t: "light" | "dark") => void>();
  return {
    kind: "preview",
    language,
    theme,
    scenarioStorage: new BrowserScenarioStorage(new MemoryKeyValueStorage()),
    writeSheet: async (plan) => ({ sheetName: plan.sheetName, previewHtml: "<table></table>" }),
    onThemeChange: (l) => (listeners.add(l), () => listeners.delete(l)),
    setTheme: (t) => listeners.forEach((l) => l(t)),
  };
}

/** Renders and lets the lazy chart chunks resolve, as the browser would. */
async function renderPane(host: WorkbookHost) {
  let result!: ReturnType<typeof render>;
  await act(async () => {
    result = render(<App host={host} />);
  });
  return result;
}

const group = (name: string) => screen.getByRole("group", { name });
const input = (groupName: string, label: string) =>
  within(group(groupName)).getByLabelText(label) as HTMLInputElement;
const output = (key: string) =>
  screen.getByTestId("results-table").querySelector(`[data-output='${key}']`)!.textContent;
const type = (el: HTMLElement, text: string) => fireEvent.change(el, { target: { value: text } });

describe("the task pane", () => {
  it("shows the worked example's inputs under their exact labels and its results in a table", async () => {
    await renderPane(fakeHost());
    for (const name of ["New customers", "Returning customers"]) {
      for (const label of ["Marketing spend", "Overheads and taxes", "Customers", "Average bill"])
        expect(input(name, label)).toBeTruthy();
    }
    expect(input("New customers", "Marketing spend").value).toBe("1,617,000");
    expect(output("new.revenue")).toBe("₽2,250,000");
    expect(output("returning.revenue")).toBe("₽2,400,000");
    expect(output("new.profit")).toBe("₽133,000");
    expect(output("returning.profit")).toBe("₽572,000");
    expect(output("new.costPerCustomer")).toBe("₽28,227");
    expect(output("returning.costPerCustomer")).toBe("₽22,850");
    const table = screen.getByRole("table", { name: "Economics by customer segment" });
    expect(within(table).getAllByRole("columnheader")).toHaveLength(4);
    expect(within(table).getAllByRole("rowheader")).toHaveLength(7);
    expect(screen.getByTestId("cost-ratio").textContent).toContain("1.24×");
  });

  it("recomputes results, baseline deltas, the grid and the tornado on every keystroke", async () => {
    await renderPane(fakeHost());
    type(input("New customers", "Average bill"), "40,000");
    expect(output("new.revenue")).toBe("₽3,000,000");
    const profitRow = screen
      .getByTestId("baseline-table")
      .querySelector("[data-output='total.profit']")!;
    expect(profitRow.querySelectorAll("td")[2].textContent).toBe("+₽750,000");
    expect(profitRow.querySelectorAll("td")[3].textContent).toBe("+106.4%");
    expect(
      screen.getByTestId("sensitivity-grid").querySelector("[aria-current=true]")!.textContent
    ).toBe("₽1.46M");
    fireEvent.click(screen.getByRole("button", { name: "Set as baseline" }));
    expect(profitRow.querySelectorAll("td")[2].textContent).toBe("₽0.00");
    type(input("New customers", "Average bill"), "30,000");
    fireEvent.click(screen.getByRole("button", { name: "Reset to baseline" }));
    expect(input("New customers", "Average bill").value).toBe("40,000");
  });

  it("shows an inline message, dashes downstream results and blocks writing while a field is invalid", async () => {
    await renderPane(fakeHost());
    const main = screen.getByRole("main");
    expect(main.dataset.canWrite).toBe("true");
    type(input("New customers", "Customers"), "seventy");
    expect(within(group("New customers")).getByText("Enter a number")).toBeTruthy();
    expect(input("New customers", "Customers").getAttribute("aria-invalid")).toBe("true");
    expect(output("new.revenue")).toBe("–");
    expect(output("total.profit")).toBe("–");
    expect(output("returning.profit")).toBe("₽572,000"); // independent of the bad field
    expect(main.dataset.canWrite).toBe("false");
    expect(screen.getByRole("button", { name: "Set as baseline" }).hasAttribute("disabled")).toBe(
      true
    );
    expect(screen.queryByTestId("sensitivity-grid")).toBeNull();
    type(input("New customers", "Customers"), "75");
    expect(main.dataset.canWrite).toBe("true");
  });

  it("links returning customers to retention when asked: 100 × 80% = 80", async () => {
    await renderPane(fakeHost());
    fireEvent.click(
      screen.getByRole("switch", { name: "Derive returning customers from the retention rate" })
    );
    expect(input("Returning customers", "Customers").disabled).toBe(true);
    expect(output("returning.profit")).toBe("₽572,000");
    type(screen.getByLabelText("Retention rate (%)"), "90");
    expect(output("returning.revenue")).toBe("₽2,700,000");
    expect(screen.getByText("90% is above the insurance and media benchmark (79%).")).toBeTruthy();
  });

  it("finds the break-even average bill and applies it", async () => {
    await renderPane(fakeHost());
    fireEvent.click(screen.getByRole("button", { name: "Find" }));
    expect(screen.getByTestId("goal-result").textContent).toContain("₽28,227");
    fireEvent.click(screen.getByRole("button", { name: "Apply" }));
    expect(input("New customers", "Average bill").value).toBe("28,226.666667");
    expect(output("new.profit")).toBe("₽0.00");
  });

  it("offers whole customers either side of a fractional answer, and applies one", async () => {
    await renderPane(fakeHost());
    // Break-even needs 2,117,000 / 30,000 = 70.57 new customers.
    fireEvent.change(screen.getByLabelText("by changing"), {
      target: { value: "segments.new.customers" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Find" }));
    expect(screen.getByTestId("goal-result").textContent).toContain(
      "In whole customers: 70 gives -₽17,000; 71 gives ₽13,000."
    );
    fireEvent.click(screen.getByRole("button", { name: "Apply 71" }));
    expect(input("New customers", "Customers").value).toBe("71");
    expect(output("new.profit")).toBe("₽13,000");
  });

  it("says when no value reaches the target", async () => {
    await renderPane(fakeHost());
    type(screen.getByLabelText("equal to"), "-99,000,000,000");
    fireEvent.click(screen.getByRole("button", { name: "Find" }));
    expect(screen.getByTestId("goal-result").textContent).toMatch(
      /^No value of New: Average bill between ₽0.00 and ₽3,000,000 reaches/
    );
    expect(screen.queryByRole("button", { name: "Apply" })).toBeNull();
  });

  it("renders in Chinese from a Chinese display language", async () => {
    await loadLanguage("zh-CN");
    await renderPane(fakeHost("zh-CN"));
    expect(screen.getByRole("heading", { name: "客户留存经济模型" })).toBeTruthy();
    expect(within(group("新客户")).getByLabelText("营销费用")).toBeTruthy();
    expect(output("new.profit")).toBe("₽133,000");
  });

  it("follows the host's theme", async () => {
    const host = fakeHost("en-US", "light");
    await renderPane(host);
    // Fluent inserts the theme's CSS variables through the CSSOM, not as style text.
    const css = () =>
      [...document.styleSheets]
        .flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText))
        .join("\n") +
      [...document.querySelectorAll("style")].map((el) => el.textContent).join("\n");
    expect(css()).toContain(`--colorNeutralBackground1: ${webLightTheme.colorNeutralBackground1}`);
    act(() => host.setTheme("dark"));
    expect(css()).toContain(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1}`);
  });
});
