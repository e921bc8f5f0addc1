/**
 * The chunked reader against office-addin-mock: the context is an OfficeMockObject, the workbook a
 * strict hand-written fake that refuses reads of unloaded properties (as Office.js does), counts
 * syncs, measures every block's payload as JSON, refuses a block over Excel on the web's response
 * limit (as Excel does, with its error code), answers DATE(1904, 1, 1) as a 1900 or a 1904
 * workbook would, and records any write (there must be none).
 */
import fc from "fast-check";
import { OfficeMockObject } from "office-addin-mock";
import { WorkbookDateSystem } from "../../../src/taskpane/host/date-system";
import {
  MAX_BLOCK_ROWS,
  MultiAreaSelectionError,
  PAYLOAD_CAP,
  PROBE_ROWS,
  ReadCancelledError,
  ReadNote,
  RangeSource,
  readRowsInBlocks,
  withErrorCells,
} from "../../../src/taskpane/host/office-table-reader";
import { seededRandom } from "../../support/seeded-random";
import { OrdersAnalysis } from "../../../src/model/history/analysis";
import { proposeLayout } from "../../../src/model/reading/layout";
import { feedOrders } from "../../../src/model/reading/row-feeding";

interface SheetSpec {
  /** What sits on the sheet from row `top` (0-based), column B: the used range, or the table without its total row. */
  values: unknown[][];
  top?: number;
  /** Number formats, cell by cell (default General). */
  formats?: (row: number, column: number) => string;
  /** What DATE(1904, 1, 1) finds: a 1900 or 1904 workbook, or a host whose probe fails. */
  dateSystem?: "1900" | "1904" | "failing";
  /** Bytes: a sync whose blocks' response would exceed it fails as Excel on the web does. */
  responseLimit?: number;
  /** The selection's areas; more than one is a multi-area (Ctrl+click) selection. */
  areas?: string[];
  /** `values` is the table "Orders": its header row shown or not, and a total row below it. */
  table?: { showHeaders: boolean; totalRow: unknown[] };
}

interface FakeExcel {
  syncs: () => number;
  /** Bytes (UTF-8 JSON) of each block delivered, in order. */
  blockBytes: number[];
  blockRows: number[];
  /** Rows of each block Excel refused as too large. */
  refused: number[];
  /** What each block load asked for ("values" or "values,numberFormat"). */
  loads: string[];
  probes: () => number;
  writes: string[];
}

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
const isEmpty = (v: unknown) => v === "" || v === null || v === undefined;

