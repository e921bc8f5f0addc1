/**
 * @jest-environment jsdom
 */
/*
 * The two WorkbookHost implementations: the Office one against a fake of Office's common API
 * (language, theme, theme events: plain properties and callbacks, nothing to load or sync, so
 * office-addin-mock's load/sync model does not apply), the preview one in jsdom (query
 * overrides, escaped sheet HTML). Its Excel.run code is tested with office-addin-mock in
 * test/report/render-office.test.ts and test/scenarios/office-storage.test.ts.
 */
import { WORKED_EXAMPLE } from "../../src/model/scenario";
import { ENGLISH_REPORT_LABELS } from "../../src/report/report-labels";
import { buildReportPlan } from "../../src/report/report-plan";
import { createOfficeHost, themeFromColor } from "../../src/taskpane/host/office-host";
import { createPreviewHost } from "../../src/taskpane/host/preview-host";

function officeMock(displayLanguage: string, bodyBackgroundColor: string) {
  const handlers: Array<(event: unknown) => void> = [];
  const fake = {
    context: {
      displayLanguage,
      officeTheme: { bodyBackgroundColor },
      document: {
        addHandlerAsync: (_type: string, handler: (event: unknown) => void) =>
          handlers.push(handler),
        removeHandlerAsync: () => handlers.splice(0),
      },
    },
    EventType: { OfficeThemeChanged: "officeThemeChanged" },
  };
  return { office: fake as unknown as typeof Office, handlers };
}

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
  test("follows Office's theme changes until unsubscribed", () => {
    const { office, handlers } = officeMock("en-US", "#ffffff");
    const seen: string[] = [];
    const unsubscribe = createOfficeHost(office).onThemeChange((theme) => seen.push(theme));
    expect(handlers).toHaveLength(1);
    handlers[0]({ officeTheme: { bodyBackgroundColor: "#202020" } });
    handlers[0]({ officeTheme: { bodyBackgroundColor: "#fafafa" } });
    expect(seen).toEqual(["dark", "light"]);
    unsubscribe();
    expect(handlers).toHaveLength(0);
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
