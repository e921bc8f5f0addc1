/**
 * One file, one layout: the task pane (its worker's first rows, then proposedSettings) and the
 * command line (csvLayout) propose the same columns and date format for the same generated CSV
 * files, in UTF-8 (with or without its mark), UTF-16 or CRLF lines, and both are what the file's
 * writer meant. And the command line reads a file whose characters straddle its read pieces.
 */
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OrdersAnalysis } from "../../src/model/history/analysis";
import { LAYOUT_SAMPLE_ROWS } from "../../src/model/reading/layout";
import { parseCohortsArguments } from "../../src/cli/cohorts-arguments";
import { analyseCsv, CSV_READ_BYTES, csvLayout } from "../../src/cli/csv-analysis";
import { COMMAND_LOCALE } from "../../src/cli/input-layout";
import { proposedSettings } from "../../src/taskpane/state/use-data-analysis";
import { createAnalysisEngine } from "../../src/taskpane/worker/analysis-engine";
import type { WorkerResponse } from "../../src/taskpane/worker/protocol";
import { csvText, GeneratedTable, tableArb } from "../model/reading/table-generator";

jest.setTimeout(120_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "csv-layout-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Writing = "utf-8" | "utf-8 with mark" | "utf-16le" | "crlf";

function fileBytes(text: string, as: Writing): Uint8Array {
  if (as === "crlf") return Buffer.from(text.replace(/\n/g, "\r\n"), "utf8");
  if (as === "utf-8") return Buffer.from(text, "utf8");
  if (as === "utf-8 with mark") return Buffer.from("\uFEFF" + text, "utf8");
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
}

/** The pane's proposal: the worker reads the file's first rows, the pane proposes from them. */
async function paneLayout(bytes: Uint8Array, locale: string) {
  const messages: WorkerResponse[] = [];
  const handle = createAnalysisEngine((m) => messages.push(m));
  const file = new File([new Uint8Array(bytes)], "orders.csv");
  await handle({
    type: "inspect",
    id: 1,
    source: { kind: "file", file },
    rows: LAYOUT_SAMPLE_ROWS,
  });
  const inspected = messages.find((m) => m.type === "inspected");
  if (inspected?.type !== "inspected") throw new Error(JSON.stringify(messages));
  const { shape, hasHeader, columns, dateFormat } = proposedSettings(
    inspected.rows as unknown[][],
    locale
  );
  return { shape, hasHeader, columns, dateFormat };
}

async function commandLayout(path: string, table: GeneratedTable) {
  const args = parseCohortsArguments([`--${table.shape}`, path]);
  const { shape, hasHeader, columns, dateFormat } = await csvLayout(path, "file.csv", args);
  return { shape, hasHeader, columns, dateFormat };
}

describe("the pane and the command line lay a file out alike", () => {
  it("propose the writer's columns and date format for generated files", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(tableArb(), tableArb({ minRows: LAYOUT_SAMPLE_ROWS, maxRows: 560 })),
        fc.constantFrom<Writing>("utf-8", "utf-8 with mark", "utf-16le", "crlf"),
        async (table, as) => {
          const path = join(dir, `t${n++}.csv`);
          const bytes = fileBytes(csvText(table.cells), as);
          writeFileSync(path, bytes);
          const locale = COMMAND_LOCALE;
          const truth = {
            shape: table.shape,
            hasHeader: table.hasHeader,
            columns: table.columns,
            dateFormat: table.dateFormat,
          };
          const [pane, command] = await Promise.all([
            paneLayout(bytes, locale),
            commandLayout(path, table),
          ]);
          expect(pane).toEqual(truth);
          expect(command).toEqual(truth);
        }
      ),
      { numRuns: 40 }
    );
  });

  it("a date format told only after the first LAYOUT_SAMPLE_ROWS rows is the same guess in both, whatever the locale", async () => {
    // 1/2/2024 … (no day above 12) in the sample; 25/12/2024 only on the row after it.
    const lines = ["customer,date"];
    while (lines.length < LAYOUT_SAMPLE_ROWS)
      lines.push(`C-${lines.length},${(lines.length % 12) + 1}/2/2024`);
    lines.push("C-x,25/12/2024");
    const path = join(dir, "late.csv");
    const bytes = Buffer.from(lines.join("\n") + "\n");
    writeFileSync(path, bytes);
    const command = await commandLayout(path, { shape: "orders" } as GeneratedTable);
    for (const locale of ["en-US", "en-GB", "de-DE", "zh-CN"])
      expect(await paneLayout(bytes, locale)).toEqual(command);
    expect(command.dateFormat).toBe("mdy");
  });
});

describe("the command line's reading of a file in pieces", () => {
  it("keeps a character whole when its bytes straddle the pieces it reads", async () => {
    const rows: [string, string, string][] = [];
    for (let k = 0; k < 60_000; k++)
      rows.push([
        `张三${k % 997}`,
        `2024-${String((k % 12) + 1).padStart(2, "0")}-15`,
        `${k % 50}.5`,
      ]);
    // Pad the title until the 16th piece ends inside a three-byte character.
    let title = "customer,date,amount";
    let text = "";
    for (;;) {
      text = `${title}\n${rows.map((r) => r.join(",")).join("\n")}\n`;
      const bytes = Buffer.from(text, "utf8");
      if ((bytes[16 * CSV_READ_BYTES] & 0xc0) === 0x80) break; // a continuation byte
      title += " ";
    }
    const path = join(dir, "big.csv");
    writeFileSync(path, text);
    const got = await analyseCsv(path, "big.csv", parseCohortsArguments(["--orders", path]));
    const expected = new OrdersAnalysis({
      unit: "month",
      window: 1,
      endDay: null,
      hasRevenue: true,
    });
    rows.forEach(([c, d, a], i) => expected.add(i + 2, c, d, a));
    const want = expected.finish();
    expect(got.rows).toBe(60_000);
    expect(got.ids.count).toBe(997);
    expect(got.retention).toEqual(want.retention);
    expect(got.cohorts).toEqual(want.cohorts);
    expect(got.movements).toEqual(want.movements);
  });
});