function installExcel(spec: SheetSpec): FakeExcel {
  const { values, top = 4, dateSystem = "1900", areas = ["Orders!B5"] } = spec;
  let syncs = 0;
  let probes = 0;
  const fake: FakeExcel = {
    syncs: () => syncs,
    blockBytes: [],
    blockRows: [],
    refused: [],
    loads: [],
    probes: () => probes,
    writes: [],
  };
  type Pending = { apply: () => void; block?: { bytes: number; rows: number } };
  const pending: Pending[] = [];
  // The sheet's rows from `top`: the values, then the table's total row if there is one.
  const sheetRows = spec.table ? [...values, spec.table.totalRow] : values;
  const columns = sheetRows.reduce((w, r) => Math.max(w, r.length), 0);
  const cell = (row: number, column: number) => sheetRows[row - top]?.[column - 1] ?? "";
  const format = (row: number, column: number) =>
    spec.formats?.(row - top, column - 1) ?? "General";

  /** An Office.js object: `data` readable only after load + sync; `members` (navigation, methods) always. */
  const strict = <M extends object>(
    name: string,
    data: () => Record<string, unknown>,
    members: M
  ) => {
    const loaded = new Set<string>();
    const target = {
      ...members,
      load(props: string) {
        const names = props.split(",").map((p) => p.trim());
        pending.push({ apply: () => names.forEach((n) => loaded.add(n)) });
      },
    };
    return new Proxy(target, {
      get: (t, key, receiver) => {
        if (typeof key === "string" && !(key in t)) {
          const d = data();
          if (key in d) {
            if (!(loaded.has(key) || (key === "isNullObject" && loaded.size > 0)))
              throw new Error(`PropertyNotLoaded: ${name}.${key} was read before load + sync`);
            return d[key];
          }
        }
        return Reflect.get(t, key, receiver);
      },
      set: (_t, key) => (fake.writes.push(`${name}.${String(key)}`), true),
    }) as M & Record<string, any>;
  };

  /** The rows of [first, first + count) holding anything, as a used range (null object if none). */
  const usedRows = (name: string, first: number, count: number) => {
    const filled: number[] = [];
    for (let r = first; r < first + count; r++)
      if (sheetRows[r - top]?.some((v) => !isEmpty(v))) filled.push(r);
    const from = filled[0] ?? 0;
    const to = filled[filled.length - 1] ?? 0;
    return strict(
      name,
      () => ({
        isNullObject: filled.length === 0,
        address: `Orders!B${from + 1}:${String.fromCharCode(65 + columns)}${to + 1}`,
        rowIndex: from,
        rowCount: to - from + 1,
        columnIndex: 1,
        columnCount: columns,
      }),
      { worksheet: sheet }
    );
  };

  const sheet = {
    getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number) {
      const read = () =>
        Array.from({ length: rowCount }, (_, r) =>
          Array.from({ length: columnCount }, (_, c) => cell(row + r, column + c))
        );
      const formats = () =>
        Array.from({ length: rowCount }, (_, r) =>
          Array.from({ length: columnCount }, (_, c) => format(row + r, column + c))
        );
      const state = { loaded: "", values: [] as unknown[][], numberFormat: [] as unknown[][] };
      return {
        load(props: string) {
          expect(["values,valueTypes", "values,valueTypes,numberFormat"]).toContain(props);
          fake.loads.push(props);
          const values = read();
          const numberFormat = props.includes("numberFormat") ? formats() : [];
          const bytes = jsonBytes(values) + (numberFormat.length ? jsonBytes(numberFormat) : 0);
          pending.push({
            block: { bytes, rows: rowCount },
            apply: () => {
              Object.assign(state, { loaded: props, values, numberFormat });
              fake.blockBytes.push(jsonBytes(values));
              fake.blockRows.push(rowCount);
            },
          });
        },
        get values() {
          if (!state.loaded) throw new Error("PropertyNotLoaded: block.values");
          return state.values;
        },
        get valueTypes() {
          if (!state.loaded) throw new Error("PropertyNotLoaded: block.valueTypes");
          return state.values.map((r) =>
            r.map((v) =>
              typeof v === "string" && /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!)$/.test(v)
                ? "Error"
                : typeof v === "number"
                  ? "Double"
                  : v === "" || v === null
                    ? "Empty"
                    : "String"
            )
          );
        },
        get numberFormat() {
          if (!state.loaded.includes("numberFormat"))
            throw new Error("PropertyNotLoaded: block.numberFormat");
          return state.numberFormat;
        },
        set values(_: unknown[][]) {
          fake.writes.push("block.values");
        },
      };
    },
  };

  const selectionUsed = usedRows("usedRange", top, values.length);
  const selectionArea = {
    getUsedRangeOrNullObject: (valuesOnly: boolean) => (
      expect(valuesOnly).toBe(true),
      selectionUsed
    ),
  };
  const excel = new OfficeMockObject({
    context: {
      workbook: {},
      sync: async () => {
        syncs++;
        const batch = pending.splice(0);
        const blocks = batch.filter((p) => p.block);
        if (
          spec.responseLimit !== undefined &&
          blocks.some((p) => p.block!.bytes > spec.responseLimit!)
        ) {
          for (const p of blocks) fake.refused.push(p.block!.rows);
          throw Object.assign(new Error("The response payload size has exceeded the limit."), {
            code: "ResponsePayloadSizeLimitExceeded",
          });
        }
        for (const p of batch) p.apply();
      },
    },
    run: async function (this: { context: unknown }, ...args: unknown[]) {
      return (args[args.length - 1] as (c: unknown) => Promise<unknown>)(this.context);
    },
  });
  const workbook = excel.context.workbook as Record<string, unknown>;
  workbook.functions = {
    date: (year: number, month: number, day: number) => {
      probes++;
      expect([year, month, day]).toEqual([1904, 1, 1]);
      const probe = strict(
        "functionResult",
        () => ({ value: dateSystem === "1904" ? 0 : 1462 }),
        {}
      );
      if (dateSystem === "failing")
        pending.push({
          apply: () => {
            throw Object.assign(new Error("not available here"), { code: "GeneralException" });
          },
        });
      return probe;
    },
  };
  workbook.getSelectedRange = () => {
    // Excel refuses a multi-area selection here, at the next sync.
    if (areas.length > 1)
      pending.push({
        apply: () => {
          throw Object.assign(
            new Error("This operation is not supported on multiple selections."),
            {
              code: "InvalidSelection",
            }
          );
        },
      });
    return selectionArea;
  };
  workbook.getSelectedRanges = () =>
    strict("selection", () => ({ areaCount: areas.length, address: areas.join(",") }), {
      areas: { getItemAt: (i: number) => (expect(i).toBe(0), selectionArea) },
    });
  const table = spec.table;
  const bodyTop = table?.showHeaders ? top + 1 : top;
  const bodyRows = values.length - (table?.showHeaders ? 1 : 0);
  workbook.tables = {
    getItem: (name: string) => {
      expect(name).toBe("Orders");
      if (!table) throw new Error("ItemNotFound");
      const last = String.fromCharCode(65 + columns);
      return strict("table", () => ({ showHeaders: table.showHeaders }), {
        getRange: () => ({
          getUsedRangeOrNullObject: () => usedRows("tableRange", top, sheetRows.length),
        }),
        getDataBodyRange: () =>
          strict(
            "dataBody",
            () => ({
              address: `Orders!B${bodyTop + 1}:${last}${bodyTop + bodyRows}`,
              rowIndex: bodyTop,
              rowCount: bodyRows,
              columnIndex: 1,
              columnCount: columns,
            }),
            {
              worksheet: sheet,
              getUsedRangeOrNullObject: (valuesOnly: boolean) => (
                expect(valuesOnly).toBe(true),
                usedRows("bodyUsed", bodyTop, bodyRows)
              ),
            }
          ),
      });
    },
  };
  workbook.worksheets = new Proxy(
    {},
    { get: (_t, key) => fake.writes.push(`worksheets.${String(key)}`) }
  );
  (globalThis as Record<string, unknown>).Excel = excel;
  return fake;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
});

