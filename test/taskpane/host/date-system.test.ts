/**
 * The workbook's date system: which number formats are dates, the shift of a block read from a
 * 1904 workbook and of a plan written to one (each against a plain loop over the same cells),
 * and the detection's cost: one sync, once.
 */
import fc from "fast-check";
import { OfficeMockObject } from "office-addin-mock";
import {
  DAYS_1904_AFTER_1900,
  dateSystemFromProbe,
  datesTo1900System,
  isDateFormat,
  planIn1904System,
  WorkbookDateSystem,
} from "../../../src/taskpane/host/date-system";
import type { NumberFormat, PlanCell, SheetPlan } from "../../../src/report/sheet-plan";

describe("isDateFormat", () => {
  it("knows Excel's date codes from number, text and time-only codes", () => {
    const dates = [
      "m/d/yyyy",
      "yyyy-mm-dd",
      "d-mmm-yy",
      "mmm-yy",
      "mmmm",
      "dd/mm/yyyy hh:mm",
      "[$-409]mmmm d, yyyy;@",
      "[$-F800]dddd, mmmm dd, yyyy",
      'yyyy"年"m"月"d"日"',
    ];
    const others = [
      "General",
      "0",
      "0.00",
      "#,##0.00",
      '#,##0.00 "days"',
      '"$"#,##0.00',
      "[Red]-0.00",
      "0.00E+00",
      "0%",
      "@",
      "h:mm",
      "h:mm AM/PM",
      "[h]:mm:ss",
      "mm:ss",
      '\\d0 "m"',
      "_(* #,##0_)",
      undefined,
      42,
    ];
    expect(dates.filter((code) => !isDateFormat(code))).toEqual([]);
    expect(others.filter((code) => isDateFormat(code))).toEqual([]);
  });
});

describe("DATE(1904, 1, 1)", () => {
  it("is 0 in a 1904 workbook and 1,462 in a 1900 one; anything else counts as 1900", () => {
    // 1904-01-01 is 1,462 days after 1899-12-30, the 1900 system's day 0.
    expect((Date.UTC(1904, 0, 1) - Date.UTC(1899, 11, 30)) / 86_400_000).toBe(DAYS_1904_AFTER_1900);
    expect(dateSystemFromProbe(0)).toBe("1904");
    expect(dateSystemFromProbe(1462)).toBe("1900");
    expect(dateSystemFromProbe("#VALUE!")).toBe("1900");
    expect(dateSystemFromProbe(undefined)).toBe("1900");
  });
});

describe("datesTo1900System", () => {
  it("moves exactly the numbers in date-formatted cells, 1,462 days later", () => {
    const codes = ["General", "m/d/yyyy", "0.00", "d-mmm-yy", "@", "h:mm"];
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.tuple(
              fc.oneof(
                fc.double({ min: -1e6, max: 3e6, noNaN: true }),
                fc.string(),
                fc.constant(null)
              ),
              fc.nat(codes.length - 1)
            ),
            { minLength: 1, maxLength: 5 }
          ),
          { maxLength: 20 }
        ),
        (grid) => {
          const values = grid.map((row) => row.map(([v]) => v));
          const formats = grid.map((row) => row.map(([, f]) => codes[f]));
          const shifted = datesTo1900System(
            values.map((r) => [...r]),
            formats
          );
          for (let r = 0; r < grid.length; r++)
            for (let c = 0; c < grid[r].length; c++) {
              const [v, f] = grid[r][c];
              const dated = typeof v === "number" && (f === 1 || f === 3);
              if (shifted[r][c] !== (dated ? (v as number) + 1462 : v)) return false;
            }
          return true;
        }
      )
    );
  });
});

describe("planIn1904System", () => {
  const formats: NumberFormat[] = [
    { kind: "date" },
    { kind: "general" },
    { kind: "percent" },
    { kind: "count" },
    { kind: "currency", currency: "EUR" },
  ];
  const cellArb: fc.Arbitrary<PlanCell | null> = fc.oneof(
    fc.constant(null),
    fc.record({ kind: fc.constant("text" as const), text: fc.string() }),
    fc.record({
      kind: fc.constant("number" as const),
      value: fc.integer({ min: 1462, max: 2_958_465 }),
      format: fc.constantFrom(...formats),
    }),
    fc.record({
      kind: fc.constant("formula" as const),
      formula: fc.constant("=A1+1"),
      expected: fc.integer(),
      format: fc.constantFrom(...formats),
    })
  );

  it("writes every date cell 1,462 days earlier and leaves the plan it was given alone", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.array(cellArb, { maxLength: 4 }), { maxLength: 6 }), { maxLength: 3 }),
        (blocks) => {
          const plan: SheetPlan = {
            sheetName: "Cohort analysis",
            blocks: blocks.map((rows, i) => ({ topLeft: `A${1 + i * 10}`, rows })),
            names: [],
            columnWidths: {},
            charts: [],
            print: { orientation: "portrait" },
          };
          const before = JSON.stringify(plan);
          const written = planIn1904System(plan);
          expect(JSON.stringify(plan)).toBe(before);
          for (let b = 0; b < blocks.length; b++)
            for (let r = 0; r < blocks[b].length; r++)
              for (let c = 0; c < blocks[b][r].length; c++) {
                const cell = blocks[b][r][c];
                const out = written.blocks[b].rows[r][c];
                if (cell?.kind === "number" && cell.format.kind === "date")
                  expect(out).toEqual({ ...cell, value: cell.value - 1462 });
                else expect(out).toEqual(cell);
              }
        }
      )
    );
  });
});

describe("WorkbookDateSystem", () => {
  function installExcel(answer: number) {
    let syncs = 0;
    let probes = 0;
    const excel = new OfficeMockObject({
      context: {
        workbook: {
          functions: {
            date: (y: number, m: number, d: number) => {
              probes++;
              expect([y, m, d]).toEqual([1904, 1, 1]);
              return { load: () => undefined, value: answer };
            },
          },
        },
        sync: async () => void syncs++,
      },
      run: async function (this: { context: unknown }, ...args: unknown[]) {
        return (args[args.length - 1] as (c: unknown) => Promise<unknown>)(this.context);
      },
    });
    (globalThis as Record<string, unknown>).Excel = excel;
    return { syncs: () => syncs, probes: () => probes };
  }
  afterEach(() => delete (globalThis as Record<string, unknown>).Excel);

  it("asks Excel once, in one sync, and remembers the answer for the session", async () => {
    for (const [answer, system] of [
      [0, "1904"],
      [1462, "1900"],
    ] as const) {
      const excel = installExcel(answer);
      const dates = new WorkbookDateSystem();
      expect(dates.current).toBeUndefined();
      expect(await dates.detect()).toBe(system);
      expect(await dates.detect()).toBe(system);
      expect(dates.current).toBe(system);
      expect([excel.syncs(), excel.probes()]).toEqual([1, 1]);
    }
  });
});
