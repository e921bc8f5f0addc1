/**
 * The worker's reading of a file in pieces (its path for files over 128 MB, taken here by a
 * finite row limit on a smaller file): the model's decoder keeps characters whose bytes straddle
 * two pieces whole, in UTF-8 and UTF-16, so the rows are those of the whole text parsed at once.
 */
import Papa from "papaparse";
import { streamRows } from "../../../src/taskpane/worker/analysis-engine";

jest.setTimeout(120_000);

/** About 1.5 MB of orders, the ids in Chinese, with CRLF lines. */
function ordersText(): string {
  const lines = ["客户编号,下单日期,金额"];
  for (let k = 0; k < 40_000; k++)
    lines.push(
      `张三李四${k % 1_777},2024-${String((k % 12) + 1).padStart(2, "0")}-0${(k % 9) + 1},${k % 97}`
    );
  return lines.join("\r\n") + "\r\n";
}

async function rowsRead(bytes: Uint8Array): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  const file = new File([new Uint8Array(bytes)], "orders.csv");
  await streamRows(
    { kind: "file", file },
    [],
    (piece) => void rows.push(...(piece as unknown[][])),
    () => undefined,
    1e9
  );
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

test("a file read in pieces gives the rows of its whole text, in UTF-8 and UTF-16", async () => {
  const text = ordersText();
  const whole = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  expect(whole).toHaveLength(40_001);
  const utf8 = Buffer.from(text, "utf8");
  // Pieces are 64 KB: some end inside a character (a continuation byte starts the next).
  const straddled = Array.from(
    { length: Math.floor(utf8.length / 65_536) },
    (_, k) => utf8[(k + 1) * 65_536]
  );
  expect(straddled.some((b) => (b & 0xc0) === 0x80)).toBe(true);
  expect(await rowsRead(utf8)).toEqual(whole);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  expect(await rowsRead(utf16)).toEqual(whole);
});