/** Orders with ids, serial dates and amounts, and a note column of varying length. */
function table(rows: number, variant = 1): unknown[][] {
  const random = seededRandom(variant);
  const out: unknown[][] = [["customer_id", "order_date", "amount", "note"]];
  for (let i = 1; i < rows; i++)
    out.push([
      `C-${Math.floor(random() * 5000)}`,
      45292 + Math.floor(random() * 500),
      Math.round(random() * 20000) / 100,
      "x".repeat(Math.floor(random() * 60)),
    ]);
  return out;
}

async function readAll(
  source: RangeSource = { kind: "selection" },
  cap?: number,
  dates?: WorkbookDateSystem
) {
  const blocks: { rows: unknown[][]; firstRow: number }[] = [];
  const progress: [number, number, ReadNote | undefined][] = [];
  const result = await readRowsInBlocks(
    source,
    {
      payloadCap: cap,
      onBlock: (rows, firstRow) => void blocks.push({ rows, firstRow }),
      onProgress: (read, total, note) => void progress.push([read, total, note]),
    },
    dates
  );
  return { result, blocks, progress, rows: blocks.flatMap((b) => b.rows) };
}

/** Sheet row numbers run on from block to block, starting at `first`. */
function expectConsecutive(blocks: { rows: unknown[][]; firstRow: number }[], first: number) {
  let row = first;
  for (const b of blocks) {
    expect(b.firstRow).toBe(row);
    row += b.rows.length;
  }
}

