/**
 * @jest-environment jsdom
 */
/*
 * The two WorkbookHost implementations: the Office one against a fake of Office's common API
 * (language, theme, the pane's visibility: plain properties and callbacks, nothing to load or sync, so
 * office-addin-mock's load/sync model does not apply), the preview one in jsdom (query
 * overrides, escaped sheet HTML). Its Excel.run code is tested with office-addin-mock in
 * test/report/renderers/render-office.test.ts and test/scenarios/office-storage.test.ts; here, the
 * Office host's writes into a 1904 workbook, over the worksheets fake.
 */
import { WORKED_EXAMPLE } from "../../../src/model/economics/scenario";
import { ENGLISH_REPORT_LABELS } from "../../../src/report/plans/report-labels";
import { buildReportPlan } from "../../../src/report/plans/report-plan";
import type { SheetPlan } from "../../../src/report/sheet-plan";
import {
  createOfficeHost,
  functionsRuntimeIsCurrent,
  themeFromColor,
} from "../../../src/taskpane/host/office-host";
import { createPreviewHost } from "../../../src/taskpane/host/preview-host";
import {
  installFakeWorksheets,
  uninstallFakeWorksheets,
} from "../../support/fake-excel-worksheets";

/**
 * Office's common API as the Office host uses it: language, theme colours (which the test changes
 * as Office would), and the shared runtime's Office.addin.onVisibilityModeChanged. Any other
 * event registration (document.addHandlerAsync) is recorded so a test can see none is made.
 */
function officeMock(
  displayLanguage: string,
  bodyBackgroundColor: string,
  sharedRuntime = true,
  /** What isSetSupported answers; undefined: Office exposes no requirements object. */
  supports?: (name: string, version: string) => boolean
) {
  const visibilityHandlers: Array<(message: { visibilityMode: string }) => void> = [];
  const documentHandlers: string[] = [];
  let removals = 0;
  const officeTheme = { bodyBackgroundColor };
  const fake = {
    context: {
      displayLanguage,
      officeTheme,
      requirements: supports && { isSetSupported: supports },
      document: {
        addHandlerAsync: (type: string) => documentHandlers.push(type),
      },
    },
    VisibilityMode: { hidden: "Hidden", taskpane: "Taskpane" },
    EventType: { OfficeThemeChanged: "officeThemeChanged" },
    addin: sharedRuntime
      ? {
          onVisibilityModeChanged: async (handler: (m: { visibilityMode: string }) => void) => {
            visibilityHandlers.push(handler);
            return async () => {
              removals++;
              visibilityHandlers.splice(visibilityHandlers.indexOf(handler), 1);
            };
          },
        }
      : undefined,
  };
  return {
    office: fake as unknown as typeof Office,
    /** Office shows or hides the pane. */
    setVisible: (visible: boolean) =>
      [...visibilityHandlers].forEach((h) =>
        h({ visibilityMode: visible ? "Taskpane" : "Hidden" })
      ),
    setBackground: (color: string) => (officeTheme.bodyBackgroundColor = color),
    visibilityHandlers,
    documentHandlers,
    removals: () => removals,
  };
}

