/**
 * Adds native Excel charts to an .xlsx that ExcelJS wrote (ExcelJS cannot write charts). For each
 * sheet with charts: one drawing part holding one anchor per chart, one chart part per PlanChart,
 * their relationships, a <drawing> element in the sheet XML and the content-type overrides.
 * Series point at the sheet's cells (so a recalculating viewer follows edits) and carry the plan's
 * values as a cache (so a viewer that does not recalculate still draws the right bars).
 */
import { xmlSafeText } from "../cell-text";
import JSZip from "jszip";
import {
  absoluteRef,
  cellRef,
  excelNumberFormat,
  parseCellRef,
  PlanCell,
  PlanChart,
  planCells,
  SheetPlan,
} from "../sheet-plan";

/** A plan and the (unique) name its sheet got in the workbook, in workbook order. */
export interface WrittenSheet {
  name: string;
  plan: SheetPlan;
}

const NS = {
  relationships: "http://schemas.openxmlformats.org/package/2006/relationships",
  officeRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  main: "http://schemas.openxmlformats.org/drawingml/2006/main",
  spreadsheetDrawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
};
const REL_DRAWING = `${NS.officeRel}/drawing`;
const REL_CHART = `${NS.officeRel}/chart`;
const TYPE_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const TYPE_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * CT_Worksheet children that must come after <drawing> (ECMA-376 Part 1, §18.3.1.99); <drawing>
 * goes before the first of them present, else at the end.
 */
const AFTER_DRAWING = new Set([
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
]);

/** Returns the package with every sheet's charts added (the input unchanged when there are none). */
export async function addChartsToXlsx(
  xlsx: Uint8Array,
  sheets: readonly WrittenSheet[]
): Promise<Uint8Array> {
  if (sheets.every((s) => s.plan.charts.length === 0)) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const sheetPaths = await worksheetPaths(zip);
  let contentTypes = await readPart(zip, "[Content_Types].xml");
  for (const [index, { name, plan }] of sheets.entries()) {
    if (plan.charts.length === 0) continue;
    const sheetPath = sheetPaths[index];
    if (!sheetPath) throw new Error(`the .xlsx has no worksheet number ${index + 1}`);
    const drawingPath = freePartName(zip, "xl/drawings/drawing", ".xml");
    const drawingRels: string[] = [];
    const anchors: string[] = [];
    for (const chart of plan.charts) {
      const chartPath = freePartName(zip, "xl/charts/chart", ".xml");
      zip.file(chartPath, chartXml(chart, name, plan));
      contentTypes = withOverride(contentTypes, chartPath, TYPE_CHART);
      const relId = `rId${drawingRels.length + 1}`;
      drawingRels.push(relationship(relId, REL_CHART, relativeTarget(drawingPath, chartPath)));
      anchors.push(anchorXml(chart, relId, anchors.length + 1));
    }
    zip.file(drawingPath, drawingXml(anchors));
    zip.file(relsPathOf(drawingPath), relationshipsXml(drawingRels));
    contentTypes = withOverride(contentTypes, drawingPath, TYPE_DRAWING);
    await linkDrawingToSheet(zip, sheetPath, relativeTarget(sheetPath, drawingPath));
  }
  zip.file("[Content_Types].xml", contentTypes);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** A sheet name as a formula prefix: always quoted, an apostrophe doubled ('Bob''s model'). */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Text safe in XML content and attribute values; characters XML 1.0 forbids become U+FFFD. */
function escapeXml(text: string): string {
  return xmlSafeText(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * The ranges a chart's series read, as A1 ranges without sheet: categories, then one per series.
 * By columns: categories in the first column, a series per further column; by rows: categories
 * in the first row, a series per further row.
 */
function chartRanges(chart: PlanChart): { categories: string; series: string[] } {
  const [from, to] = chart.dataRange.split(":");
  const start = parseCellRef(from);
  const end = parseCellRef(to ?? from);
  const span = (r0: number, c0: number, r1: number, c1: number) =>
    `${absoluteRef(cellRef(r0, c0))}:${absoluteRef(cellRef(r1, c1))}`;
  const series: string[] = [];
  if (chart.seriesBy === "rows") {
    for (let r = start.row + 1; r <= end.row; r++)
      series.push(span(r, start.column, r, end.column));
    return { categories: span(start.row, start.column, start.row, end.column), series };
  }
  for (let c = start.column + 1; c <= end.column; c++) series.push(span(start.row, c, end.row, c));
  return { categories: span(start.row, start.column, end.row, start.column), series };
}

// ---- chart part -------------------------------------------------------------------------------

/** Axis ids only need to be unique within the chart part. */
const CATEGORY_AXIS_ID = 111111111;
const VALUE_AXIS_ID = 222222222;

function chartXml(chart: PlanChart, sheetName: string, plan: SheetPlan): string {
  const cells = new Map<string, PlanCell>();
  for (const { ref, cell } of planCells(plan)) cells.set(ref, cell);
  const { categories, series } = chartRanges(chart);
  const line = chart.kind === "line";
  const sheet = quoteSheetName(sheetName);
  const categoryXml = strRef(`${sheet}!${categories}`, cellsOf(categories, cells));
  const seriesXml = series.map((range, i) => {
    const name = chart.seriesNames[i] ?? `Series ${i + 1}`;
    return (
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
      // A literal name, as the Office.js renderer sets it (PlanChart names series by text, not by cell).
      `<c:tx><c:v>${escapeXml(name)}</c:v></c:tx>` +
      (line ? `<c:marker><c:symbol val="none"/></c:marker>` : `<c:invertIfNegative val="0"/>`) +
      `<c:cat>${categoryXml}</c:cat>` +
      `<c:val>${numRef(`${sheet}!${range}`, cellsOf(range, cells))}</c:val>` +
      (line ? `<c:smooth val="0"/>` : "") +
      `</c:ser>`
    );
  });
  const valueFormat = formatCodeOf(cellsOf(series[0] ?? categories, cells));
  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.main}" xmlns:r="${NS.officeRel}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr>` +
    `<a:r><a:rPr sz="1400" b="1"/><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>` +
    (line
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
        seriesXml.join("") +
        `<c:marker val="1"/><c:axId val="${CATEGORY_AXIS_ID}"/><c:axId val="${VALUE_AXIS_ID}"/>` +
        `</c:lineChart>`
      : `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
        seriesXml.join("") +
        `<c:gapWidth val="150"/><c:axId val="${CATEGORY_AXIS_ID}"/><c:axId val="${VALUE_AXIS_ID}"/>` +
        `</c:barChart>`) +
    `<c:catAx><c:axId val="${CATEGORY_AXIS_ID}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>` +
    `<c:crossAx val="${VALUE_AXIS_ID}"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VALUE_AXIS_ID}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="${escapeXml(valueFormat)}" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${CATEGORY_AXIS_ID}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>` +
    `</c:valAx>` +
    `</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart>` +
    `</c:chartSpace>`
  );
}