describe("readRowsInBlocks", () => {
  it("reads every row in order, in blocks under the payload cap: one sync per block, plus the size and the date system", async () => {
    const values = table(30_000);
    const cap = 200_000; // small, so the table needs many blocks
    const excel = installExcel({ values });
    const { result, blocks, progress, rows } = await readAll(undefined, cap);
    expect(result).toEqual({ address: "Orders!B5:E30004", rows: 30_000, columns: 4 });
    expect(rows).toEqual(values);
    expectConsecutive(blocks, 5); // the used range starts on row 5
    for (const bytes of excel.blockBytes) expect(bytes).toBeLessThanOrEqual(cap);
    expect(excel.syncs()).toBe(2 + blocks.length); // the date system, the size, the blocks
    // The probe first, then blocks as large as the cap allows: the count is bounded by the
    // largest row's share of the cap (every row ≤ its bytes), never one request per row.
    expect(excel.blockRows[0]).toBe(PROBE_ROWS);
    const largestRow = Math.max(...values.map((r) => jsonBytes(r) + 1));
    expect(blocks.length).toBeLessThanOrEqual(
      1 + Math.ceil((30_000 - PROBE_ROWS) / Math.floor(cap / (largestRow * 1.25))) + 1
    );
    expect(progress[progress.length - 1]).toEqual([30_000, 30_000, undefined]);
    expect(excel.writes).toEqual([]);
  });

  it("keeps Excel's maximum of rows to a bounded number of syncs at the default cap", async () => {
    const rows = 1_048_575;
    const values = Array.from({ length: rows }, (_, i) => [
      `C-${i % 9000}`,
      45292 + (i % 700),
      19.5,
    ]);
    const excel = installExcel({ values, top: 0 });
    const { result } = await readAll();
    expect(result.rows).toBe(rows);
    for (const bytes of excel.blockBytes) expect(bytes).toBeLessThanOrEqual(PAYLOAD_CAP);
    // 1 (the date system, once) + 1 (the size) + the probe + blocks of at most MAX_BLOCK_ROWS.
    expect(excel.syncs()).toBeLessThanOrEqual(
      3 + Math.ceil((rows - PROBE_ROWS) / MAX_BLOCK_ROWS) + 1
    );
    expect(excel.writes).toEqual([]);
  });

  it("stops at the next block once cancelled, and touches nothing", async () => {
    const excel = installExcel({ values: table(5_000) });
    const abort = new AbortController();
    let seen = 0;
    await expect(
      readRowsInBlocks(
        { kind: "selection" },
        {
          payloadCap: 20_000,
          signal: abort.signal,
          onBlock: () => {
            if (++seen === 2) abort.abort();
          },
        }
      )
    ).rejects.toBeInstanceOf(ReadCancelledError);
    expect(seen).toBe(2);
    expect(excel.syncs()).toBe(4); // the date system, the size, two blocks
    expect(excel.writes).toEqual([]);
  });

  it("answers an empty selection without reading", async () => {
    const excel = installExcel({ values: [] });
    const { result, blocks } = await readAll();
    expect(result).toEqual({ address: "", rows: 0, columns: 0 });
    expect(blocks).toEqual([]);
    expect(excel.syncs()).toBe(2); // the date system, the size
  });
});

describe("a table", () => {
  /** The total row a user turns on under a table of orders: a label and the sum of the amounts. */
  const totalOf = (values: unknown[][]) => [
    "Total",
    null,
    values.slice(1).reduce((s, r) => s + (r[2] as number), 0),
    null,
  ];

  it("reads the header row and the data body, never the total row", async () => {
    const values = table(500);
    installExcel({ values, table: { showHeaders: true, totalRow: totalOf(values) } });
    const { result, rows, blocks } = await readAll({ kind: "table", name: "Orders" });
    expect(rows).toEqual(values);
    expect(rows.some((r) => r[0] === "Total")).toBe(false);
    expect(result).toEqual({ address: "Orders!B5:E504", rows: 500, columns: 4 });
    expectConsecutive(blocks, 5);
  });

  it("with its header row hidden, reads the data body alone", async () => {
    const values = table(300).slice(1);
    installExcel({ values, table: { showHeaders: false, totalRow: totalOf([[], ...values]) } });
    const { result, rows, blocks } = await readAll({ kind: "table", name: "Orders" });
    expect(rows).toEqual(values);
    expect(result.address).toBe("Orders!B5:E303");
    expectConsecutive(blocks, 5);
  });

  it("leaves out empty rows at the end of the data body (a table sized for more)", async () => {
    const values = [...table(200), ...Array.from({ length: 50 }, () => ["", "", "", ""])];
    installExcel({ values, table: { showHeaders: true, totalRow: totalOf(table(200)) } });
    const { result, rows } = await readAll({ kind: "table", name: "Orders" });
    expect(rows).toEqual(table(200));
    expect(result.rows).toBe(200);
  });
});

