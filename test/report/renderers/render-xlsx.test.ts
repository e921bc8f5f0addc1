import { posix } from "node:path";
import { Workbook } from "exceljs";
import JSZip from "jszip";
import { parseStringPromise } from "xml2js";
import {
  cloneScenario,
  evaluateScenario,
  WORKED_EXAMPLE,
} from "../../../src/model/economics/scenario";
import { ENGLISH_REPORT_LABELS } from "../../../src/report/plans/report-labels";
import { buildComparisonPlan, buildReportPlan } from "../../../src/report/plans/report-plan";
import { renderPlanToXlsx } from "../../../src/report/renderers/render-xlsx";
import { PlanChart, planCells, SheetPlan } from "../../../src/report/sheet-plan";
import { addChartsToXlsx, insertDrawing } from "../../../src/report/renderers/xlsx-chart";
import { loadWorkbook } from "../../support/xlsx-inspection";

const hostile = cloneScenario(WORKED_EXAMPLE);
hostile.name = '=HYPERLINK("http://evil","click")';
const plan = buildReportPlan(hostile, {
  labels: ENGLISH_REPORT_LABELS,
  date: new Date(2025, 0, 15),
});

describe("renderPlanToXlsx", () => {
  it("writes formulas with the model's values cached, and inputs as numbers", async () => {
    const sheet = (await loadWorkbook(await renderPlanToXlsx([plan]))).getWorksheet(
      "Retention model"
    )!;
    expect(sheet.getCell("B8").value).toBe(1_617_000);
    expect(sheet.getCell("B22").value).toEqual({ formula: "B10*B11", result: 2_250_000 });
    expect(sheet.getCell("D24").value).toEqual({ formula: "D22-D23", result: 705_000 });
    expect(sheet.getCell("B22").numFmt).toBe('#,##0.00 "₽"');
    expect(sheet.getCell("D25").numFmt).toBe("0.00%");
    expect(sheet.getColumn("A").width).toBe(52);
  });

  it("writes user text as a text cell, not a formula", async () => {
    const bytes = await renderPlanToXlsx([plan]);
    const sheet = (await loadWorkbook(bytes)).getWorksheet("Retention model")!;
    expect(sheet.getCell("B2").value).toBe('=HYPERLINK("http://evil","click")');
    expect(sheet.getCell("B2").numFmt).toBe("@");
    const xml = await (
      await JSZip.loadAsync(bytes)
    )
      .file("xl/worksheets/sheet1.xml")!
      .async("string");
    expect(xml).toMatch(/<c r="B2"[^>]* t="s"/);
    expect(xml).not.toContain("HYPERLINK");
  });

  it("makes the defined names sheet-scoped, so two report sheets can share a workbook", async () => {
    const bytes = await renderPlanToXlsx([
      plan,
      plan,
      buildComparisonPlan([WORKED_EXAMPLE, hostile], ENGLISH_REPORT_LABELS),
    ]);
    const workbookXml = await (
      await JSZip.loadAsync(bytes)
    )
      .file("xl/workbook.xml")!
      .async("string");
    expect(workbookXml).toContain('<sheet sheetId="2" name="Retention model (2)"');
    const names = [
      ...workbookXml.matchAll(
        /<definedName name="([^"]+)" localSheetId="(\d+)">([^<]+)<\/definedName>/g
      ),
    ].map((m) => [m[1], m[2], m[3]]);
    expect(names).toContainEqual(["New_Profit", "0", "&apos;Retention model&apos;!$B$24"]);
    expect(names).toContainEqual(["New_Profit", "1", "&apos;Retention model (2)&apos;!$B$24"]);
    expect(names).toContainEqual(["Total_Profit", "1", "&apos;Retention model (2)&apos;!$D$24"]);
    expect(names.length).toBe(plan.names.length * 2);
    // No workbook-wide names at all.
    expect(workbookXml).not.toMatch(/<definedName name="[^"]+">/);
  });

  it("can cache stale results on purpose (for recalculation tests)", async () => {
    const sheet = (
      await loadWorkbook(await renderPlanToXlsx(plan, { cachedResults: "wrong" }))
    ).getWorksheet(1)!;
    expect(sheet.getCell("D24").value).toEqual({ formula: "D22-D23", result: 2 * 705_000 + 1 });
  });

  it("sets up printing one page wide, landscape for the report and portrait for a small comparison", async () => {
    const comparison = buildComparisonPlan([WORKED_EXAMPLE], ENGLISH_REPORT_LABELS);
    const zip = await JSZip.loadAsync(await renderPlanToXlsx([plan, comparison]));
    const pageSetup = async (n: number) => {
      const xml = await zip.file(`xl/worksheets/sheet${n}.xml`)!.async("string");
      expect(xml).toMatch(/<sheetPr[^>]*>\s*<pageSetUpPr fitToPage="1"\/>/);
      return /<pageSetup [^>]*\/>/.exec(xml)![0];
    };
    const reportSetup = await pageSetup(1);
    expect(reportSetup).toMatch(/orientation="landscape"/);
    expect(reportSetup).toMatch(/fitToWidth="1"/);
    expect(reportSetup).toMatch(/fitToHeight="0"/);
    expect(await pageSetup(2)).toMatch(/orientation="portrait"/);
  });

  it("caches #DIV/0! where the model's value is not finite", async () => {
    const free = cloneScenario(WORKED_EXAMPLE);
    free.segments.new.marketingSpend = 0; // CAC 0 → LTV:CAC divides by zero
    const p = buildReportPlan(free, { labels: ENGLISH_REPORT_LABELS, date: new Date(2025, 0, 15) });
    const sheet = (await loadWorkbook(await renderPlanToXlsx(p))).getWorksheet(1)!;
    expect(sheet.getCell("B39").value).toEqual({
      formula: "B37/B38",
      result: { error: "#DIV/0!" },
    });
  });
});