/** Lets the host's registration promise settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the Office host", () => {
  test("takes Office's display language and a dark theme from a dark pane background", () => {
    const { office } = officeMock("zh-CN", "#1f1f1f");
    const host = createOfficeHost(office);
    expect(host.kind).toBe("excel");
    expect(host.language).toBe("zh-CN");
    expect(host.theme).toBe("dark");
  });
  test("a light background is the light theme; an unreadable colour falls back to light", () => {
    expect(themeFromColor("#ffffff")).toBe("light");
    expect(themeFromColor("#F3F2F1")).toBe("light");
    expect(themeFromColor("#262626")).toBe("dark");
    expect(themeFromColor(undefined)).toBe("light");
    expect(themeFromColor("not a colour")).toBe("light");
  });
  test("re-reads Office's theme each time the pane is shown again, until unsubscribed", async () => {
    const mock = officeMock("en-US", "#ffffff");
    const seen: string[] = [];
    const unsubscribe = createOfficeHost(mock.office).onThemeChange((theme) => seen.push(theme));
    await settle();
    expect(mock.visibilityHandlers).toHaveLength(1);
    // No Excel event for the theme is registered (OfficeThemeChanged is Outlook's).
    expect(mock.documentHandlers).toEqual([]);

    mock.setVisible(false);
    mock.setBackground("#202020"); // the user picks a dark Office theme while the pane is closed
    expect(seen).toEqual([]); // hidden: nothing to repaint
    mock.setVisible(true);
    expect(seen).toEqual(["dark"]);
    mock.setVisible(true); // shown again, same theme: no call
    expect(seen).toEqual(["dark"]);
    mock.setBackground("#fafafa");
    mock.setVisible(true);
    expect(seen).toEqual(["dark", "light"]);

    unsubscribe();
    await settle();
    expect(mock.removals()).toBe(1);
    expect(mock.visibilityHandlers).toHaveLength(0);
    mock.setBackground("#101010");
    mock.setVisible(true);
    expect(seen).toEqual(["dark", "light"]);
  });

  test("unsubscribing before the registration settles still removes the handler", async () => {
    const mock = officeMock("en-US", "#ffffff");
    createOfficeHost(mock.office).onThemeChange(() => {})();
    await settle();
    expect(mock.removals()).toBe(1);
    expect(mock.visibilityHandlers).toHaveLength(0);
  });

  test("without the shared runtime (no Office.addin) the theme stays as opened, without an error", () => {
    const mock = officeMock("en-US", "#1f1f1f", false);
    const host = createOfficeHost(mock.office);
    expect(host.theme).toBe("dark");
    const unsubscribe = host.onThemeChange(() => {});
    expect(() => unsubscribe()).not.toThrow();
    expect(mock.documentHandlers).toEqual([]);
  });
});

describe("the Office host and the custom-functions runtime", () => {
  test("is outdated exactly where Office says CustomFunctionsRuntime 1.3 is missing", () => {
    const asked: string[] = [];
    const up = (top: number) => (name: string, version: string) => {
      asked.push(`${name} ${version}`);
      return name === "CustomFunctionsRuntime" && Number(version.split(".")[1]) <= top;
    };
    expect(
      createOfficeHost(officeMock("en-US", "#fff", true, up(2)).office).functionsRuntimeOutdated
    ).toBe(true);
    expect(
      createOfficeHost(officeMock("en-US", "#fff", true, up(3)).office).functionsRuntimeOutdated
    ).toBe(false);
    expect(
      createOfficeHost(officeMock("en-US", "#fff", true, up(4)).office).functionsRuntimeOutdated
    ).toBe(false);
    expect(new Set(asked)).toEqual(new Set(["CustomFunctionsRuntime 1.3"]));
  });
  test("an Office that cannot say is not warned about", () => {
    expect(functionsRuntimeIsCurrent(officeMock("en-US", "#fff").office)).toBe(true);
    const throwing = officeMock("en-US", "#fff", true, () => {
      throw new Error("not initialised");
    });
    expect(functionsRuntimeIsCurrent(throwing.office)).toBe(true);
  });
});

describe("the Office host writing into a 1904 workbook", () => {
  afterEach(uninstallFakeWorksheets);
  /** 2025-01-15 as a 1900-system serial, counted here from 1899-12-30. */
  const DAY = (Date.UTC(2025, 0, 15) - Date.UTC(1899, 11, 30)) / 86_400_000;
  const plan: SheetPlan = {
    sheetName: "Cohort analysis",
    blocks: [
      {
        topLeft: "A1",
        rows: [
          [
            { kind: "number", value: DAY, format: { kind: "date" } },
            { kind: "number", value: DAY, format: { kind: "general" } },
          ],
        ],
      },
    ],
    names: [],
    columnWidths: {},
    charts: [],
    print: { orientation: "portrait" },
  };

  /** The worksheets fake, answering DATE(1904, 1, 1) as a workbook in `system` would. */
  function install(system: "1900" | "1904") {
    const excel = installFakeWorksheets(["Sheet1"]);
    let probes = 0;
    const workbook = (
      globalThis as unknown as { Excel: { context: { workbook: Record<string, unknown> } } }
    ).Excel.context.workbook;
    workbook.functions = {
      date: () => {
        probes++;
        return { load: () => undefined, value: system === "1904" ? 0 : 1462 };
      },
    };
    const written = () =>
      excel.ops
        .filter((o) => o.action === "set values")
        .flatMap((o) => (o.value as unknown[][]).flat());
    return { excel, written, probes: () => probes };
  }

  test("date cells land 1,462 days lower, so Excel shows the same day; other numbers stay (a 1900 workbook gets the plan as it is)", async () => {
    const { excel, written, probes } = install("1904");
    const host = createOfficeHost(officeMock("en-US", "#fff").office);
    await host.writeSheet(plan, "Cohort analysis");
    expect(written()).toEqual([DAY - 1462, DAY]);
    // Asked once, in one sync of its own, and not again for the next write.
    expect(probes()).toBe(1);
    const syncsForOneWrite = excel.syncs();
    await host.writeSheet(plan, "Cohort analysis");
    expect(probes()).toBe(1);
    expect(excel.syncs()).toBe(2 * syncsForOneWrite - 1);
    expect(await host.dateSystem!()).toBe("1904");
    expect(plan.blocks[0].rows[0][0]).toEqual({
      kind: "number",
      value: DAY,
      format: { kind: "date" },
    });
    // The same plan into a 1900 workbook is written as it is.
    uninstallFakeWorksheets();
    const plain = install("1900");
    await createOfficeHost(officeMock("en-US", "#fff").office).writeSheet(plan, "Cohort analysis");
    expect(plain.written()).toEqual([DAY, DAY]);
  });
});

describe("the preview host", () => {
  const at = (search: string) => {
    window.history.replaceState(null, "", `/taskpane.html${search}`);
    return createPreviewHost(window);
  };
  test("?lang= and ?theme= override the browser's language and theme", () => {
    const host = at("?lang=zh-CN&theme=dark");
    expect(host.kind).toBe("preview");
    expect(host.language).toBe("zh-CN");
    expect(host.theme).toBe("dark");
  });
  test("without overrides it takes the browser's language", () => {
    expect(at("").language).toBe(navigator.languages?.[0] || navigator.language);
  });
  test("writing a sheet gives its name and escaped HTML; user text never becomes markup", async () => {
    const scenario = { ...WORKED_EXAMPLE, name: '<img src=x onerror="alert(1)">' };
    const plan = buildReportPlan(scenario, {
      labels: ENGLISH_REPORT_LABELS,
      date: new Date(2025, 0, 1),
    });
    const written = await at("").writeSheet(plan, "Retention model");
    expect(written.sheetName).toBe(plan.sheetName);
    expect(written.previewHtml).toContain("&#60;img src=x onerror=&#34;alert(1)&#34;&#62;");
    expect(written.previewHtml).not.toContain("<img");
  });
});
