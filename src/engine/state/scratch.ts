/**
 * Zeroed work arrays lent for the length of one call and then reused. Explaining a day of a
 * 5,000,000-event run needs arrays of one entry per user (25 MB at a time); allocated afresh they
 * became garbage with every frame, and the large-object space they live in is collected only now
 * and then, so moving around a big run swelled the browser's memory by hundreds of MB
 * (`docs/benchmarks.md`). A lender is reentrant: a call that borrows while another holds an
 * array gets an array of its own.
 */
type Typed = Uint8Array | Int32Array;

const KEPT = 4;

function lender<T extends Typed>(make: (length: number) => T) {
  const free: T[] = [];
  return <R>(length: number, use: (array: T) => R): R => {
    const k = free.findIndex((a) => a.length >= length);
    const held = k >= 0 ? free.splice(k, 1)[0] : make(length);
    if (k >= 0) held.fill(0, 0, length);
    try {
      return use(held.subarray(0, length) as T);
    } finally {
      free.push(held);
      if (free.length > KEPT) free.sort((a, b) => b.length - a.length).pop();
    }
  };
}

/** Lends a zeroed `Uint8Array` of `length` to `use` (it must not keep it past the call). */
export const withBytes = lender((length) => new Uint8Array(length));

/** Lends a zeroed `Int32Array` of `length` to `use` (it must not keep it past the call). */
export const withInts = lender((length) => new Int32Array(length));
