/**
 * Stable ordering of a million records by an integer key (arrival or event time, in ms):
 * an LSD radix sort over 12-bit digits of (key − min), which is stable, so ties keep input
 * order; several times faster than a comparator sort at this size. Falls back to a comparator
 * sort for keys that are not integers or span 2^48 ms or more. Keys already in order (generated
 * events by time) keep the identity order without sorting.
 */
const BITS = 12;
const MASK = (1 << BITS) - 1;

export function stableOrder(keys: Float64Array): Int32Array {
  const n = keys.length;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  let sorted = true;
  let previous = -Infinity;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k < min) min = k;
    if (k > max) max = k;
    if (k < previous) sorted = false;
    previous = k;
    if (integral && !Number.isInteger(k)) integral = false;
  }
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2 || min === max || sorted) return order;
  if (!integral || max - min >= 2 ** 48) {
    const a = Array.from(order);
    a.sort((x, y) => keys[x] - keys[y] || x - y);
    return Int32Array.from(a);
  }
  // Keys as two 24-bit halves, carried along with the order so every pass reads sequentially.
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const rel = keys[i] - min;
    hi[i] = Math.floor(rel / 16_777_216);
    lo[i] = rel - hi[i] * 16_777_216;
  }
  let order2 = new Int32Array(n);
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  const counts = new Uint32Array(MASK + 2);
  const span = max - min;
  for (let pass = 0; pass < 4 && 2 ** (pass * BITS) <= span; pass++) {
    const src = pass < 2 ? lo : hi;
    const shift = (pass % 2) * BITS;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((src[i] >>> shift) & MASK) + 1]++;
    for (let d = 0; d <= MASK; d++) counts[d + 1] += counts[d];
    for (let i = 0; i < n; i++) {
      const at = counts[(src[i] >>> shift) & MASK]++;
      order2[at] = order[i];
      lo2[at] = lo[i];
      hi2[at] = hi[i];
    }
    [order, order2] = [order2, order];
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
  }
  return order;
}
