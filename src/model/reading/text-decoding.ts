/**
 * A user's file as text, one way for the pane and the command line: UTF-8, or UTF-16 (little-
 * or big-endian) when the file starts with that byte-order mark, as Excel's "Unicode text" does;
 * the mark itself is dropped (a UTF-8 one too). A file without a mark is UTF-8: UTF-16 cannot be
 * told from it without guessing. Read in pieces, a character whose bytes straddle two pieces is
 * decoded whole.
 */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be";

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
  private readonly listeners: Record<StreamEvent, Listener[]> = { data: [], end: [], error: [] };
  private paused = false;
  private flowing = false;
  private closed = false;
  /** Text held back for the next piece: a last \r, or all of a first line not yet ended. */
  private held = "";
  private started = false;

  constructor(private readonly pull: () => Promise<Uint8Array | null>) {}

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
        this.emitText(this.decoder.push(bytes), false);
      }
    } catch (error) {
      this.closed = true;
      this.emit("error", error);
    } finally {
      this.flowing = false;
    }
  }
}
