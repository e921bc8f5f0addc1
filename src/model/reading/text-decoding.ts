/**
 * A user's file as text, one way for the pane and the command line: UTF-8, or UTF-16 (little-
 * or big-endian) when the file starts with that byte-order mark, as Excel's "Unicode text" does;
 * the mark itself is dropped (a UTF-8 one too). A file without a mark is UTF-8: UTF-16 cannot be
 * told from it without guessing. Read in pieces, a character whose bytes straddle two pieces is
 * decoded whole.
 */
import { CellError } from "../errors";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be";

/**
 * The longest field a CSV file may hold, in characters (1 MiB of ASCII): far beyond any id, date
 * or amount, short enough that a quote left open cannot make the reader hold the rest of a
 * large file.
 */
export const MAX_FIELD_CHARS = 1 << 20;

/** The longest byte-order mark (UTF-8's): how many first bytes tell the encoding. */
const LONGEST_MARK = 3;

/** The encoding a file's first bytes announce, and the length of the mark (0: none, UTF-8). */
export function byteOrderMark(bytes: Uint8Array): { encoding: TextEncoding; length: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return { encoding: "utf-8", length: 0 };
}

/** A whole file's text. */
export function decodeText(bytes: Uint8Array): string {
  const decoder = new TextChunkDecoder();
  return decoder.push(bytes) + decoder.end();
}

/**
 * A file's text piece by piece: push each piece of bytes as it is read, then end(). Bytes that
 * end inside a character wait for the next piece; the first bytes wait until the mark is known.
 */
export class TextChunkDecoder {
  private decoder: TextDecoder | null = null;
  private head: Uint8Array | null = null;

  push(bytes: Uint8Array): string {
    if (this.decoder) return this.decoder.decode(bytes, { stream: true });
    const head = this.head ? concat(this.head, bytes) : bytes;
    if (head.length < LONGEST_MARK) {
      this.head = head.slice(); // the caller may reuse its buffer
      return "";
    }
    this.head = null;
    return this.start(head, true);
  }

  /** The text still held (an incomplete last character reads as U+FFFD); the next push starts a new file. */
  end(): string {
    const text = this.decoder
      ? this.decoder.decode()
      : this.start(this.head ?? new Uint8Array(0), false);
    this.decoder = null;
    this.head = null;
    return text;
  }

  private start(head: Uint8Array, stream: boolean): string {
    const mark = byteOrderMark(head);
    // The mark is cut here, so a U+FEFF that follows it is text and kept.
    this.decoder = new TextDecoder(mark.encoding, { ignoreBOM: true });
    return this.decoder.decode(head.subarray(mark.length), { stream });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** The separators Papa Parse guesses among (comma, tab, semicolon, pipe). */
const isSeparator = (c: number) => c === 44 || c === 9 || c === 59 || c === 124;

/**
 * Cuts a CSV text, piece by piece, into pieces that each end at the end of a record (a line break
 * outside quotes), so the parser never reads a record twice: Papa Parse parses an unfinished
 * record again from its start with every next piece, which made one 64 MiB field cost 32 s.
 * One pass over the characters, so the cost is linear in the text; and a field longer than
 * MAX_FIELD_CHARS is refused by its line and column.
 */
export class RecordCutter {
  private readonly waiting: string[] = [];
  private inQuotes = false;
  /** The quoted field runs over a line break: a quote left open, when it grows too long. */
  private quotedLines = false;
  /** A quote met inside quotes: an escaped quote if the next character is one too. */
  private quoteSeen = false;
  private atFieldStart = true;
  private fieldLength = 0;
  private column = 0;
  /** The file's line at the scan's position, and the line the current record starts on. */
  private line = 1;
  private recordLine = 1;
  /** Characters read so far: the work done, for tests of linearity. */
  charsScanned = 0;
  /** The file's separator, guessed from its first record (the most frequent candidate); 0 before. */
  private separator = 0;
  private readonly firstRecordCounts = new Map<number, number>();

  constructor(private readonly maxField = MAX_FIELD_CHARS) {}

  /** The text up to the last record end seen so far ("" when none yet); the rest waits. */
  push(text: string): string {
    const cut = this.scan(text);
    if (cut < 0) {
      if (text !== "") this.waiting.push(text);
      return "";
    }
    this.waiting.push(text.slice(0, cut));
    const out = this.waiting.join("");
    this.waiting.length = 0;
    if (cut < text.length) this.waiting.push(text.slice(cut));
    return out;
  }

  /** Everything still waiting (the last record, without a line break after it). */
  end(): string {
    const out = this.waiting.join("");
    this.waiting.length = 0;
    return out;
  }

  /** Scans text on from the state left by the previous piece; the index after its last record end, or −1. */
  private scan(text: string): number {
    let cut = -1;
    const n = text.length;
    this.charsScanned += n;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c !== QUOTE)
            this.inQuotes = false; // the quote closed the field: c is outside
          else {
            this.grow(2);
            continue;
          }
        } else {
          if (c === QUOTE) this.quoteSeen = true;
          else {
            if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
              this.line++;
              this.quotedLines = true;
            }
            this.grow(1);
          }
          continue;
        }
      }
      if (c === LF || c === CR) {
        if (c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF) continue; // \r\n: ends at the \n
        this.line++;
        this.recordLine = this.line;
        if (this.separator === 0) this.separator = this.guessedSeparator();
        this.column = 0;
        this.fieldLength = 0;
        this.atFieldStart = true;
        cut = i + 1;
      } else if (this.separator === 0 ? isSeparator(c) : c === this.separator) {
        if (this.separator === 0)
          this.firstRecordCounts.set(c, (this.firstRecordCounts.get(c) ?? 0) + 1);
        this.column++;
        this.fieldLength = 0;
        this.atFieldStart = true;
      } else if (c === QUOTE && this.atFieldStart) {
        this.inQuotes = true;
        this.quotedLines = false;
        this.atFieldStart = false;
      } else {
        this.atFieldStart = false;
        this.grow(1);
      }
    }
    return cut;
  }

  private guessedSeparator(): number {
    let best = 44;
    let most = 0;
    for (const [c, count] of this.firstRecordCounts) if (count > most) [best, most] = [c, count];
    return best;
  }

  private grow(chars: number): void {
    this.fieldLength += chars;
    if (this.fieldLength > this.maxField)
      throw new CellError(
        "field",
        this.recordLine,
        `a field longer than ${this.maxField.toLocaleString("en-US")} characters${
          this.inQuotes && this.quotedLines ? " (is a quote left open?)" : ""
        }`,
        this.column
      );
  }
}