/** The plan's cells of a one-column or one-row range, in order (undefined where the plan has none). */
function cellsOf(range: string, cells: Map<string, PlanCell>): (PlanCell | undefined)[] {
  const [from, to] = range.split(":").map(parseCellRef);
  const out: (PlanCell | undefined)[] = [];
  for (let r = from.row; r <= to.row; r++)
    for (let c = from.column; c <= to.column; c++) out.push(cells.get(cellRef(r, c)));
  return out;
}

function strRef(formula: string, cells: (PlanCell | undefined)[]): string {
  const points = cells.map((cell, i) => {
    const text = cell?.kind === "text" ? cell.text : numberOf(cell)?.toString();
    return text === undefined ? "" : `<c:pt idx="${i}"><c:v>${escapeXml(text)}</c:v></c:pt>`;
  });
  return (
    `<c:strRef><c:f>${escapeXml(formula)}</c:f>` +
    `<c:strCache><c:ptCount val="${cells.length}"/>${points.join("")}</c:strCache></c:strRef>`
  );
}

function numRef(formula: string, cells: (PlanCell | undefined)[]): string {
  // A point with no finite value (empty, text, #DIV/0!) is left out: a gap, as Excel caches it.
  const points = cells.map((cell, i) => {
    const value = numberOf(cell);
    return value === undefined ? "" : `<c:pt idx="${i}"><c:v>${value}</c:v></c:pt>`;
  });
  return (
    `<c:numRef><c:f>${escapeXml(formula)}</c:f>` +
    `<c:numCache><c:formatCode>${escapeXml(formatCodeOf(cells))}</c:formatCode>` +
    `<c:ptCount val="${cells.length}"/>${points.join("")}</c:numCache></c:numRef>`
  );
}

/** The number format of the first numeric cell, so the axis shows money as money. */
function formatCodeOf(cells: (PlanCell | undefined)[]): string {
  for (const cell of cells) if (cell && cell.kind !== "text") return excelNumberFormat(cell.format);
  return "General";
}

function numberOf(cell: PlanCell | undefined): number | undefined {
  const value =
    cell?.kind === "number" ? cell.value : cell?.kind === "formula" ? cell.expected : undefined;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

// ---- drawing part -----------------------------------------------------------------------------

/**
 * One chart anchored to cells. Like Office.js's chart.setPosition(from, to), the chart's top-left
 * is the top-left of `from` and it covers `to` entirely, so the anchor ends at the start of the
 * column and row after `to` (xdr:from/xdr:to are 0-based).
 */
function anchorXml(chart: PlanChart, relId: string, id: number): string {
  const from = parseCellRef(chart.position.from);
  const to = parseCellRef(chart.position.to);
  const marker = (tag: string, column: number, row: number) =>
    `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff>` +
    `<xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor>` +
    marker("from", from.column, from.row) +
    marker("to", to.column + 1, to.row + 1) +
    `<xdr:graphicFrame macro="">` +
    // cNvPr id 1 is conventionally the drawing itself, so shapes start at 2.
    `<xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="Chart ${id}" descr="${escapeXml(chart.title)}"/>` +
    `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart r:id="${relId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame>` +
    `<xdr:clientData/>` +
    `</xdr:twoCellAnchor>`
  );
}

