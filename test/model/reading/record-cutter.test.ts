/**
 * Issue 22.10: one giant field cost quadratic time, because the parser re-read an unfinished
 * record with every piece. The reader now cuts its pieces at records' ends, reading each
 * character once, and refuses a field longer than MAX_FIELD_CHARS by its line and column.
 * Record ends are checked against a plain reference splitter written here.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { builtFile } from "../../support/built";
import { CellError } from "../../../src/model/errors";
import {
  DecodedTextStream,
  MAX_FIELD_CHARS,
  RecordCutter,
} from "../../../src/model/reading/text-decoding";
import { createAnalysisEngine } from "../../../src/taskpane/worker/analysis-engine";
import type { WorkerResponse } from "../../../src/taskpane/worker/protocol";

jest.setTimeout(120_000);

/** Where records end (the index after each line break outside quotes), by the plain rule. */
function recordEnds(text: string): Set<number> {
  const ends = new Set<number>();
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
      ends.add(i + 1);
      fieldStart = true;
    } else if (c === ",") fieldStart = true;
    else if (c !== "\r") fieldStart = false;
  }
  return ends;
}

const field = fc.oneof(
  fc.stringMatching(/^[a-z0-9 .-]{0,6}$/),
  fc.stringMatching(/^[a-z\n\r,"]{0,6}$/).map((s) => `"${s.replace(/"/g, '""')}"`)
);
const csvText = fc
  .tuple(
    fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
    fc.constantFrom("\n", "\r\n")
  )
  .map(([rows, eol]) => rows.map((r) => r.join(",")).join(eol) + eol);

describe("the record cutter", () => {
  test("pieces join to the text, and each ends where a record ends", () => {
    fc.assert(
      fc.property(
        csvText,
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }),
        (text, sizes) => {
          const cutter = new RecordCutter();
          const ends = recordEnds(text);
          const out: string[] = [];
          let at = 0;
          for (let k = 0; at < text.length; k++) {
            let size = sizes[k % sizes.length];
            // The stream never ends a piece between \r and \n.
            if (text[at + size - 1] === "\r") size++;
            const piece = cutter.push(text.slice(at, at + size));
            at += size;
            if (piece !== "") out.push(piece);
          }
          out.push(cutter.end());
          expect(out.join("")).toBe(text);
          let position = 0;
          for (const piece of out.slice(0, -1)) {
            position += piece.length;
            expect(ends.has(position)).toBe(true);
          }
          expect(cutter.charsScanned).toBe(text.length);
        }
      ),
      { numRuns: 300 }
    );
  });

  test("a giant field is read once: the parser gets each character once, in one piece", async () => {
    const giant = "x".repeat(MAX_FIELD_CHARS - 10);
    const text = `customer,order_date,note\nA,2024-01-05,"${giant}"\nB,2024-02-05,ok\n`;
    const bytes = new TextEncoder().encode(text);
    let offset = 0;
    const stream = new DecodedTextStream(async () => {
      if (offset >= bytes.length) return null;
      const piece = bytes.subarray(offset, offset + 4096);
      offset += piece.length;
      return piece;
    });
    const pieces: string[] = [];
    await new Promise<void>((resolve) => {
      stream.on("data", (t) => pieces.push(t as string));
      stream.on("end", () => resolve());
    });
    // Work counted, not timed: every character scanned once and handed on once.
    expect(stream.cutter.charsScanned).toBe(text.length);
    expect(pieces.join("")).toBe(text);
    expect(pieces.reduce((n, p) => n + p.length, 0)).toBe(text.length);
    // The record holding the giant field arrives whole (about 256 pieces of bytes, one emitted).
    expect(pieces.filter((p) => p.includes(giant)).length).toBe(1);
  });

  test("a field longer than the cap is refused by its line and column", () => {
    const cutter = new RecordCutter(100);
    const text = `id;date;note\nA;2024-01-05;short\n"B\nB";2024-01-06;${"y".repeat(101)}\n`;
    let error: unknown = null;
    try {
      for (let i = 0; i < text.length; i += 7) cutter.push(text.slice(i, i + 7));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellError);
    // The record starts on line 3 (its first field spans two lines); the field is column 3 of ";".
    expect((error as CellError).toProblem()).toEqual({
      argument: "field",
      row: 3,
      column: 2,
      problem: "a field longer than 100 characters",
    });
  });

  test("an unclosed quote is refused at the cap, not read to the end of the file", () => {
    const cutter = new RecordCutter(1000);
    expect(() => {
      cutter.push('id,date\nA,"2024-01-05\n');
      for (let i = 0; i < 100; i++) cutter.push("B,2024-01-06\n".repeat(10));
    }).toThrow("row 2: a field longer than 1,000 characters (is a quote left open?)");
  });

  test("the pane's engine names the line and column of a field past 1 MiB", async () => {
    const text = `customer,date,amount\nA,2024-01-05,10\nB,${"9".repeat(MAX_FIELD_CHARS + 1)},5\n`;
    const messages: WorkerResponse[] = [];
    const handle = createAnalysisEngine((m) => messages.push(m));
    await handle({
      type: "analyse",
      id: 4,
      source: { kind: "text", text },
      settings: {
        shape: "orders",
        columns: { customer: 0, date: 1, amount: 2, start: -1, end: -1, revenue: -1 },
        hasHeader: true,
        dateFormat: null,
        unit: "month",
        window: 1,
      },
    });
    expect(messages.filter((m) => m.type !== "progress")).toEqual([
      expect.objectContaining({
        type: "failed",
        cell: {
          argument: "field",
          row: 3,
          column: 1,
          problem: "a field longer than 1,048,576 characters",
        },
      }),
    ]);
  });

  test("the command line names the file, line and column of a field past 1 MiB", () => {
    builtFile("cli/retention-report.js");
    const dir = mkdtempSync(join(tmpdir(), "record-cutter-"));
    try {
      const big = "z".repeat(MAX_FIELD_CHARS + 1);
      writeFileSync(
        join(dir, "orders.csv"),
        `customer,order_date,amount,note\n${"A,2024-01-05,10,ok\n".repeat(30)}B,2024-02-05,5,"${big}"\n`
      );
      const r = spawnSync(
        process.execPath,
        [
          resolve(__dirname, "../../../bin/retention-report.js"),
          "cohorts",
          "--orders",
          "orders.csv",
        ],
        { cwd: dir, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } }
      );
      expect([r.status, r.stderr]).toEqual([
        1,
        // Met while the layout is read from the first rows: the column has no title yet.
        "retention-report: orders.csv:32:4: field: a field longer than 1,048,576 characters\n",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