describe("a multi-area selection", () => {
  it("is refused with a message asking for one area, before any row is read", async () => {
    const excel = installExcel({ values: table(50), areas: ["Orders!B5:D54", "Orders!F5:F54"] });
    const failure = readAll();
    await expect(failure).rejects.toBeInstanceOf(MultiAreaSelectionError);
    await expect(failure).rejects.toThrow(/several areas \(Orders!B5:D54,Orders!F5:F54\)/);
    await expect(failure).rejects.toThrow(/Select one rectangular range/);
    expect(excel.blockRows).toEqual([]);
    expect(excel.writes).toEqual([]);
  });
});

describe("blocks Excel refuses as too large", () => {
  /** 12,000 orders whose note column is short for the first 100 rows and 2,000 characters after. */
  const longTail = () =>
    table(12_000).map((r, i) => (i < PROBE_ROWS ? r : [r[0], r[1], r[2], "n".repeat(2000)]));

  it("are halved and asked again until Excel accepts them, and the progress says so", async () => {
    const values = longTail();
    const limit = 5_000_000; // Excel on the web's response limit
    const excel = installExcel({ values, responseLimit: limit });
    const { rows, blocks, progress } = await readAll();
    expect(rows).toEqual(values);
    expectConsecutive(blocks, 5);
    // Sized from the short first rows, the block after them was refused, then halved until its
    // rows fitted: brute force over the same rows gives the sizes tried.
    const halves: number[] = [];
    for (let n = excel.refused[0]; jsonBytes(values.slice(PROBE_ROWS, PROBE_ROWS + n)) > limit;)
      halves.push((n = Math.floor(n / 2)));
    expect(halves.length).toBeGreaterThan(1);
    expect(excel.refused).toEqual([excel.refused[0], ...halves.slice(0, -1)]);
    // Each refusal is reported at once, before anything more is read, and the note stays to the end.
    expect(progress.slice(1, 1 + halves.length)).toEqual(
      halves.map((n, i) => [
        PROBE_ROWS,
        12_000,
        { refusedRows: excel.refused[i], smallerBlocks: n },
      ])
    );
    expect(progress[progress.length - 1]).toEqual([
      12_000,
      12_000,
      {
        refusedRows: excel.refused[excel.refused.length - 1],
        smallerBlocks: halves[halves.length - 1],
      },
    ]);
    // Blocks never grow back past the size Excel accepted.
    for (const rowsInBlock of excel.blockRows.slice(1))
      expect(rowsInBlock).toBeLessThanOrEqual(halves[halves.length - 1]);
    // One sync for the date system, one for the size, one per block and one per refusal.
    expect(excel.syncs()).toBe(2 + blocks.length + excel.refused.length);
    expect(excel.writes).toEqual([]);
  });

  it("a single row larger than Excel allows is reported by its sheet row", async () => {
    const values = table(300);
    values[150] = [values[150][0], values[150][1], values[150][2], "w".repeat(20_000)];
    installExcel({ values, responseLimit: 10_000 });
    await expect(readAll()).rejects.toThrow(
      "row 155 alone is more than Excel can send in one request"
    );
    // Any other failure is not retried: it ends the read as it is.
    delete (globalThis as Record<string, unknown>).Excel;
    const other = installExcel({ values: table(300) });
    (
      globalThis as unknown as { Excel: { context: { sync: () => Promise<void> } } }
    ).Excel.context.sync = async () => {
      throw Object.assign(new Error("boom"), { code: "GeneralException" });
    };
    await expect(readAll()).rejects.toThrow("boom");
    expect(other.refused).toEqual([]);
  });
});

