/**
 * Stable ordering of a million records by a key (arrival or event time, in ms), by two means.
 *
 * `nearlySortedOrder`: keys that are almost in order (a log's arrivals: each event's time plus a
 * network delay of a few seconds, a few late ones hours behind) are insertion-sorted from the
 * right, each moving past at most `WINDOW` smaller keys; a key that would move farther (a late
 * arrival) is set aside, the few set aside are ordered on their own, and the two runs are merged.
 * One pass, two arrays, instead of the radix sort's three passes over six.
 *
 * `stableOrder`:
 * an LSD radix sort over 12-bit digits of (key − min), which is stable, so ties keep input
 * order; several times faster than a comparator sort at this size. Falls back to a comparator
 * sort for keys that are not integers or span 2^48 ms or more. Keys already in order (generated
 * events by time) keep the identity order without sorting.
 */
const WINDOW = 64;

/**
 * The stable order of `keys` (ties keep index order) and the keys in that order; falls back to
 * `stableOrder` when more than an eighth of the keys are far from their place.
 */
export function nearlySortedOrder(keys: Float64Array): { order: Int32Array; sorted: Float64Array } {
  const n = keys.length;
  // The sorted run grows leftwards from the end: [start, n), ordered by (key, index).
  const sorted = new Float64Array(n);
  const order = new Int32Array(n);
  const aside: number[] = [];
  let start = n;
  for (let i = n - 1; i >= 0; i--) {
    const k = keys[i];
    if (n - start >= WINDOW && sorted[start + WINDOW - 1] < k) {
      aside.push(i);
      if (aside.length > n >>> 3) return fallback(keys);
      continue;
    }
    // i is below every index in the run, so it goes before equal keys: stability.
    let p = --start;
    while (p + 1 < n && sorted[p + 1] < k) {
      sorted[p] = sorted[p + 1];
      order[p] = order[p + 1];
      p++;
    }
    sorted[p] = k;
    order[p] = i;
  }
  const m = aside.length;
  if (m === 0) return { order, sorted };
  // The keys set aside (`aside` holds them by decreasing index), in their own stable order.
  const asideKeys = new Float64Array(m);
  const asideIndex = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    asideIndex[j] = aside[m - 1 - j];
    asideKeys[j] = keys[asideIndex[j]];
  }
  const asideOrder = stableOrder(asideKeys);
  // Merge into the front of the same arrays: the write position never passes the read one.
  let a = m;
  let b = 0;
  for (let w = 0; w < n; w++) {
    const c = b < m ? asideOrder[b] : -1;
    if (
      c < 0 ||
      (a < n &&
        (sorted[a] < asideKeys[c] || (sorted[a] === asideKeys[c] && order[a] < asideIndex[c])))
    ) {
      sorted[w] = sorted[a];
      order[w] = order[a++];
    } else {
      sorted[w] = asideKeys[c];
      order[w] = asideIndex[c];
      b++;
    }
  }
  return { order, sorted };
}

function fallback(keys: Float64Array): { order: Int32Array; sorted: Float64Array } {
  const order = stableOrder(keys);
  const sorted = new Float64Array(keys.length);
  for (let g = 0; g < keys.length; g++) sorted[g] = keys[order[g]];
  return { order, sorted };
}

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
