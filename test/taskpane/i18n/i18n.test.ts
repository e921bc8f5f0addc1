import { readdirSync, readFileSync } from "fs";
import path from "path";
import coreEn from "../../../src/taskpane/i18n/en.json";
import coreZh from "../../../src/taskpane/i18n/zh-CN.json";
import dataEn from "../../../src/taskpane/i18n/data.en.json";
import dataZh from "../../../src/taskpane/i18n/data.zh-CN.json";
import detailsEn from "../../../src/taskpane/i18n/details.en.json";
import detailsZh from "../../../src/taskpane/i18n/details.zh-CN.json";
import {
  loadDataStrings,
  loadDetailStrings,
  loadLanguage,
  resolveLanguage,
  translate,
} from "../../../src/taskpane/i18n/strings";
import { INPUT_KEYS, OUTPUT_KEYS } from "../../../src/model/whatif/worked-example-model";
import { inputLabelKey } from "../../../src/taskpane/state/field-definitions";
import { outputLabel } from "../../../src/taskpane/state/labels";

// The what-if tools' and the "Your data" view's strings live in files of their own, loaded with
// their views.
const en = { ...coreEn, ...detailsEn, ...dataEn };
const zh = { ...coreZh, ...detailsZh, ...dataZh };

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("resource files", () => {
  it("have the same keys in English and Chinese", () => {
    expect(Object.keys(coreZh).sort()).toEqual(Object.keys(coreEn).sort());
    expect(Object.keys(detailsZh).sort()).toEqual(Object.keys(detailsEn).sort());
    expect(Object.keys(dataZh).sort()).toEqual(Object.keys(dataEn).sort());
    // A key lives in one file only.
    const files = [coreEn, detailsEn, dataEn].map((file) => Object.keys(file));
    expect(files.flat().length).toBe(new Set(files.flat()).size);
  });

  it("have the same placeholders in both languages, and no empty strings", () => {
    for (const [key, text] of Object.entries(en)) {
      expect([key, placeholders((zh as Record<string, string>)[key])]).toEqual([
        key,
        placeholders(text),
      ]);
      expect(text.trim()).not.toBe("");
      expect((zh as Record<string, string>)[key].trim()).not.toBe("");
    }
  });

  it("contain every key the pane's source asks for", () => {
    const root = path.resolve(__dirname, "../../../src/taskpane");
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) =>
      /\.tsx?$/.test(f)
    );
    const used = new Set<string>();
    for (const file of files) {
      const source = readFileSync(path.join(root, file), "utf8");
      for (const m of source.matchAll(/\bt\(\s*"([^"]+)"/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const key of used) expect([key, key in en]).toEqual([key, true]);
  });

  it("name every input and output in both languages", async () => {
    await loadLanguage("zh-CN");
    await loadDetailStrings("zh-CN");
    for (const language of ["en", "zh-CN"] as const) {
      const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
        translate(language, key, params);
      for (const key of INPUT_KEYS) expect(inputLabelKey(key) in detailsEn).toBe(true);
      for (const key of OUTPUT_KEYS)
        expect(outputLabel(t, key)).not.toMatch(/^(output|metric|segment|ltv)\.|\{/);
    }
  });
});

describe("language choice", () => {
  it("uses Chinese for any zh display language and English otherwise", () => {
    expect(resolveLanguage("zh-CN")).toBe("zh-CN");
    expect(resolveLanguage("zh-Hans-CN")).toBe("zh-CN");
    expect(resolveLanguage("en-GB")).toBe("en");
    expect(resolveLanguage("ru-RU")).toBe("en");
    expect(resolveLanguage(undefined)).toBe("en");
  });

  it("fills placeholders", async () => {
    await loadLanguage("zh-CN");
    await loadDetailStrings("zh-CN");
    expect(translate("en", "goal.applied", { input: "Average bill", value: "28,226.67" })).toBe(
      "Applied: Average bill is now 28,226.67."
    );
    expect(translate("zh-CN", "group.new")).toBe("新客户");
  });

  it("loads the data view's strings with the view, in both languages", async () => {
    // Before the view loads, a key of the view reads as itself: never undefined.
    expect(translate("en", "data.shape.subscriptions")).toBe("data.shape.subscriptions");
    await loadLanguage("zh-CN");
    await loadDataStrings("zh-CN");
    expect(translate("en", "data.shape.subscriptions")).toBe("Subscriptions");
    expect(translate("zh-CN", "data.shape.subscriptions")).toBe("订阅");
    // The core strings stay loaded beside them.
    expect(translate("zh-CN", "group.new")).toBe("新客户");
  });
});