describe("the 1904 date system", () => {
  const DATE = "m/d/yyyy";
  /** Orders whose order_date column is formatted as dates, and a few text dates among them. */
  const dated = (rows: number) => {
    const values = table(rows);
    for (let i = 1; i < rows; i += 37) values[i][1] = "2024-03-05";
    return values;
  };
  const formats = (row: number, column: number) =>
    row > 0 && column === 1 ? DATE : column === 2 ? "#,##0.00" : "General";

  it("is asked of Excel once: dates move 1,462 days later, nothing else changes (and nothing at all in a 1900 workbook)", async () => {
    const values = dated(3_000);
    const excel = installExcel({ values, formats, dateSystem: "1904" });
    const dates = new WorkbookDateSystem();
    const first = await readAll(undefined, 50_000, dates);
    // Brute force: every number in the date-formatted column, plus 1,462; every other cell as is.
    const expected = values.map((row, r) =>
      row.map((v, c) => (r > 0 && c === 1 && typeof v === "number" ? v + 1462 : v))
    );
    expect(first.rows).toEqual(expected);
    expect(excel.probes()).toBe(1);
    expect(excel.loads.every((l) => l === "values,valueTypes,numberFormat")).toBe(true);
    expect(excel.syncs()).toBe(2 + first.blocks.length);
    // A second read in the same session asks nothing more.
    const before = excel.syncs();
    const second = await readAll(undefined, 50_000, dates);
    expect(second.rows).toEqual(expected);
    expect(excel.probes()).toBe(1);
    expect(excel.syncs() - before).toBe(1 + second.blocks.length);
    // In a 1900 workbook the same cells come as they are, without their formats.
    delete (globalThis as Record<string, unknown>).Excel;
    const plain = installExcel({ values, formats, dateSystem: "1900" });
    expect((await readAll()).rows).toEqual(values);
    expect(plain.loads.every((l) => l === "values,valueTypes")).toBe(true);
  });

  it("where the probe fails, the read goes on in the 1900 system and the probe is not repeated", async () => {
    const values = dated(400);
    const excel = installExcel({ values, formats, dateSystem: "failing" });
    const dates = new WorkbookDateSystem();
    expect((await readAll(undefined, undefined, dates)).rows).toEqual(values);
    expect((await readAll(undefined, undefined, dates)).rows).toEqual(values);
    expect(excel.probes()).toBe(1);
    expect(dates.current).toBe("1900");
  });

  it("any mix of formats: exactly the numbers in date-formatted cells move", async () => {
    const codes = [
      "General",
      "0.00",
      "yyyy-mm-dd",
      "d-mmm-yy",
      "h:mm",
      "@",
      "[$-409]mmmm d, yyyy;@",
    ];
    const isDate = [false, false, true, true, false, false, true];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(fc.tuple(fc.oneof(fc.integer({ min: 1, max: 60000 }), fc.string()), fc.nat(6)), {
            minLength: 3,
            maxLength: 3,
          }),
          { minLength: 1, maxLength: 40 }
        ),
        async (grid) => {
          delete (globalThis as Record<string, unknown>).Excel;
          const values = grid.map((row) => row.map(([v]) => v));
          installExcel({
            values,
            formats: (r, c) => codes[grid[r][c][1]],
            dateSystem: "1904",
          });
          const { rows } = await readAll();
          for (let r = 0; r < grid.length; r++)
            for (let c = 0; c < 3; c++) {
              const [v, f] = grid[r][c];
              const want = typeof v === "number" && isDate[f] ? v + 1462 : v;
              if (rows[r][c] !== want) return false;
            }
          return true;
        }
      ),
      { numRuns: 60 }
    );
  });
});

describe("error cells (issue 22.4)", () => {
  it("an error cell is an error value, named by its sheet row, never a customer", async () => {
    const values = [
      ["customer_id", "order_date", "amount"],
      ["C-1", 45292, 10],
      ["#N/A", 45293, 12],
      ["C-2", "#REF!", 14],
    ];
    installExcel({ values: values.map((r) => [...r]) });
    const { rows } = await readAll();
    expect(rows[1]).toEqual(["C-1", 45292, 10]);
    expect(rows[2][0]).toEqual({ type: "Error", basicValue: "#N/A" });
    expect(rows[3][1]).toEqual({ type: "Error", basicValue: "#REF!" });
    const analysis = new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true });
    const layout = proposeLayout(rows, "en-US");
    // Sheet row 7 (the used range starts on row 5): the #N/A id.
    expect(() => feedOrders(layout, analysis)(rows, 5)).toThrow(
      expect.objectContaining({ row: 7, problem: expect.stringMatching(/#N\/A/) })
    );
  });
  it("withErrorCells leaves rows without errors as they are", () => {
    const rows = [["a", 1]];
    expect(withErrorCells(rows, [["String", "Double"]])[0]).toBe(rows[0]);
  });
});
