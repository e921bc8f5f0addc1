/**
 * @jest-environment jsdom
 */
/*
 * The first screen before Office.js is ready (remembered-host.ts): what is kept between
 * openings, what is refused, and the provisional host that touches no workbook.
 */
import {
  createProvisionalHost,
  readRememberedHost,
  rememberHost,
} from "../../../src/taskpane/host/remembered-host";
import { createPreviewHost } from "../../../src/taskpane/host/preview-host";
import type { WorkbookHost } from "../../../src/taskpane/host/workbook-host";

/** Storage as the browser gives it: strings by key. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    key: (i) => [...items.keys()][i] ?? null,
    get length() {
      return items.size;
    },
  };
}

const excelHost = (language: string, theme: "light" | "dark"): WorkbookHost => ({
  ...createPreviewHost(window),
  kind: "excel",
  language,
  theme,
});

describe("the host settings kept between openings", () => {
  test("nothing kept: the first opening waits for Office", () => {
    expect(readRememberedHost(memoryStorage())).toBeNull();
    expect(readRememberedHost(undefined)).toBeNull();
  });

  test("what one opening keeps, the next reads: kind, language and theme only", () => {
    const storage = memoryStorage();
    rememberHost(excelHost("zh-CN", "dark"), storage);
    expect(readRememberedHost(storage)).toEqual({
      kind: "excel",
      language: "zh-CN",
      theme: "dark",
    });
    expect(JSON.parse(storage.getItem(storage.key(0)!)!)).toEqual({
      kind: "excel",
      language: "zh-CN",
      theme: "dark",
    });
  });

  test.each([
    ["not JSON", "{"],
    ["not an object", "3"],
    ["an unknown kind", '{"kind":"word","language":"en-US","theme":"light"}'],
    ["an unknown theme", '{"kind":"excel","language":"en-US","theme":"blue"}'],
    ["a language that is not a tag", '{"kind":"excel","language":"<script>","theme":"light"}'],
    ["no language", '{"kind":"excel","theme":"light"}'],
  ])("a kept value that is %s is ignored", (_, text) => {
    const storage = memoryStorage();
    storage.setItem("retain.pane.lastHost", text);
    expect(readRememberedHost(storage)).toBeNull();
  });

  test("storage that refuses (private mode, a blocked frame) keeps and reads nothing, silently", () => {
    const refusing = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(() => rememberHost(excelHost("en-US", "light"), refusing)).not.toThrow();
    expect(readRememberedHost(refusing)).toBeNull();
  });
});

describe("the provisional host", () => {
  const host = createProvisionalHost({ kind: "excel", language: "zh-CN", theme: "dark" });

  test("has the remembered language and theme, and says it is provisional", () => {
    expect(host).toMatchObject({
      kind: "excel",
      language: "zh-CN",
      theme: "dark",
      provisional: true,
    });
    expect(host.tables).toBeUndefined();
  });

  test("touches no workbook: writes and scenario reads are refused, not sent", async () => {
    await expect(host.writeSheet({} as never, "Sheet")).rejects.toThrow(/still starting/);
    await expect(host.scenarioStorage.read()).rejects.toThrow(/still starting/);
    await expect(host.scenarioStorage.write("x")).rejects.toThrow(/still starting/);
    const unsubscribe = host.onThemeChange(() => {});
    expect(unsubscribe).not.toThrow();
  });
});
