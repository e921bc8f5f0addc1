/**
 * The chunked reader against office-addin-mock: the context is an OfficeMockObject, the ranges a
 * strict hand-written fake that refuses reads of unloaded properties (as Office.js does), counts
 * syncs, measures every block's payload as JSON, and records any write (there must be none).
 */
import { OfficeMockObject } from "office-addin-mock";
import {
  MAX_BLOCK_ROWS,
  PAYLOAD_CAP,
  PROBE_ROWS,
  readRowsInBlocks,
  ReadCancelledError,
} from "../../../src/taskpane/host/office-table-reader";
import { seededRandom } from "../../support/seeded-random";

interface FakeExcel {
  syncs: () => number;
  /** Bytes (UTF-8 JSON) of each block's values, in the order they were requested. */
  blockBytes: number[];
  blockRows: number[];
  writes: string[];
  requested: string[];
}

/** A sheet whose used range holds `values`, starting at the sheet's row `top` (0-based), column B. */
function installExcel(values: unknown[][], top = 4): FakeExcel {
  const fake: FakeExcel = {
    syncs: () => syncs,
    blockBytes: [],
    blockRows: [],
    writes: [],
    requested: [],
  };
  let syncs = 0;
  const pending: (() => void)[] = [];
  const strict = <T extends object>(target: T, loaded: () => boolean, name: string): T =>
    new Proxy(target, {
      get: (t, key, receiver) => {
        const value = Reflect.get(t, key, receiver);
        if (
          typeof key === "string" &&
          key in t &&
          typeof value !== "function" &&
          !loaded() &&
          key !== "worksheet"
        )
          throw new Error(`PropertyNotLoaded: ${name}.${key} was read before load + sync`);
        return value;
      },
      set: (_t, key) => {
        fake.writes.push(`${name}.${String(key)}`);
        return true;
      },
    });
  const columns = values.reduce((w, r) => Math.max(w, r.length), 0);
  const sheet = {
    getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number) {
      fake.requested.push(`${row},${column},${rowCount},${columnCount}`);
      const state = { loaded: false, values: [] as unknown[][] };
      const range = {
        load: (props: string) => {
          expect(props).toBe("values");
          pending.push(() => {
            state.values = values
              .slice(row - top, row - top + rowCount)
              .map((r) => r.slice(column - 1, column - 1 + columnCount));
            fake.blockBytes.push(new TextEncoder().encode(JSON.stringify(state.values)).length);
            fake.blockRows.push(rowCount);
            state.loaded = true;
          });
        },
        get values() {
          if (!state.loaded)
            throw new Error("PropertyNotLoaded: block.values was read before load + sync");
          return state.values;
        },
        set values(_: unknown[][]) {
          fake.writes.push("block.values");
        },
      };
      return range;
    },
  };
  const usedState = { loaded: false };
  const used = strict(
    {
      isNullObject: values.length === 0,
      address: `Orders!B${top + 1}:D${top + values.length}`,
      rowCount: values.length,
      columnCount: columns,
      rowIndex: top,
      columnIndex: 1,
      worksheet: sheet,
      load: () => pending.push(() => (usedState.loaded = true)),
    },
    () => usedState.loaded,
    "usedRange"
  );
  const selection = {
    getUsedRangeOrNullObject: (valuesOnly: boolean) => (expect(valuesOnly).toBe(true), used),
  };
  const excel = new OfficeMockObject({
    context: {
      workbook: {},
      sync: async () => {
        syncs++;
        for (const apply of pending.splice(0)) apply();
      },
    },
    run: async function (
      this: { context: unknown },
      batch: (context: unknown) => Promise<unknown>
    ) {
      return batch(this.context);
    },
  });
  const workbook = excel.context.workbook as Record<string, unknown>;
  workbook.getSelectedRange = () => selection;
  workbook.tables = {
    getItem: (name: string) => (expect(name).toBe("Orders"), { getRange: () => selection }),
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
function table(rows: number, seed = 1): unknown[][] {
  const random = seededRandom(seed);
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

async function readAll(source = { kind: "selection" } as const, cap?: number) {
  const blocks: { rows: unknown[][]; firstRow: number }[] = [];
  const progress: [number, number][] = [];
  const result = await readRowsInBlocks(source, {
    payloadCap: cap,
    onBlock: (rows, firstRow) => void blocks.push({ rows, firstRow }),
    onProgress: (read, total) => void progress.push([read, total]),
  });
  return { result, blocks, progress };
}

describe("readRowsInBlocks", () => {
  it("reads every row in order, in blocks under the payload cap, one sync per block plus one", async () => {
    const values = table(30_000);
    const cap = 200_000; // small, so the table needs many blocks
    const excel = installExcel(values);
    const { result, blocks, progress } = await readAll(undefined, cap);
    expect(result).toEqual({
      address: "Orders!B5:E30004".replace("E", "D"),
      rows: 30_000,
      columns: 4,
    });
    const read = blocks.flatMap((b) => b.rows);
    expect(read.length).toBe(values.length);
    expect(
      read.every((r, i) => r === values[i] || JSON.stringify(r) === JSON.stringify(values[i]))
    ).toBe(true);
    // Sheet row numbers: the used range starts on row 5.
    let row = 5;
    for (const b of blocks) {
      expect(b.firstRow).toBe(row);
      row += b.rows.length;
    }
    for (const bytes of excel.blockBytes) expect(bytes).toBeLessThanOrEqual(cap);
    expect(excel.syncs()).toBe(1 + blocks.length);
    // The probe first, then blocks as large as the cap allows: the count is bounded by the
    // largest row's share of the cap (every row ≤ its bytes), never one request per row.
    expect(excel.blockRows[0]).toBe(PROBE_ROWS);
    const largestRow = Math.max(
      ...values.map((r) => new TextEncoder().encode(JSON.stringify(r)).length + 1)
    );
    expect(blocks.length).toBeLessThanOrEqual(
      1 + Math.ceil((30_000 - PROBE_ROWS) / Math.floor(cap / (largestRow * 1.25))) + 1
    );
    expect(progress[progress.length - 1]).toEqual([30_000, 30_000]);
    expect(excel.writes).toEqual([]);
  });

  it("keeps Excel's maximum of rows to a bounded number of syncs at the default cap", async () => {
    const rows = 1_048_575;
    const values = Array.from({ length: rows }, (_, i) => [
      `C-${i % 9000}`,
      45292 + (i % 700),
      19.5,
    ]);
    const excel = installExcel(values, 0);
    const { result } = await readAll();
    expect(result.rows).toBe(rows);
    for (const bytes of excel.blockBytes) expect(bytes).toBeLessThanOrEqual(PAYLOAD_CAP);
    // 1 (the size) + the probe + blocks of at most MAX_BLOCK_ROWS.
    expect(excel.syncs()).toBeLessThanOrEqual(
      2 + Math.ceil((rows - PROBE_ROWS) / MAX_BLOCK_ROWS) + 1
    );
    expect(excel.writes).toEqual([]);
  });

  it("reads a table by name the same way", async () => {
    const values = table(500);
    installExcel(values);
    const { blocks } = await readAll({ kind: "table", name: "Orders" } as never);
    expect(blocks.flatMap((b) => b.rows)).toEqual(values);
  });

  it("stops at the next block once cancelled, and touches nothing", async () => {
    const values = table(5_000);
    const excel = installExcel(values);
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
    expect(excel.syncs()).toBe(3);
    expect(excel.writes).toEqual([]);
  });

  it("answers an empty selection without reading", async () => {
    const excel = installExcel([]);
    const { result, blocks } = await readAll();
    expect(result).toEqual({ address: "", rows: 0, columns: 0 });
    expect(blocks).toEqual([]);
    expect(excel.syncs()).toBe(1);
  });
});
