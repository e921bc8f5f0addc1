/**
 * The Office.js layout's style rectangles on random blocks: every styled cell is covered by
 * exactly one rectangle of its style and no unstyled cell by any (checked cell by cell against
 * the plan), rows alike over the same columns share one rectangle, and there are never more
 * rectangles than the rows' horizontal runs counted by a plain loop.
 */
import fc from "fast-check";
import { styleRectangles } from "../../../src/report/renderers/office-layout";
import {
  CellStyle,
  cellRef,
  parseCellRef,
  PlanCell,
  SheetPlan,
} from "../../../src/report/sheet-plan";

const STYLES: (CellStyle | undefined)[] = ["input", "output", "label", "header", undefined];

const cellArb: fc.Arbitrary<PlanCell | null> = fc.oneof(
  fc.constant(null),
  fc
    .constantFrom(...STYLES)
    .map((style): PlanCell => ({ kind: "number", value: 1, format: { kind: "count" }, style }))
);

const planArb = fc
  .array(
    fc.record({
      topLeft: fc
        .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 30 }))
        .map(([c, r]) => cellRef(r, c)),
      // Rows of random length, often repeating the row before (so rectangles can grow).
      rows: fc
        .array(fc.tuple(fc.array(cellArb, { maxLength: 6 }), fc.boolean()), { maxLength: 12 })
        .map((rows) =>
          rows.reduce<(PlanCell | null)[][]>(
            (out, [row, repeat]) => [...out, repeat && out.length > 0 ? out[out.length - 1] : row],
            []
          )
        ),
    }),
    { maxLength: 3 }
  )
  // Blocks that do not overlap: each placed below the last.
  .map((blocks): SheetPlan => {
    let next = 0;
    const placed = blocks.map((b) => {
      const origin = parseCellRef(b.topLeft);
      const topLeft = cellRef(next + (origin.row % 3), origin.column);
      next += (origin.row % 3) + b.rows.length + 1;
      return { topLeft, rows: b.rows };
    });
    return {
      sheetName: "S",
      blocks: placed,
      names: [],
      columnWidths: {},
      charts: [],
      print: { orientation: "portrait" },
    };
  });

describe("styleRectangles", () => {
  it("covers each styled cell once with its style, and nothing else", () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const expected = new Map<string, CellStyle>();
        let runs = 0;
        for (const block of plan.blocks) {
          const o = parseCellRef(block.topLeft);
          block.rows.forEach((row, r) => {
            let previous: CellStyle | undefined;
            row.forEach((cell, c) => {
              const style = cell?.style;
              if (style) expected.set(`${o.row + r},${o.column + c}`, style);
              if (style && style !== previous) runs++;
              previous = style;
            });
          });
        }
        const covered = new Map<string, CellStyle>();
        let rectangles = 0;
        for (const [style, refs] of styleRectangles(plan)) {
          for (const ref of refs) {
            rectangles++;
            const [from, to = from] = ref.split(":").map(parseCellRef);
            for (let r = from.row; r <= to.row; r++)
              for (let c = from.column; c <= to.column; c++) {
                const key = `${r},${c}`;
                expect(covered.has(key)).toBe(false);
                covered.set(key, style);
              }
          }
        }
        expect(covered).toEqual(expected);
        expect(rectangles).toBeLessThanOrEqual(runs);
      })
    );
  });

  it("makes one rectangle of rows alike over the same columns", () => {
    const row: PlanCell[] = [
      { kind: "text", text: "a", style: "label" },
      { kind: "number", value: 1, format: { kind: "count" }, style: "input" },
      { kind: "number", value: 2, format: { kind: "count" }, style: "input" },
    ];
    const plan: SheetPlan = {
      sheetName: "S",
      blocks: [{ topLeft: "B3", rows: Array.from({ length: 1000 }, () => row) }],
      names: [],
      columnWidths: {},
      charts: [],
      print: { orientation: "portrait" },
    };
    expect(Object.fromEntries(styleRectangles(plan))).toEqual({
      label: ["B3:B1002"],
      input: ["C3:D1002"],
    });
  });
});
