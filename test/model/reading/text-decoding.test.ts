/**
 * The one decoder of users' files (text-decoding.ts): any text written as UTF-8 (with or without
 * its byte-order mark) or as UTF-16 little- or big-endian with its mark, cut into pieces at any
 * offsets, decodes back exactly. The bytes are written here by Node's Buffer (UTF-8) and by hand
 * (UTF-16 code units), not by the code under test.
 */
import fc from "fast-check";
import Papa from "papaparse";
import {
  byteOrderMark,
  DecodedTextStream,
  decodeText,
  TextChunkDecoder,
} from "../../../src/model/reading/text-decoding";

type Written = "utf-8" | "utf-8 with mark" | "utf-16le" | "utf-16be";
const WRITINGS: Written[] = ["utf-8", "utf-8 with mark", "utf-16le", "utf-16be"];

/** The bytes of `text` as a file in that encoding (UTF-16 always with its mark). */
function encode(text: string, as: Written): Uint8Array {
  if (as === "utf-8") return new Uint8Array(Buffer.from(text, "utf8"));
  if (as === "utf-8 with mark")
    return new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, "utf8")]);
  const bytes = new Uint8Array(2 + 2 * text.length);
  const le = as === "utf-16le";
  bytes.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + 2 * i + (le ? 0 : 1)] = unit & 0xff;
    bytes[2 + 2 * i + (le ? 1 : 0)] = unit >> 8;
  }
  return bytes;
}

/** The bytes cut at the given offsets (sorted, any may repeat: empty pieces too). */
function cut(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const at = [0, ...offsets.map((o) => o % (bytes.length + 1)).sort((a, b) => a - b), bytes.length];
  return at.slice(1).map((end, k) => bytes.slice(at[k], end));
}

