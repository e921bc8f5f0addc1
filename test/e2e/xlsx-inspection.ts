/**
 * Reading a report .xlsx the way a spreadsheet user would: through its sheet-scoped defined
 * names. Also makes every cached formula result wrong, so only a real recalculation can give
 * the right numbers back (a stale cached value cannot pass).
 */
import { Workbook } from "exceljs";
import JSZip from "jszip";

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
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
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