// ---- charts ------------------------------------------------------------------------------------

/** xml2js trees are untyped. */
type Xml = any;

/** CT_Worksheet's children in schema order (ECMA-376 Part 1, §18.3.1.99). */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const text = async (zip: JSZip, path: string): Promise<string> => {
  const file = zip.file(path);
  if (!file) throw new Error(`no ${path} in the package`);
  return file.async("string");
};
const parse = async (zip: JSZip, path: string): Promise<Xml> =>
  parseStringPromise(await text(zip, path));

/** The part a relationship points to, as a path in the zip. */
function resolve(sourcePart: string, target: string): string {
  return target.startsWith("/")
    ? target.slice(1)
    : posix.normalize(posix.join(posix.dirname(sourcePart), target));
}

/** The relationships of `part` (its _rels/*.rels), targets resolved. */
async function relsOf(
  zip: JSZip,
  part: string
): Promise<{ id: string; type: string; target: string }[]> {
  const path = posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);
  if (!zip.file(path)) return [];
  const doc = await parse(zip, path);
  return (doc.Relationships.Relationship ?? []).map((r: Xml) => ({
    id: r.$.Id,
    type: r.$.Type,
    target: r.$.TargetMode === "External" ? r.$.Target : resolve(part, r.$.Target),
  }));
}

/** Worksheet parts in workbook order. */
async function sheetParts(zip: JSZip): Promise<{ name: string; path: string }[]> {
  const workbook = await parse(zip, "xl/workbook.xml");
  const rels = await relsOf(zip, "xl/workbook.xml");
  return workbook.workbook.sheets[0].sheet.map((s: Xml) => ({
    name: s.$.name,
    path: rels.find((r) => r.id === s.$["r:id"])!.target,
  }));
}

