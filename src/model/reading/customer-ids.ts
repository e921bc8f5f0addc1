/**
 * Customer ids coded as integers 0, 1, 2, … in order of first appearance, so every aggregation
 * works on typed arrays. The original id (number, or text) is kept once per customer.
 */

/** Int32 per slot: tag, low, high, code + 1. */
const SLOT = 4;
/** The tag of a 32-bit integer id (text ids are tagged with their length, 1 to 8). */
const INTEGER = 9;

export class CustomerIds {
  /**
   * An instance for the module's life. V8 drops a class's hidden class at a full garbage
   * collection once no instance is left, and with it the optimized code of its methods, so
   * without one every call over a million rows would start again from unoptimized code.
   */
  static readonly warm = new CustomerIds();
  /** Ids the short table below does not hold. */
  private readonly codes = new Map<string | number, number>();
  readonly labels: Array<string | number> = [];
  /**
   * The usual ids (text of 1 to 8 Latin-1 characters, 32-bit integers) packed into their slots'
   * own bits (length or INTEGER, first four characters, last four, code + 1; length 0 = empty),
   * open addressing at most half full: a look-up reads one slot and never the id's text, where a
   * Map reads its bucket, its entry and the stored string, each a cache miss on a million rows.
   */
  private slots = new Int32Array(SLOT * 1024);
  private used = 0;

  get count(): number {
    return this.labels.length;
  }

  code(key: string | number): number {
    if (typeof key === "string") {
      const n = key.length;
      if (n > 0 && n <= 8) {
        let lo = 0;
        let hi = 0;
        let wide = 0;
        for (let i = 0; i < n; i++) {
          const c = key.charCodeAt(i);
          wide |= c;
          if (i < 4) lo |= c << (i << 3);
          else hi |= c << ((i - 4) << 3);
        }
        if (wide < 256) return this.packed(n, lo, hi, key);
      }
    } else if ((key | 0) === key) return this.packed(INTEGER, key | 0, 0, key);
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.labels.length;
      this.codes.set(key, code);
      this.labels.push(key);
    }
    return code;
  }

  private packed(tag: number, lo: number, hi: number, key: string | number): number {
    const slots = this.slots;
    const mask = slots.length / SLOT - 1;
    for (let at = slotHash(tag, lo, hi) & mask; ; at = (at + 1) & mask) {
      const s = at * SLOT;
      const t = slots[s];
      if (t === tag && slots[s + 1] === lo && slots[s + 2] === hi) return slots[s + 3] - 1;
      if (t !== 0) continue;
      const code = this.labels.length;
      this.labels.push(key);
      slots[s] = tag;
      slots[s + 1] = lo;
      slots[s + 2] = hi;
      slots[s + 3] = code + 1;
      if (++this.used * 2 > mask) this.grow();
      return code;
    }
  }

  /** Twice the slots, every id placed again. */
  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / SLOT - 1;
    for (let o = 0; o < old.length; o += SLOT) {
      const tag = old[o];
      if (tag === 0) continue;
      let at = slotHash(tag, old[o + 1], old[o + 2]) & mask;
      while (slots[at * SLOT] !== 0) at = (at + 1) & mask;
      const s = at * SLOT;
      slots[s] = tag;
      slots[s + 1] = old[o + 1];
      slots[s + 2] = old[o + 2];
      slots[s + 3] = old[o + 3];
    }
    this.slots = slots;
  }
}

/** MurmurHash3's mixing of a slot's three words: every bit of the id moves the slot. */
function slotHash(tag: number, lo: number, hi: number): number {
  let h = Math.imul(hi ^ tag, 0xcc9e2d51);
  h = Math.imul((h << 15) | (h >>> 17), 0x1b873593) ^ lo;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
