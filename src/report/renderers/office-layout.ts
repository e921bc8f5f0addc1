/**
 * Everything the Office.js renderer does to a new sheet after its cells: styles, column widths,
 * names, colour scales, charts (the layout), and the page setup. The layout is a list of
 * operations, each with an estimate of what it adds to a request, packed into requests under the
 * same budget as the cells; styles go as rectangles, so a table of 1,000 alike rows is one range
 * per style, not 1,000. The page setup stands apart: Office.js documents no meaning for some of
 * its values (verticalFitToPages 0), so it goes in a request of its own that may fail.
 */
import { STYLE_LOOKS } from "../plan-style";
import { CellStyle, cellRef, parseCellRef, SheetPlan } from "../sheet-plan";

/** One layout operation, queued on the new sheet; `bytes` estimates its share of a request. */
export interface LayoutOp {
  bytes: number;
  queue: (sheet: Excel.Worksheet) => void;
}

/**
 * What one Office.js step adds to a request (a property set, a call, or an object reached such as
 * a range, its format or its font): an action and often an object path, each a JSON object of
 * about 100–150 bytes, plus its arguments. Rounded up, so the estimate errs on the large side.
 */
export const STEP_BYTES = 300;

/** A step with its arguments, as JSON in the request. */
function stepBytes(...args: unknown[]): number {
  return STEP_BYTES + args.reduce<number>((sum, a) => sum + JSON.stringify(a ?? null).length, 0);
}

/**
 * Cells of each style as rectangles ("B22:D40"): each row's horizontal runs of one style, and a
 * run continued over the following rows while they have the same style over the same columns.
 */
export function styleRectangles(plan: SheetPlan): Map<CellStyle, string[]> {
  const out = new Map<CellStyle, string[]>();
  for (const block of plan.blocks) {
    const origin = parseCellRef(block.topLeft);
    type Open = { style: CellStyle; first: number; last: number; top: number };
    const close = (rect: Open, bottom: number) => {
      const from = cellRef(origin.row + rect.top, origin.column + rect.first);
      const to = cellRef(origin.row + bottom, origin.column + rect.last);
      if (!out.has(rect.style)) out.set(rect.style, []);
      out.get(rect.style)!.push(from === to ? from : `${from}:${to}`);
    };
    // Rectangles still growing, by "style first last" of their run.
    let open = new Map<string, Open>();
    block.rows.forEach((row, r) => {
      const next = new Map<string, Open>();
      let c = 0;
      while (c < row.length) {
        const style = row[c]?.style;
        if (!style) {
          c++;
          continue;
        }
        let end = c;
        while (end + 1 < row.length && row[end + 1]?.style === style) end++;
        const key = `${style} ${c} ${end}`;
        next.set(key, open.get(key) ?? { style, first: c, last: end, top: r });
        open.delete(key);
        c = end + 1;
      }
      for (const rect of open.values()) close(rect, r - 1);
      open = next;
    });
    for (const rect of open.values()) close(rect, block.rows.length - 1);
  }
  return out;
}

/** The plan's layout as operations, in the order they are queued; the sheet's activation last. */
export function layoutOps(plan: SheetPlan): LayoutOp[] {
  const ops: LayoutOp[] = [];
  for (const [style, rectangles] of styleRectangles(plan)) {
    const look = STYLE_LOOKS[style];
    const sets = Object.values(look).filter((v) => v !== undefined);
    // The range, its format, the font and the fill reached, plus each property set.
    const setBytes = sets.reduce((sum, v) => sum + stepBytes(v), 0);
    for (const rectangle of rectangles) {
      ops.push({
        bytes: stepBytes(rectangle) + 3 * STEP_BYTES + setBytes,
        queue: (sheet) => {
          const format = sheet.getRange(rectangle).format;
          if (look.bold) format.font.bold = true;
          if (look.italic) format.font.italic = true;
          if (look.size) format.font.size = look.size;
          if (look.color) format.font.color = look.color;
          if (look.fill) format.fill.color = look.fill;
        },
      });
    }
  }
  for (const [column, characters] of Object.entries(plan.columnWidths)) {
    const points = charactersToPoints(characters);
    ops.push({
      bytes: stepBytes(`${column}:${column}`) + STEP_BYTES + stepBytes(points),
      queue: (sheet) => {
        sheet.getRange(`${column}:${column}`).format.columnWidth = points;
      },
    });
  }
  for (const { name, cell } of plan.names) {
    ops.push({
      bytes: stepBytes(cell) + STEP_BYTES + stepBytes(name),
      queue: (sheet) => {
        sheet.names.add(name, sheet.getRange(cell));
      },
    });
  }
  for (const scale of plan.conditionalFormats ?? []) {
    // A colour scale (ExcelApi 1.6): lowest, optional 50th percentile, highest.
    const { min, mid, max } = scale.colors;
    const criteria: Excel.ConditionalColorScaleCriteria = {
      minimum: { type: "LowestValue", color: min },
      ...(mid ? { midpoint: { formula: "50", type: "Percentile", color: mid } } : {}),
      maximum: { type: "HighestValue", color: max },
    };
    ops.push({
      bytes:
        stepBytes(scale.range) + 2 * STEP_BYTES + stepBytes("ColorScale") + stepBytes(criteria),
      queue: (sheet) => {
        const format = sheet.getRange(scale.range).conditionalFormats.add("ColorScale");
        format.colorScale.criteria = criteria;
      },
    });
  }
  for (const chart of plan.charts) {
    ops.push({
      bytes:
        stepBytes(chart.dataRange) +
        stepBytes(chart.kind, chart.seriesBy) +
        2 * STEP_BYTES +
        stepBytes(chart.title) +
        chart.seriesNames.reduce((sum, name) => sum + 2 * STEP_BYTES + stepBytes(name), 0) +
        stepBytes(chart.position.from, chart.position.to),
      queue: (sheet) => {
        const added = sheet.charts.add(
          chart.kind === "line" ? "Line" : "ColumnClustered",
          sheet.getRange(chart.dataRange),
          chart.seriesBy === "rows" ? "Rows" : "Columns"
        );
        added.title.text = chart.title;
        chart.seriesNames.forEach((name, i) => (added.series.getItemAt(i).name = name));
        added.setPosition(chart.position.from, chart.position.to);
      },
    });
  }
  ops.push({ bytes: STEP_BYTES, queue: (sheet) => sheet.activate() });
  return ops;
}

/** The layout in requests of at most `budget` estimated bytes each, in order; never empty. */
export function layoutBatches(plan: SheetPlan, budget: number): LayoutOp[][] {
  const batches: LayoutOp[][] = [[]];
  let used = 0;
  for (const op of layoutOps(plan)) {
    if (used + op.bytes > budget && batches[batches.length - 1].length > 0) {
      batches.push([]);
      used = 0;
    }
    batches[batches.length - 1].push(op);
    used += op.bytes;
  }
  return batches;
}

/**
 * Orientation and fit to one page wide, as many tall as it takes (verticalFitToPages 0, as the
 * .xlsx's fitToHeight 0: left unset, Excel may keep a fit-to-one-page-tall and squeeze a long
 * sheet onto one page). Page layout is ExcelApi 1.9, the minimum manifest.xml declares.
 */
export function queuePageLayout(sheet: Excel.Worksheet, plan: SheetPlan): void {
  sheet.pageLayout.orientation = plan.print.orientation === "landscape" ? "Landscape" : "Portrait";
  sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
}

/** Excel column widths are characters of the default font; Office.js wants points (≈ 7 px per character + 5 px padding, 0.75 pt per px). */
function charactersToPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75);
}
