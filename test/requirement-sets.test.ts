/*
 * Requirement sets: every Office.js member the code in src/ uses must belong to a requirement set
 * that manifest.xml's base <Requirements> declares, at that version or higher. Office activates
 * the add-in only where the declared sets exist, so a member from a higher set (ExcelApi 1.10 when
 * 1.9 is declared) would fail at run time on some Excel that the manifest lets in. The sets come
 * from @types/office-js's JSDoc ("[Api set: ExcelApi 1.9]"), each use resolved by the TypeScript
 * type checker (see test/support/api-set-usage.ts for what it sees and what it cannot).
 */
import fs from "fs";
import path from "path";
import { parseStringPromise } from "xml2js";
import {
  ApiSetUse,
  apiSetUses,
  compareVersions,
  projectCompilerOptions,
  sourceFiles,
} from "./support/api-set-usage";

const ROOT = path.resolve(__dirname, "..");
const PROBE = path.join(ROOT, "test", "requirement-sets.probe.ts");

/** A file that is never on disk: uses the test must catch (or let through), to show it can fail. */
const PROBE_SOURCE = `
export async function probe(): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.comments.add("A1", "ExcelApi 1.10");          // comments: ExcelApi 1.10
    sheet.getRange("A1").getSpecialCells("Constants");  // getSpecialCells: ExcelApi 1.9
    sheet.pageLayout.zoom = { scale: 80 };               // PageLayoutZoomOptions.scale: 1.9
    await context.sync();
  });
}
`;

type Node = { $?: Record<string, string>; [child: string]: unknown };

/** The base manifest's sets: <OfficeApp><Requirements><Sets><Set Name MinVersion>. */
async function declaredSets(): Promise<Map<string, string>> {
  const tree = await parseStringPromise(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"));
  const app = tree.OfficeApp as Node;
  const sets = ((app.Requirements as Node[])[0].Sets as Node[])[0];
  const fallback = sets.$?.DefaultMinVersion ?? "1.1";
  return new Map((sets.Set as Node[]).map((s) => [s.$!.Name, s.$!.MinVersion ?? fallback]));
}

/** Uses whose set the manifest does not declare, or declares at a lower version. */
function violations(uses: ApiSetUse[], declared: Map<string, string>): string[] {
  return uses
    .filter((use) => {
      const min = declared.get(use.set);
      return min === undefined || compareVersions(use.version, min) > 0;
    })
    .map((use) => `${use.where}: ${use.member} needs ${use.set} ${use.version}`);
}

let declared: Map<string, string>;
let srcUses: ApiSetUse[];
let probeUses: ApiSetUse[];

beforeAll(async () => {
  declared = await declaredSets();
  const uses = apiSetUses(sourceFiles(path.join(ROOT, "src")), projectCompilerOptions(ROOT), {
    [PROBE]: PROBE_SOURCE,
  });
  const probeFile = path.relative(process.cwd(), PROBE);
  probeUses = uses.filter((u) => u.where.startsWith(`${probeFile}:`));
  srcUses = uses.filter((u) => !u.where.startsWith(`${probeFile}:`));
}, 120_000);

describe("requirement sets", () => {
  test("the manifest declares ExcelApi (the base manifest gates activation)", () => {
    expect(declared.get("ExcelApi")).toMatch(/^1\.\d+$/);
  });

  test("the checker sees the Excel members src/ uses, with their sets from the JSDoc", () => {
    const seen = new Map(srcUses.map((u) => [u.member, `${u.set} ${u.version}`]));
    // A few known uses, each from a different set: if the checker stopped resolving symbols,
    // these would vanish and the next test would pass for nothing.
    expect(seen.get("Excel.PageLayout.zoom")).toBe("ExcelApi 1.9");
    expect(seen.get("Excel.PageLayoutZoomOptions.verticalFitToPages")).toBe("ExcelApi 1.9");
    expect(seen.get("Excel.Application.suspendApiCalculationUntilNextSync")).toBe("ExcelApi 1.6");
    expect(seen.get("Excel.SettingCollection.getItemOrNullObject")).toBe("ExcelApi 1.4");
    expect(seen.get("Excel.WorksheetCollection.add")).toBe("ExcelApi 1.1");
    // The common API's form of the JSDoc is read too.
    expect(seen.get("Office.Addin.onVisibilityModeChanged")).toBe("SharedRuntime 1.1");
    expect(srcUses.length).toBeGreaterThan(30);
  });

  test("src/ uses no Office.js member from a set above (or outside) what manifest.xml declares", () => {
    expect(violations(srcUses, declared)).toEqual([]);
  });

  test("the highest ExcelApi set src/ uses is the one declared (the minimum is not set too high)", () => {
    const highest = srcUses
      .filter((u) => u.set === "ExcelApi")
      .map((u) => u.version)
      .sort(compareVersions)
      .pop();
    expect(highest).toBe(declared.get("ExcelApi"));
  });

  test("the check fails on a member above the declared set, and passes one at it", () => {
    const found = violations(probeUses, declared).sort();
    expect(found).toEqual([
      expect.stringMatching(/probe\.ts:5: Excel\.CommentCollection\.add needs ExcelApi 1\.10$/),
      expect.stringMatching(/probe\.ts:5: Excel\.Worksheet\.comments needs ExcelApi 1\.10$/),
    ]);
    const members = probeUses.map((u) => `${u.member} ${u.version}`);
    expect(members).toContain("Excel.Range.getSpecialCells 1.9");
    expect(members).toContain("Excel.PageLayoutZoomOptions.scale 1.9");
    // And 1.10 is above 1.9 (versions are not compared as text).
    expect(compareVersions("1.10", "1.9")).toBeGreaterThan(0);
  });
});
