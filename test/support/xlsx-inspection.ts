/**
 * Reading an .xlsx as the checks compare it with the model: each formula cell's cached result
 * straight from the sheet XML (what a spreadsheet engine computed; ExcelJS drops a cached 0 and
 * an empty text), each plan formula against those results, and the sheet-scoped defined names a
 * spreadsheet user reads a report through. Also makes every cached formula result wrong, so only
 * a real recalculation can give the right numbers back (a stale cached value cannot pass).
 */
import { Workbook } from "exceljs";
import JSZip from "jszip";
import { planCells, SheetPlan } from "../../src/report/sheet-plan";
import { isCloseTo } from "./close-to";

export async function loadWorkbook(xlsx: Uint8Array): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
  return workbook;
}

/** The worksheet parts in sheet order: xl/worksheets/sheet1.xml, sheet2.xml, … */
function worksheetParts(zip: JSZip): string[] {
  const number = (part: string) => Number(/sheet(\d+)\.xml$/.exec(part)![1]);
  return Object.keys(zip.files)
    .filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))
    .sort((a, b) => number(a) - number(b));
}

export interface SheetResults {
  /** Each formula cell's cached result by ref: numbers as numbers, t="str" as text, t="e" as "#ERR <code>". */
  formulas: Map<string, unknown>;
  /** The refs of every cell holding an error value, formula or not. */
  errors: string[];
}

function resultsOf(xml: string): SheetResults {
  const formulas = new Map<string, unknown>();
  for (const m of xml.matchAll(
    /<c r="([A-Z]+\d+)"([^>]*)>(<f[^>]*>[\s\S]*?<\/f>)<v>([^<]*)<\/v><\/c>/g
  )) {
    const type = /\bt="([^"]*)"/.exec(m[2])?.[1] ?? "n";
    formulas.set(m[1], type === "str" ? m[4] : type === "e" ? `#ERR ${m[4]}` : Number(m[4]));
  }
  const errors = [...xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*\bt="e"/g)].map((m) => m[1]);
  return { formulas, errors };
}

/** The results of sheet number `sheetIndex` (0-based, in the workbook's order). */
export async function sheetResults(xlsx: Uint8Array, sheetIndex: number): Promise<SheetResults> {
  const zip = await JSZip.loadAsync(xlsx);
  const part = worksheetParts(zip)[sheetIndex];
  if (!part) throw new Error(`the workbook has no sheet number ${sheetIndex + 1}`);
  return resultsOf(await zip.file(part)!.async("string"));
}

/** Each formula cell's cached result in sheet number `sheetIndex` (0-based), by ref. */
export async function formulaResults(
  xlsx: Uint8Array,
  sheetIndex: number
): Promise<Map<string, unknown>> {
  return (await sheetResults(xlsx, sheetIndex)).formulas;
}

/** Each formula cell's cached result in every sheet, by "<sheet number>!<ref>" (1-based). */
export async function workbookFormulaResults(xlsx: Uint8Array): Promise<Map<string, unknown>> {
  const zip = await JSZip.loadAsync(xlsx);
  const out = new Map<string, unknown>();
  for (const [i, part] of worksheetParts(zip).entries())
    for (const [ref, value] of resultsOf(await zip.file(part)!.async("string")).formulas)
      out.set(`${i + 1}!${ref}`, value);
  return out;
}

export interface FormulaCheck {
  /** Formula cells whose model value is a number (or no finite value: then #DIV/0!). */
  numbers: number;
  /** Formula cells whose model value is a text (the guards that show nothing). */
  texts: number;
  /** The refs of every formula cell checked. */
  checked: Set<string>;
  /** One line per cell that differs, naming the sheet, ref, formula and both values. */
  problems: string[];
}

/**
 * Every formula of `plan` against `results` (what a spreadsheet engine computed): the model's
 * text exactly; #DIV/0! where the model has no finite value; otherwise the model's number to
 * 1e-9 relative, or to `zeroTolerance` absolute where the model has exactly 0.
 */
