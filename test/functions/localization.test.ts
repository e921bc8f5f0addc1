/*
 * Chinese Excel shows functions-zh-cn.json: the generated metadata with Chinese descriptions.
 * It must cover every function and parameter and otherwise equal the generated metadata.
 */
import fs from "fs";
import path from "path";
import { builtFile } from "../support/built";

const {
  completeMetadata,
  localizeMetadata,
  readTranslations,
} = require("../../scripts/localize-functions");

interface Metadata {
  functions: Array<{
    id: string;
    name: string;
    description: string;
    parameters: Array<{
      name: string;
      description: string;
      type?: string;
      dimensionality?: string;
      optional?: boolean;
    }>;
    result: unknown;
  }>;
}
const generated: Metadata = JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8"));
const chinese: Metadata = JSON.parse(fs.readFileSync(builtFile("functions-zh-cn.json"), "utf8"));
const translationFiles = fs
  .readdirSync(path.resolve(__dirname, "../../src/functions"))
  .filter((f) => f.endsWith(".zh-cn.json"))
  .map((f) => `src/functions/${f}`);
const hasHan = (text: string) => /[\u4e00-\u9fff]/.test(text);

describe("functions-zh-cn.json", () => {
  test("has every function, with the same ids, names, types and results", () => {
    expect(chinese.functions.map((f) => f.id)).toEqual(generated.functions.map((f) => f.id));
    const strip = (m: Metadata) =>
      m.functions.map((f) => ({
        ...f,
        description: "",
        parameters: f.parameters.map((p) => ({ ...p, description: "" })),
      }));
    expect(strip(chinese)).toEqual(strip(generated));
  });
  test("every function and parameter description is Chinese", () => {
    for (const f of chinese.functions) {
      expect([f.id, hasHan(f.description)]).toEqual([f.id, true]);
      for (const p of f.parameters)
        expect([f.id, p.name, hasHan(p.description)]).toEqual([f.id, p.name, true]);
    }
  });
  test("the translation sources have no gaps or strays against the generated metadata", () => {
    expect(localizeMetadata(generated, readTranslations(translationFiles)).problems).toEqual([]);
  });
  test("a missing parameter or stray function is reported", () => {
    const translations = readTranslations(translationFiles);
    const broken = JSON.parse(JSON.stringify(translations));
    delete broken.LTV.parameters.periods;
    broken.NOT_A_FUNCTION = { description: "x", parameters: {} };
    const problems = localizeMetadata(generated, broken).problems;
    expect(problems).toContain("no translation for LTV(periods)");
    expect(problems).toContain("translation for unknown function NOT_A_FUNCTION");
  });
});

describe("metadata post-processing", () => {
  test("sets allowErrorForDataTypeAny, which the generator cannot emit, and keeps everything else", () => {
    const raw = { allowCustomDataForDataTypeAny: true, functions: [{ id: "X" }] };
    expect(completeMetadata(raw)).toEqual({ ...raw, allowErrorForDataTypeAny: true });
    expect(
      completeMetadata({ ...raw, allowErrorForDataTypeAny: false }).allowErrorForDataTypeAny
    ).toBe(true);
    expect(raw).toEqual({ allowCustomDataForDataTypeAny: true, functions: [{ id: "X" }] });
  });
  test("the built functions.json and functions-zh-cn.json carry it", () => {
    expect((generated as unknown as Record<string, unknown>).allowErrorForDataTypeAny).toBe(true);
    expect((chinese as unknown as Record<string, unknown>).allowErrorForDataTypeAny).toBe(true);
  });
});
