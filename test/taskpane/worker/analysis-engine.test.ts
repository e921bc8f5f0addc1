/**
 * The worker's reading of CSV files and text (analysis-engine.ts, run in-process): a file read
 * whole and decoded once (UTF-8, or UTF-16 by its byte-order mark; CRLF or LF lines), text parsed
 * in many pieces, progress posted about 25 times ending at 1, and a bad cell far into the text
 * named by its line. Each view is checked against the model fed directly, row by row, from rows
 * split by hand here (the files have no quotes).
 */
import { readFileSync } from "fs";
import path from "path";
import { isDeepStrictEqual } from "util";
import { OrdersAnalysis } from "../../../src/model/history/analysis";
import {
  analyse,
  analysisView,
  createAnalysisEngine,
} from "../../../src/taskpane/worker/analysis-engine";
import type {
  AnalysisSettings,
  AnalysisView,
  TableSource,
  WorkerResponse,
} from "../../../src/taskpane/worker/protocol";

const SAMPLE = readFileSync(path.resolve(__dirname, "../../../samples/orders.csv"), "utf8");

const SETTINGS: AnalysisSettings = {
  shape: "orders",
  columns: { customer: 0, date: 1, amount: 2, start: -1, end: -1, revenue: -1 },
  hasHeader: true,
  dateFormat: null,
  unit: "month",
  window: 1,
};

/** The model fed directly from lines split by hand: the reference view. */
function modelView(text: string): AnalysisView {
  const lines = text
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  const analysis = new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true });
  for (let i = 1; i < lines.length; i++) {
    const [id, date, amount] = lines[i].split(",");
    analysis.add(i + 1, id, date, amount);
  }
  return analysisView(analysis.finish());
}

/** Orders enough for hundreds of 64 KB pieces; ids in Chinese and Latin text, some amounts blank. */
function bigText(rows: number): string {
  const lines = ["客户,日期,金额"];
  for (let i = 0; i < rows; i++) {
    const customer = (i * 7919) % 5000;
    const id = customer % 3 === 0 ? `客户${customer}` : `C-${customer}`;
    const day = new Date(Date.UTC(2023, 0, 1 + ((i * 37 + customer) % 700)));
    const amount = i % 11 === 0 ? "" : (5 + ((i * 13) % 300) / 4).toFixed(2);
    lines.push(`${id},${day.toISOString().slice(0, 10)},${amount}`);
  }
  return lines.join("\n") + "\n";
}

async function viewOf(source: TableSource) {
  const progress: [number, number | null][] = [];
  const view = analysisView(
    await analyse(source, [], SETTINGS, (rows, fraction) => progress.push([rows, fraction]))
  );
  return { view, progress };
}

const utf16le = (text: string) => {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return bytes;
};

describe("reading a CSV in the worker", () => {
  test("the sample as text and as files (UTF-8, UTF-8 with a BOM, CRLF, UTF-16) gives the model's view", async () => {
    const expected = modelView(SAMPLE);
    const sources: [string, TableSource][] = [
      ["text", { kind: "text", text: SAMPLE }],
      ["UTF-8 file", { kind: "file", file: new File([SAMPLE], "orders.csv") }],
      ["BOM", { kind: "file", file: new File(["\uFEFF" + SAMPLE], "orders.csv") }],
      ["CRLF", { kind: "file", file: new File([SAMPLE.replace(/\n/g, "\r\n")], "orders.csv") }],
      ["UTF-16", { kind: "file", file: new File([utf16le(SAMPLE)], "orders.csv") }],
    ];
    for (const [name, source] of sources) {
      const { view } = await viewOf(source);
      expect([name, isDeepStrictEqual(view, expected)]).toEqual([name, true]);
    }
    expect(expected.rows).toBe(SAMPLE.trim().split("\n").length - 1);
  });

  test("a text of hundreds of pieces: the model's view, about 25 progress posts ending at 1", async () => {
    const text = bigText(120_000);
    expect(text.length).toBeGreaterThan(40 * 64 * 1024);
    const expected = modelView(text);
    for (const source of [
      { kind: "text", text },
      { kind: "file", file: new File([text], "orders.csv") },
    ] as TableSource[]) {
      const { view, progress } = await viewOf(source);
      expect(isDeepStrictEqual(view, expected)).toBe(true);
      expect(view.rows).toBe(120_000);
      expect(progress.length).toBeGreaterThan(10);
      expect(progress.length).toBeLessThanOrEqual(26);
      // Rows read: the header, the orders and the empty line after the last newline.
      expect(progress[progress.length - 1]).toEqual([120_002, 1]);
      for (let i = 1; i < progress.length; i++)
        expect(progress[i][1]!).toBeGreaterThan(progress[i - 1][1]!);
    }
  });

  test("a bad cell far into a file is named by its line, and the engine answers once", async () => {
    const lines = bigText(50_000).split("\n");
    lines[43_210] = "C-1,2024-02-30,5"; // line 43,211 of the file
    const messages: WorkerResponse[] = [];
    const handle = createAnalysisEngine((m) => messages.push(m));
    const file = new File([lines.join("\n")], "orders.csv");
    await handle({ type: "analyse", id: 3, source: { kind: "file", file }, settings: SETTINGS });
    const answers = messages.filter((m) => m.type !== "progress");
    expect(answers).toEqual([
      expect.objectContaining({
        type: "failed",
        id: 3,
        message: expect.stringContaining("row 43,211: '2024-02-30' is not a date"),
      }),
    ]);
  });

  test("the first rows of a text, for the column match", async () => {
    const messages: WorkerResponse[] = [];
    const handle = createAnalysisEngine((m) => messages.push(m));
    await handle({ type: "inspect", id: 1, source: { kind: "text", text: SAMPLE }, rows: 3 });
    const firstLines = SAMPLE.split("\n").slice(0, 3);
    expect(messages).toEqual([
      { type: "inspected", id: 1, rows: firstLines.map((l) => l.split(",")) },
    ]);
  });
});
