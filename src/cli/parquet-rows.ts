/**
 * A Parquet file's rows for the streaming engine, read by the embedded DuckDB a chunk at a time:
 * the column names first (the titles), then each row. The file's own column types say what a
 * cell is: a DATE or TIMESTAMP column is a date (given as ISO text of the date written, as the
 * proposal and the row feeder read dates), integers and decimals are numbers, the rest text.
 */
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RowReader } from "./csv-analysis";

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** DuckDB's column types that are dates (a timestamp's date part is its day). */
const DATE_TYPE = /^(DATE|TIMESTAMP)/i;
const NUMBER_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|FLOAT|DOUBLE|DECIMAL)/i;

function cellOf(value: unknown): unknown {
  if (value === null || typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return String(value);
  return String(value); // decimals and others as DuckDB writes them
}

async function readParquet(
  path: string,
  onRows: (rows: unknown[][], firstRecord: number) => boolean
): Promise<void> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  // A link under a plain name: a file name with `[` or `*` is that file, never a glob.
  const folder = mkdtempSync(join(tmpdir(), "retain-duckdb-"));
  const instance = await DuckDBInstance.create(":memory:", { temp_directory: folder });
  const db = await instance.connect();
  try {
    const file = join(folder, "input.parquet");
    symlinkSync(path, file);
    const reader = `read_parquet('${file.replace(/'/g, "''")}')`;
    const described = (await db.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}`)).getRows();
    const names = described.map((r) => String(r[0]));
    const select = described.map((r) => {
      const name = quoteIdent(String(r[0]));
      const type = String(r[1]);
      if (DATE_TYPE.test(type)) return `strftime(CAST(${name} AS DATE), '%Y-%m-%d')`;
      if (NUMBER_TYPE.test(type)) return `CAST(${name} AS DOUBLE)`;
      return `CAST(${name} AS VARCHAR)`;
    });
    if (!onRows([names], 1)) return;
    const result = await db.stream(`SELECT ${select.join(", ")} FROM ${reader}`);
    let record = 2;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const rows = chunk.getRows().map((r) => r.map(cellOf));
      const more = onRows(rows, record);
      record += rows.length;
      if (!more) break;
    }
  } finally {
    db.closeSync();
    instance.closeSync();
    rmSync(folder, { recursive: true, force: true });
  }
}

export const PARQUET_ROWS: RowReader = { read: readParquet, header: true, textLines: false };

export const isParquetFile = (path: string): boolean => /\.(parquet|parq)$/i.test(path);