export function checkFormulas(
  plan: SheetPlan,
  results: Map<string, unknown>,
  options: { zeroTolerance?: number } = {}
): FormulaCheck {
  const check: FormulaCheck = { numbers: 0, texts: 0, checked: new Set(), problems: [] };
  for (const { ref, cell } of planCells(plan)) {
    if (cell.kind !== "formula") continue;
    check.checked.add(ref);
    const actual = results.get(ref);
    const where = `${plan.sheetName}!${ref} ${cell.formula}`;
    if (cell.expectedText !== undefined) {
      check.texts++;
      if (actual !== cell.expectedText)
        check.problems.push(
          `${where}: ${JSON.stringify(actual)}, model ${JSON.stringify(cell.expectedText)}`
        );
      continue;
    }
    check.numbers++;
    const ok = !Number.isFinite(cell.expected)
      ? actual === "#ERR #DIV/0!"
      : isCloseTo(actual, cell.expected) ||
        (cell.expected === 0 &&
          typeof actual === "number" &&
          Math.abs(actual) <= (options.zeroTolerance ?? 0));
    if (!ok)
      check.problems.push(
        `${where}: ${JSON.stringify(actual)}, model ${Number.isFinite(cell.expected) ? cell.expected : "#DIV/0!"}`
      );
  }
  return check;
}

/** A sheet-scoped defined name: which sheet it belongs to and the cell it names. */
export interface ScopedName {
  sheet: string;
  ref: string;
}

/** Sheet-scoped names (localSheetId) of the workbook, whatever the attribute order its writer used. */
export async function sheetScopedNames(xlsx: Uint8Array): Promise<Map<string, ScopedName>> {
  const xml = await (await JSZip.loadAsync(xlsx)).file("xl/workbook.xml")!.async("string");
  const names = new Map<string, ScopedName>();
  for (const [, attributes, target] of xml.matchAll(
    /<definedName\b([^>]*)>([^<]+)<\/definedName>/g
  )) {
    const name = /\bname="([^"]+)"/.exec(attributes)?.[1];
    if (!name || !/\blocalSheetId="\d+"/.test(attributes)) continue;
    const parsed = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(unescapeXml(target));
    if (parsed)
      names.set(name, { sheet: parsed[1].replace(/''/g, "'"), ref: parsed[2] + parsed[3] });
  }
  return names;
}

/** The value each name shows: a number, a formula's cached result, or undefined. */
export async function namedValues(
  xlsx: Uint8Array,
  names: Map<string, ScopedName>
): Promise<Map<string, { value: number | undefined; isFormula: boolean }>> {
  const workbook = await loadWorkbook(xlsx);
  const values = new Map<string, { value: number | undefined; isFormula: boolean }>();
  for (const [name, { sheet, ref }] of names) {
    const cell = workbook.getWorksheet(sheet)?.getCell(ref);
    const raw = cell?.value;
    const isFormula = typeof raw === "object" && raw !== null && "formula" in raw;
    const value = isFormula ? (raw as { result?: unknown }).result : raw;
    values.set(name, { value: typeof value === "number" ? value : undefined, isFormula });
  }
  return values;
}

/** The same workbook with every formula's cached result replaced by 2 × value + 1 (or 1 when empty). */
export async function withWrongCachedResults(xlsx: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  for (const file of sheets) {
    const xml = await zip.file(file)!.async("string");
    const poisoned = xml.replace(
      /(<c\b[^>]*>)(<f\b[^>]*(?:\/>|>[^<]*<\/f>))(?:<v>([^<]*)<\/v>)?/g,
      (_, open: string, formula: string, cached?: string) => {
        const wrong = cached !== undefined && cached !== "" ? 2 * Number(cached) + 1 : 1;
        // A cached error (t="e") becomes a plain number, so drop the type along with it.
        return `${open.replace(/\st="[^"]*"/, "")}${formula}<v>${wrong}</v>`;
      }
    );
    zip.file(file, poisoned);
  }
  return new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
}

function unescapeXml(text: string): string {
  return text
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