type StreamEvent = "data" | "end" | "error";
type Listener = (value?: unknown) => void;

/**
 * A file's decoded text as a readable stream, pulling one piece of bytes at a time: the part of
 * Node's stream interface a CSV parser (Papa Parse) reads (on, removeListener, pause, resume), in
 * a browser worker as in Node. `pull` gives the next piece, or null at the end of the file.
 * Papa Parse tells \n from \r\n line breaks by the first piece, and reads a lone \n starting a
 * file's last piece as one more row: so the first piece holds a whole line, and no piece ends
 * between the \r and the \n of a break.
 */
export class DecodedTextStream {
  readonly readable = true;
  /** Bytes pulled so far: how far into the file the parser is. */
  bytesRead = 0;
  private readonly decoder = new TextChunkDecoder();
  /** Pieces end at records' ends, so the parser reads each record once. */
  readonly cutter = new RecordCutter();
  private readonly listeners: Record<StreamEvent, Listener[]> = { data: [], end: [], error: [] };
  private paused = false;
  private flowing = false;
  private closed = false;
  /** Text held back for the next piece: a last \r, or all of a first line not yet ended. */
  private held = "";
  private started = false;

  /** `pull` gives bytes to decode, or text already decoded (the pane's whole-file text). */
  constructor(private readonly pull: () => Promise<Uint8Array | string | null>) {}

  /** Pieces come as "data" events only. */
  read(): null {
    return null;
  }

  on(event: StreamEvent, listener: Listener): this {
    this.listeners[event].push(listener);
    if (event === "data") void this.flow();
    return this;
  }

  removeListener(event: StreamEvent, listener: Listener): this {
    this.listeners[event] = this.listeners[event].filter((l) => l !== listener);
    return this;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    void this.flow();
  }

  /** Stops pulling: the parser has the rows it wanted, or failed. */
  destroy(): void {
    this.closed = true;
  }

  private emit(event: StreamEvent, value?: unknown): void {
    for (const listener of this.listeners[event].slice()) listener(value);
  }

  private emitText(text: string, last: boolean): void {
    text = this.held + text;
    this.held = "";
    if (!last) {
      const end = text.endsWith("\r") ? text.length - 1 : text.length;
      if (!this.started && !/[\r\n]/.test(text.slice(0, end))) {
        this.held = text;
        return;
      }
      this.held = text.slice(end);
      text = text.slice(0, end);
    }
    text = last ? this.cutter.push(text) + this.cutter.end() : this.cutter.push(text);
    if (text === "") return;
    this.started = true;
    this.emit("data", text);
  }

  private async flow(): Promise<void> {
    if (this.flowing) return;
    this.flowing = true;
    try {
      while (!this.paused && !this.closed) {
        const bytes = await this.pull();
        if (this.closed) return;
        if (bytes === null) {
          this.closed = true;
          this.emitText(this.decoder.end(), true);
          this.emit("end");
          return;
        }
        this.bytesRead += bytes.length;
        this.emitText(typeof bytes === "string" ? bytes : this.decoder.push(bytes), false);
      }
    } catch (error) {
      this.closed = true;
      this.emit("error", error);
    } finally {
      this.flowing = false;
    }
  }
}