function decodePieces(pieces: Uint8Array[]): string {
  const decoder = new TextChunkDecoder();
  let text = "";
  for (const piece of pieces) text += decoder.push(piece);
  return text + decoder.end();
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Any well-formed text; without a mark, a first U+FEFF would read as one, so none leads. */
const textArb = fc
  .string({ unit: "binary", maxLength: 60 })
  .filter((s) => !LONE_SURROGATE.test(s) && !s.startsWith("\uFEFF"));

describe("decoding a file's bytes", () => {
  it("gives back any text in any encoding, whole or cut anywhere", () => {
    fc.assert(
      fc.property(
        textArb,
        fc.constantFrom(...WRITINGS),
        fc.array(fc.nat(), { maxLength: 8 }),
        (text, as, offsets) => {
          const bytes = encode(text, as);
          expect(decodeText(bytes)).toBe(text);
          expect(decodePieces(cut(bytes, offsets))).toBe(text);
        }
      ),
      { numRuns: 500 }
    );
  });

  it("keeps a character whole when its bytes straddle any boundary, for every piece size", () => {
    const text = "客户,日期\n张三,2024-01-05\n𠮷野家,2024-02-29\n";
    for (const as of WRITINGS) {
      const bytes = encode(text, as);
      for (let size = 1; size <= 8; size++)
        for (let start = 0; start < size; start++) {
          // The first piece `start` bytes long, then pieces of `size`: every offset is a boundary.
          const offsets: number[] = [];
          for (let at = start; at < bytes.length; at += size) offsets.push(at);
          expect([as, size, start, decodePieces(cut(bytes, offsets))]).toEqual([
            as,
            size,
            start,
            text,
          ]);
        }
    }
  });

  it("keeps a U+FEFF that follows the mark, and reads text without a mark as UTF-8", () => {
    expect(decodeText(encode("\uFEFFa", "utf-16le"))).toBe("\uFEFFa");
    expect(decodeText(encode("\uFEFFa", "utf-8 with mark"))).toBe("\uFEFFa");
    expect(byteOrderMark(new Uint8Array([0x61, 0x00]))).toEqual({ encoding: "utf-8", length: 0 });
    expect(decodeText(new Uint8Array([0xff, 0xfe]))).toBe("");
    expect(decodeText(new Uint8Array([]))).toBe("");
  });

  it("starts again after end(): the next file's mark is read anew", () => {
    const decoder = new TextChunkDecoder();
    expect(decoder.push(encode("a", "utf-16be")) + decoder.end()).toBe("a");
    expect(decoder.push(encode("张", "utf-8")) + decoder.end()).toBe("张");
  });
});

describe("DecodedTextStream", () => {
  /** A pull over pieces that counts how many were asked for. */
  function source(pieces: Uint8Array[]) {
    let next = 0;
    const pull = async () => (next < pieces.length ? pieces[next++] : null);
    return { pull, pulled: () => next };
  }

  it("emits the text piece by piece, then end, and counts the bytes read", async () => {
    await fc.assert(
      fc.asyncProperty(
        textArb,
        fc.constantFrom(...WRITINGS),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (text, as, offsets) => {
          const bytes = encode(text, as);
          const stream = new DecodedTextStream(source(cut(bytes, offsets)).pull);
          const got: string[] = [];
          await new Promise<void>((resolve, reject) => {
            stream.on("data", (piece) => got.push(piece as string));
            stream.on("end", () => resolve());
            stream.on("error", reject);
          });
          expect(got.join("")).toBe(text);
          expect(got.every((piece) => piece !== "")).toBe(true);
          expect(stream.bytesRead).toBe(bytes.length);
        }
      ),
      { numRuns: 100 }
    );
  });

  it("pulls nothing while paused and stops for good when destroyed", async () => {
    const pieces = Array.from({ length: 10 }, (_, i) => encode(`line ${i}\n`, "utf-8"));
    const { pull, pulled } = source(pieces);
    const stream = new DecodedTextStream(pull);
    const got: string[] = [];
    stream.on("data", (piece) => {
      got.push(piece as string);
      if (got.length === 3) stream.pause();
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(got).toEqual(["line 0\n", "line 1\n", "line 2\n"]);
    expect(pulled()).toBe(3);
    stream.resume();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(got).toHaveLength(10);
    const other = source(pieces);
    const stopped = new DecodedTextStream(other.pull);
    let ended = false;
    stopped.on("data", () => stopped.destroy());
    stopped.on("end", () => (ended = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(other.pulled()).toBe(1);
    expect(ended).toBe(false);
  });

  it("gives Papa Parse the same records wherever the file is cut, CRLF pairs and characters kept whole", async () => {
    const text = 'customer,date,note\r\n张三,2024-01-05,"two\r\nlines"\r\n李四,2024-02-29,x\r\n';
    // Records: whether Papa Parse reads an empty line after the last break depends on its pieces.
    const records = (rows: string[][]) => rows.filter((r) => !(r.length === 1 && r[0] === ""));
    const whole = records(Papa.parse<string[]>(text).data);
    expect(whole).toHaveLength(3);
    for (const as of ["utf-8", "utf-16le"] as const) {
      const bytes = encode(text, as);
      for (let at = 0; at <= bytes.length; at++)
        for (const size of [1, 3, 7]) {
          const offsets = [at];
          for (let o = at + size; o < bytes.length; o += size) offsets.push(o);
          const stream = new DecodedTextStream(source(cut(bytes, offsets)).pull);
          const rows = await new Promise<string[][]>((resolve, reject) => {
            const out: string[][] = [];
            Papa.parse<string[]>(stream as unknown as Papa.LocalFile, {
              chunk: (results) => void out.push(...results.data),
              complete: () => resolve(out),
              error: reject,
            });
          });
          expect([as, at, size, records(rows)]).toEqual([as, at, size, whole]);
        }
    }
  });

  it("passes a read failure on as an error event", async () => {
    const stream = new DecodedTextStream(async () => {
      throw new Error("EACCES");
    });
    const error = await new Promise((resolve) => {
      stream.on("error", resolve);
      stream.on("data", () => undefined);
    });
    expect((error as Error).message).toBe("EACCES");
  });
});
