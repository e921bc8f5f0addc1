/** @jest-environment jsdom */
/*
 * The warning about an older custom-functions runtime: shown only when the host says so, in the
 * pane's language (its words from en.json and zh-CN.json, like every other string), until
 * dismissed, and not again once dismissed (the dismissal is remembered).
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import {
  RuntimeNotice,
  RUNTIME_NOTICE_KEY,
} from "../../../../src/taskpane/components/shared/RuntimeNotice";
import type { WorkbookHost } from "../../../../src/taskpane/host/workbook-host";
import en from "../../../../src/taskpane/i18n/en.json";
import { LocaleProvider } from "../../../../src/taskpane/i18n/locale-context";
import { loadLanguage } from "../../../../src/taskpane/i18n/strings";
import zh from "../../../../src/taskpane/i18n/zh-CN.json";

const host = (functionsRuntimeOutdated?: boolean) =>
  ({ kind: "excel", language: "en-US", functionsRuntimeOutdated }) as unknown as WorkbookHost;

const show = (h: WorkbookHost, locale = "en-US") =>
  render(
    <LocaleProvider locale={locale}>
      <RuntimeNotice host={h} />
    </LocaleProvider>
  );

beforeAll(() => loadLanguage("zh-CN")); // as the pane does before its first render
beforeEach(() => window.localStorage.clear());

describe("RuntimeNotice", () => {
  it("warns when the host reports a runtime older than 1.3, and says nothing otherwise", () => {
    const { unmount } = show(host(true));
    expect(screen.getByTestId("runtime-notice").textContent).toMatch(/older than 1\.3/);
    expect(screen.getByRole("alert")).toBeTruthy();
    unmount();
    for (const current of [false, undefined]) {
      const view = show(host(current));
      expect(screen.queryByTestId("runtime-notice")).toBeNull();
      view.unmount();
    }
  });

  it("speaks Chinese in a Chinese pane", () => {
    show(host(true), "zh-CN");
    expect(screen.getByTestId("runtime-notice").textContent).toMatch(/低于 1\.3 版/);
    expect(screen.getByRole("button", { name: "关闭" })).toBeTruthy();
  });

  it.each([
    ["en-US", en],
    ["zh-CN", zh],
  ])("takes its words from the pane's strings (%s)", (locale, strings) => {
    show(host(true), locale);
    expect(screen.getByTestId("runtime-notice").textContent).toBe(
      `${strings["app.runtimeNotice"]} ${strings["app.runtimeNoticeDismiss"]}`
    );
  });

  it("goes away when dismissed, and stays away the next time the pane opens", () => {
    const first = show(host(true));
    act(() => fireEvent.click(screen.getByRole("button", { name: "Dismiss" })));
    expect(screen.queryByTestId("runtime-notice")).toBeNull();
    expect(window.localStorage.getItem(RUNTIME_NOTICE_KEY)).toBe("1");
    first.unmount();
    show(host(true));
    expect(screen.queryByTestId("runtime-notice")).toBeNull();
  });
});
