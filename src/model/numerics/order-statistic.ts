/**
 * The k-th smallest of an array in expected linear time (Hoare's selection, in place): two
 * quantiles of a few thousand draws without sorting them all, which a typed array's sort makes
 * several times slower.
 */

/** Rearranges `values` so values[k] is its k-th smallest (0-based), and returns it. */
export function selectInPlace(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    // The median of three as pivot keeps sorted or constant runs from going quadratic.
    const middle = (left + right) >>> 1;
    const a = values[left];
    const b = values[middle];
    const c = values[right];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k];
  }
  return values[k];
}