/** "L19" → 0-based column 11, row 18 (written here, not taken from src, so a shared bug cannot hide). */
function cell(ref: string): { column: number; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  return {
    column: [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1,
    row: Number(m[2]) - 1,
  };
}
const letter = (column: number): string =>
  column < 26
    ? String.fromCharCode(65 + column)
    : letter(Math.floor(column / 26) - 1) + String.fromCharCode(65 + (column % 26));

/** What the chart's series must read: the category column, then one column per series, on `sheet`. */
function expectedRanges(
  chart: PlanChart,
  sheet: string
): { categories: string; series: string[]; rows: number[] } {
  const [from, to] = chart.dataRange.split(":").map(cell);
  const quoted = `'${sheet.split("'").join("''")}'`;
  const column = (c: number) =>
    `${quoted}!$${letter(c)}$${from.row + 1}:$${letter(c)}$${to.row + 1}`;
  const series = [];
  for (let c = from.column + 1; c <= to.column; c++) series.push(column(c));
  return {
    categories: column(from.column),
    series,
    rows: Array.from({ length: to.row - from.row + 1 }, (_, i) => from.row + i),
  };
}

/** The plan's value (or text) at a 0-based cell, as a chart cache would show it. */
function planValue(plan: SheetPlan, row: number, column: number): string | number | undefined {
  const ref = `${letter(column)}${row + 1}`;
  const found = [...planCells(plan)].find((c) => c.ref === ref)?.cell;
  if (found?.kind === "text") return found.text;
  if (found?.kind === "number") return found.value;
  if (found?.kind === "formula") return found.expected;
  return undefined;
}

/** The charts a sheet's drawing holds: anchor and parsed chart part. */
async function chartsOf(
  zip: JSZip,
  sheetPath: string
): Promise<{ from: Xml; to: Xml; chartPath: string; chart: Xml }[]> {
  const drawingRels = (await relsOf(zip, sheetPath)).filter((r) => r.type === `${REL}/drawing`);
  if (drawingRels.length === 0) return [];
  expect(drawingRels).toHaveLength(1);
  const drawingPath = drawingRels[0].target;
  const drawing = await parse(zip, drawingPath);
  const chartRels = await relsOf(zip, drawingPath);
  return Promise.all(
    drawing["xdr:wsDr"]["xdr:twoCellAnchor"].map(async (anchor: Xml) => {
      const relId =
        anchor["xdr:graphicFrame"][0]["a:graphic"][0]["a:graphicData"][0]["c:chart"][0].$["r:id"];
      const rel = chartRels.find((r) => r.id === relId)!;
      expect(rel.type).toBe(`${REL}/chart`);
      const marker = (m: Xml) => ({
        column: Number(m["xdr:col"][0]),
        row: Number(m["xdr:row"][0]),
        colOff: Number(m["xdr:colOff"][0]),
        rowOff: Number(m["xdr:rowOff"][0]),
      });
      return {
        from: marker(anchor["xdr:from"][0]),
        to: marker(anchor["xdr:to"][0]),
        chartPath: rel.target,
        chart: (await parse(zip, rel.target))["c:chartSpace"]["c:chart"][0],
      };
    })
  );
}

/** Every relationship target exists, every part has a content type, every override names a part. */
async function expectConsistentPackage(zip: JSZip): Promise<void> {
  const parts = Object.keys(zip.files).filter((p) => !zip.files[p].dir);
  const types = (await parse(zip, "[Content_Types].xml")).Types;
  const overrides = new Map<string, string>(
    (types.Override ?? []).map((o: Xml) => [o.$.PartName.slice(1), o.$.ContentType])
  );
  const defaults = new Map<string, string>(
    (types.Default ?? []).map((d: Xml) => [d.$.Extension.toLowerCase(), d.$.ContentType])
  );
  for (const overridden of overrides.keys()) expect(parts).toContain(overridden);
  for (const part of parts.filter((p) => p !== "[Content_Types].xml"))
    expect([
      part,
      overrides.get(part) ?? defaults.get(part.slice(part.lastIndexOf(".") + 1).toLowerCase()),
    ]).toEqual([part, expect.any(String)]);
  for (const part of parts.filter((p) => p.includes("/charts/chart")))
    expect(overrides.get(part)).toBe(
      "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
    );
  for (const part of parts.filter((p) => /\/drawings\/drawing\d+\.xml$/.test(p)))
    expect(overrides.get(part)).toBe("application/vnd.openxmlformats-officedocument.drawing+xml");
  for (const relsPath of parts.filter((p) => p.endsWith(".rels"))) {
    const source =
      relsPath === "_rels/.rels"
        ? ""
        : posix.join(posix.dirname(posix.dirname(relsPath)), posix.basename(relsPath, ".rels"));
    const rels = await parse(zip, relsPath);
    const ids = (rels.Relationships.Relationship ?? []).map((r: Xml) => r.$.Id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rels.Relationships.Relationship ?? [])
      if (r.$.TargetMode !== "External")
        expect([relsPath, parts.includes(resolve(source, r.$.Target))]).toEqual([relsPath, true]);
  }
}

/** The sheet's top-level elements in order, checked against CT_Worksheet; returns how many <drawing>s. */
async function expectSchemaOrder(zip: JSZip, sheetPath: string): Promise<number> {
  const doc = await parseStringPromise(await text(zip, sheetPath), {
    explicitChildren: true,
    preserveChildrenOrder: true,
  });
  const children: string[] = doc.worksheet.$$.map((c: Xml) => c["#name"]);
  const positions = children.map((name) => WORKSHEET_ORDER.indexOf(name));
  expect(positions).not.toContain(-1);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  return children.filter((n) => n === "drawing").length;
}

describe("renderPlanToXlsx: native charts", () => {
  const bobsName = `Bob's "what-if" <model> & co`;
  const inputsChart: PlanChart = {
    kind: "clusteredColumn",
    title: `Inputs <&> "quoted" 'text'`,
    dataRange: "A8:C11",
    seriesNames: ["New <customers>", "Returning & co"],
    position: { from: "F22", to: "K36" },
  };
  const bobs: SheetPlan = { ...plan, sheetName: bobsName, charts: [...plan.charts, inputsChart] };
  const plans = [plan, buildComparisonPlan([WORKED_EXAMPLE, hostile], ENGLISH_REPORT_LABELS), bobs];

  it("adds one clustered column chart per planned chart, reading the planned ranges of its own sheet, with the plan's values cached", async () => {
    expect(plan.charts.length).toBeGreaterThan(0);
    const zip = await JSZip.loadAsync(await renderPlanToXlsx(plans));
    const sheets = await sheetParts(zip);
    expect(sheets.map((s) => s.name)).toEqual([
      "Retention model",
      ENGLISH_REPORT_LABELS.comparisonSheetName,
      bobsName,
    ]);
    let checkedSeries = 0;
    for (const [index, sheet] of sheets.entries()) {
      const planned = plans[index].charts;
      const charts = await chartsOf(zip, sheet.path);
      expect(charts).toHaveLength(planned.length);
      for (const [i, { from, to, chart }] of charts.entries()) {
        const want = planned[i];
        const ranges = expectedRanges(want, sheet.name);
        // Office.js setPosition(from, to): top-left of `from`, covering all of `to`.
        expect(from).toEqual({ ...cell(want.position.from), colOff: 0, rowOff: 0 });
        expect(to).toEqual({
          column: cell(want.position.to).column + 1,
          row: cell(want.position.to).row + 1,
          colOff: 0,
          rowOff: 0,
        });
        expect(
          chart["c:title"][0]["c:tx"][0]["c:rich"][0]["a:p"][0]["a:r"]
            .map((r: Xml) => r["a:t"][0])
            .join("")
        ).toBe(want.title);

        const plotArea = chart["c:plotArea"][0];
        expect(plotArea["c:barChart"]).toHaveLength(1);
        const bar = plotArea["c:barChart"][0];
        expect(bar["c:barDir"][0].$.val).toBe("col");
        expect(bar["c:grouping"][0].$.val).toBe("clustered");
        const axIds = bar["c:axId"].map((a: Xml) => a.$.val);
        const catAx = plotArea["c:catAx"][0];
        const valAx = plotArea["c:valAx"][0];
        expect(axIds).toEqual([catAx["c:axId"][0].$.val, valAx["c:axId"][0].$.val]);
        expect(axIds[0]).not.toBe(axIds[1]);
        expect(catAx["c:crossAx"][0].$.val).toBe(axIds[1]);
        expect(valAx["c:crossAx"][0].$.val).toBe(axIds[0]);
        expect(chart["c:legend"]).toHaveLength(1);

        const series = bar["c:ser"];
        expect(series).toHaveLength(want.seriesNames.length);
        expect(ranges.series).toHaveLength(want.seriesNames.length);
        series.forEach((ser: Xml, s: number) => {
          expect(ser["c:tx"][0]["c:v"][0]).toBe(want.seriesNames[s]);
          const cat = ser["c:cat"][0]["c:strRef"][0];
          expect(cat["c:f"][0]).toBe(ranges.categories);
          const column = cell(want.dataRange.split(":")[0]).column;
          expect(cat["c:strCache"][0]["c:pt"].map((p: Xml) => p["c:v"][0])).toEqual(
            ranges.rows.map((r) => planValue(plans[index], r, column))
          );
          const val = ser["c:val"][0]["c:numRef"][0];
          expect(val["c:f"][0]).toBe(ranges.series[s]);
          const cache = val["c:numCache"][0];
          expect(Number(cache["c:ptCount"][0].$.val)).toBe(ranges.rows.length);
          expect(cache["c:pt"].map((p: Xml) => Number(p["c:v"][0]))).toEqual(
            ranges.rows.map((r) => planValue(plans[index], r, column + 1 + s))
          );
          checkedSeries++;
        });
      }
    }
    expect(checkedSeries).toBe(2 + 2 + 2);
  });

  it("points the report's chart at cost, profit and spend per customer, new vs returning", async () => {
    const bytes = await renderPlanToXlsx([plan]);
    const zip = await JSZip.loadAsync(bytes);
    const [{ chart }] = await chartsOf(zip, (await sheetParts(zip))[0].path);
    // Read what the formulas point at back from the workbook itself, not from the plan.
    const sheet = (await loadWorkbook(bytes)).getWorksheet("Retention model")!;
    const read = (formula: string) => {
      const m = /^'Retention model'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula)!;
      expect(m[1]).toBe(m[3]);
      return Array.from({ length: Number(m[4]) - Number(m[2]) + 1 }, (_, i) =>
        numberIn(sheet.getCell(`${m[1]}${Number(m[2]) + i}`).value)
      );
    };
    const [newSer, returningSer] = chart["c:plotArea"][0]["c:barChart"][0]["c:ser"];
    const labels = ENGLISH_REPORT_LABELS;
    expect(read(newSer["c:cat"][0]["c:strRef"][0]["c:f"][0])).toEqual([
      labels.costPerCustomer,
      labels.profitPerCustomer,
      labels.spendPerCustomer,
    ]);
    expect(newSer["c:tx"][0]["c:v"][0]).toBe(labels.newCustomers);
    expect(returningSer["c:tx"][0]["c:v"][0]).toBe(labels.returningCustomers);
    const model = evaluateScenario(hostile);
    for (const [ser, segment] of [
      [newSer, model.new],
      [returningSer, model.returning],
    ] as const) {
      const values = read(ser["c:val"][0]["c:numRef"][0]["c:f"][0]) as number[];
      expect(values.map((v) => Math.round(v * 1e6))).toEqual(
        [segment.costPerCustomer, segment.profitPerCustomer, segment.spendPerCustomer].map((v) =>
          Math.round(v * 1e6)
        )
      );
      expect(
        ser["c:val"][0]["c:numRef"][0]["c:numCache"][0]["c:pt"].map((p: Xml) => Number(p["c:v"][0]))
      ).toEqual(values);
    }
  });

  it("keeps the package consistent: content types, relationships, one <drawing> in schema order", async () => {
    const zip = await JSZip.loadAsync(await renderPlanToXlsx(plans));
    await expectConsistentPackage(zip);
    const sheets = await sheetParts(zip);
    for (const [index, sheet] of sheets.entries()) {
      const drawings = await expectSchemaOrder(zip, sheet.path);
      expect(drawings).toBe(plans[index].charts.length > 0 ? 1 : 0);
      if (drawings === 0) continue;
      const xml = await text(zip, sheet.path);
      const relId = /<drawing r:id="([^"]+)"\/>/.exec(xml)![1];
      const rel = (await relsOf(zip, sheet.path)).find((r) => r.id === relId)!;
      expect(rel.type).toBe(`${REL}/drawing`);
      expect(zip.file(rel.target)).not.toBeNull();
    }
    expect(
      Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))
    ).toHaveLength(3);
    expect(
      Object.keys(zip.files).filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))
    ).toHaveLength(2);
  });

  it("still opens in ExcelJS, cells intact", async () => {
    const workbook = await loadWorkbook(await renderPlanToXlsx(plans));
    expect(workbook.worksheets.map((w) => w.name)[2]).toBe(bobsName);
    expect(workbook.getWorksheet(bobsName)!.getCell("D24").value).toEqual({
      formula: "D22-D23",
      result: 705_000,
    });
    expect(workbook.getWorksheet("Retention model")!.getCell("B2").value).toBe(hostile.name);
  });

  it("merges with relationships ExcelJS already wrote for the sheet and goes before its <legacyDrawing>", async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet("Retention model");
    sheet.getCell("A1").value = { text: "link", hyperlink: "https://example.com/" };
    sheet.getCell("A2").note = "a note (comments part + VML legacy drawing)";
    const written = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const before = await relsOf(await JSZip.loadAsync(written), "xl/worksheets/sheet1.xml");
    expect(before.length).toBeGreaterThanOrEqual(2);

    const bytes = await addChartsToXlsx(written, [
      { name: "Retention model", plan: { ...plan, blocks: [] } },
    ]);
    const zip = await JSZip.loadAsync(bytes);
    const after = await relsOf(zip, "xl/worksheets/sheet1.xml");
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.filter((r) => r.type === `${REL}/drawing`)).toHaveLength(1);
    await expectConsistentPackage(zip);
    expect(await expectSchemaOrder(zip, "xl/worksheets/sheet1.xml")).toBe(1);
    expect(await text(zip, "xl/worksheets/sheet1.xml")).toMatch(
      /<drawing r:id="[^"]+"\/><legacyDrawing /
    );
    const comments = before.find((r) => r.type === `${REL}/comments`)!.target;
    expect(await text(zip, comments)).toBe(await text(await JSZip.loadAsync(written), comments));
    // (ExcelJS does not read notes back, so the note is checked in the XML above.)
    const reread = (await loadWorkbook(bytes)).getWorksheet("Retention model")!;
    expect((reread.getCell("A1").value as { hyperlink: string }).hyperlink).toBe(
      "https://example.com/"
    );
  });

  it("inserts <drawing> among the worksheet's own children, skipping nested look-alikes", () => {
    const nested =
      '<?xml version="1.0"?><worksheet xmlns:r="r"><sheetData/><conditionalFormatting><cfRule><extLst a=">"/></cfRule></conditionalFormatting><pageMargins/><tableParts count="1"><tablePart r:id="rId1"/></tableParts><extLst/></worksheet>';
    expect(insertDrawing(nested, "<drawing/>")).toBe(
      nested.replace("<tableParts", "<drawing/><tableParts")
    );
    const plain = "<worksheet><sheetData><row/></sheetData><pageMargins/><pageSetup/></worksheet>";
    expect(insertDrawing(plain, "<drawing/>")).toBe(
      "<worksheet><sheetData><row/></sheetData><pageMargins/><pageSetup/><drawing/></worksheet>"
    );
  });

  it("leaves a workbook without charts as ExcelJS wrote it", async () => {
    const zip = await JSZip.loadAsync(
      await renderPlanToXlsx([buildComparisonPlan([WORKED_EXAMPLE], ENGLISH_REPORT_LABELS)])
    );
    expect(Object.keys(zip.files).filter((p) => /drawing|chart/.test(p))).toEqual([]);
  });
});

function numberIn(value: unknown): unknown {
  return value && typeof value === "object" && "result" in value
    ? (value as { result: unknown }).result
    : value;
}