function drawingXml(anchors: string[]): string {
  return (
    XML_DECLARATION +
    `<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.main}" ` +
    `xmlns:c="${NS.chart}" xmlns:r="${NS.officeRel}">${anchors.join("")}</xdr:wsDr>`
  );
}

// ---- package plumbing -------------------------------------------------------------------------

/** Worksheet part paths in workbook order (workbook.xml's <sheet> list through its relationships). */
async function worksheetPaths(zip: JSZip): Promise<string[]> {
  const workbook = await readPart(zip, "xl/workbook.xml");
  const rels = await readPart(zip, "xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>();
  for (const tag of rels.match(/<Relationship\b[^>]*>/g) ?? [])
    targets.set(attribute(tag, "Id") ?? "", attribute(tag, "Target") ?? "");
  return (workbook.match(/<sheet\b[^>]*>/g) ?? []).map((tag) => {
    const target = targets.get(attribute(tag, "r:id") ?? "");
    if (!target) throw new Error(`workbook.xml: no relationship for ${tag}`);
    return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  });
}

/** Gives the sheet its <drawing r:id>, adding the relationship to its (possibly existing) .rels. */
async function linkDrawingToSheet(zip: JSZip, sheetPath: string, target: string): Promise<void> {
  const sheetXml = await readPart(zip, sheetPath);
  if (/<drawing\b/.test(sheetXml))
    throw new Error(`${sheetPath} already has a drawing; charts cannot be added to it`);
  const relsPath = relsPathOf(sheetPath);
  const existing = zip.file(relsPath) ? await readPart(zip, relsPath) : relationshipsXml([]);
  const taken = new Set((existing.match(/\bId="[^"]*"/g) ?? []).map((m) => m.slice(4, -1)));
  let n = 1;
  while (taken.has(`rId${n}`)) n++;
  const relId = `rId${n}`;
  zip.file(
    relsPath,
    appendChild(existing, "Relationships", relationship(relId, REL_DRAWING, target))
  );
  // ExcelJS declares the r: prefix on <worksheet>; declare it if some writer did not.
  const declared = /<worksheet\b[^>]*\sxmlns:r="/.test(sheetXml)
    ? sheetXml
    : sheetXml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.officeRel}"`);
  zip.file(sheetPath, insertDrawing(declared, `<drawing r:id="${relId}"/>`));
}

/** Inserts `element` among the worksheet's top-level children where CT_Worksheet puts <drawing>. */
export function insertDrawing(sheetXml: string, element: string): string {
  // Walks the tags, tracking depth, so an <extLst> nested in (say) a conditional format is skipped.
  const tags =
    /<(\/?)([A-Za-z_][\w.:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->/g;
  let depth = 0;
  for (let m = tags.exec(sheetXml); m; m = tags.exec(sheetXml)) {
    const [, closing, name, selfClosing] = m;
    if (!name) continue; // declaration or comment
    const local = name.includes(":") ? name.slice(name.indexOf(":") + 1) : name;
    if (closing) {
      depth--;
      if (depth === 0) return sheetXml.slice(0, m.index) + element + sheetXml.slice(m.index);
      continue;
    }
    if (depth === 1 && AFTER_DRAWING.has(local))
      return sheetXml.slice(0, m.index) + element + sheetXml.slice(m.index);
    if (!selfClosing) depth++;
  }
  throw new Error("worksheet XML has no closing </worksheet>");
}

function withOverride(contentTypes: string, partPath: string, type: string): string {
  const override = `<Override PartName="/${escapeXml(partPath)}" ContentType="${type}"/>`;
  return appendChild(contentTypes, "Types", override);
}

/** Adds `child` as the last child of the document element `root`. */
function appendChild(xml: string, root: string, child: string): string {
  const closing = new RegExp(`</${root}>\\s*$`);
  if (!closing.test(xml)) throw new Error(`expected the document to end with </${root}>`);
  return xml.replace(closing, `${child}</${root}>`);
}

function relationshipsXml(relationships: string[]): string {
  return `${XML_DECLARATION}<Relationships xmlns="${NS.relationships}">${relationships.join("")}</Relationships>`;
}

function relationship(id: string, type: string, target: string): string {
  return `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf("/");
  return `${partPath.slice(0, slash)}/_rels/${partPath.slice(slash + 1)}.rels`;
}

/** The path of `to` relative to the folder of `from` ("xl/drawings/d.xml" → "../charts/c.xml"). */
function relativeTarget(from: string, to: string): string {
  const fromDirs = from.split("/").slice(0, -1);
  const toParts = to.split("/");
  let common = 0;
  while (common < fromDirs.length && fromDirs[common] === toParts[common]) common++;
  return [...fromDirs.slice(common).map(() => ".."), ...toParts.slice(common)].join("/");
}

/** The first "<prefix>N<suffix>" (N = 1, 2, …) not yet in the package. */
function freePartName(zip: JSZip, prefix: string, suffix: string): string {
  for (let n = 1; ; n++) if (!zip.file(`${prefix}${n}${suffix}`)) return `${prefix}${n}${suffix}`;
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

async function readPart(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`the .xlsx has no ${path}`);
  return file.async("string");
}
