/**
 * Orders for the Cox fit and the concordance without a comparator sort (a JavaScript comparator
 * costs a call per comparison; 100,000 customers take ~1.7 million): the distinct values come
 * from a native numeric sort, each value's rank from a binary search among them, and the order
 * from a counting sort by rank, stable within equal values.
 */

/** The distinct values, ascending, and each value's 0-based rank among them. */
export function distinctRanks(values: Float64Array): { distinct: Float64Array; rank: Int32Array } {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (k === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i];
  const distinct = sorted.slice(0, k);
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
  }
  return { distinct, rank };
}

/** The customers' indices, latest time first (equal times in input order). */
export function latestFirst(time: Float64Array): Int32Array {
  const n = time.length;
  const { distinct, rank } = distinctRanks(time);
  const k = distinct.length;
  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) start[k - rank[i]]++;
  for (let r = 1; r <= k; r++) start[r] += start[r - 1];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[start[k - 1 - rank[i]]++] = i;
  return order;
}
