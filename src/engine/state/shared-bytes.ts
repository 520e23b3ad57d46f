/**
 * One byte per record (or per user) that a state's copies share until one of them writes. The
 * bytes live in pages: a copy shares every page with its original, and the first write to a
 * shared page copies that page. A run keeps a copy of its state every so many steps, and a job
 * processes records in log order, so between two copies only the pages of the records processed
 * in between change: the copies of a 5,000,000-record run share almost everything instead of
 * holding 5 MB each (`docs/benchmarks.md`). Pages nobody wrote are one shared page of zeros.
 */
const SHIFT = 16;
const PAGE = 1 << SHIFT;
const MASK = PAGE - 1;

export class SharedBytes {
  /** The pages, each `PAGE` bytes (the last one too: indices past `length` stay unused). */
  private pages: Uint8Array[];
  /** 1 where this copy alone holds the page and may write it in place. */
  private owned: Uint8Array;

  constructor(readonly length: number) {
    const count = Math.ceil(length / PAGE);
    const zeros = new Uint8Array(count > 0 ? PAGE : 0);
    this.pages = new Array<Uint8Array>(count).fill(zeros);
    this.owned = new Uint8Array(count);
  }

  /** The byte at i (undefined outside [0, length), as a typed array reads). */
  get(i: number): number {
    return i >= 0 && i < this.length ? this.pages[i >>> SHIFT][i & MASK] : (undefined as never);
  }

  set(i: number, value: number): void {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`no byte ${i} of ${this.length}`);
    const p = i >>> SHIFT;
    if (this.owned[p] === 0) {
      this.pages[p] = this.pages[p].slice();
      this.owned[p] = 1;
    }
    this.pages[p][i & MASK] = value;
  }

  /** A copy sharing every page: from now on both copy a page before writing it. */
  clone(): SharedBytes {
    this.owned.fill(0);
    const c = Object.create(SharedBytes.prototype) as SharedBytes;
    Object.assign(c, {
      length: this.length,
      pages: this.pages.slice(),
      owned: new Uint8Array(this.owned.length),
    });
    return c;
  }

  /** The bytes as one plain array (tests). */
  toArray(): Uint8Array {
    const out = new Uint8Array(this.length);
    for (let p = 0; p < this.pages.length; p++) {
      out.set(this.pages[p].subarray(0, Math.min(PAGE, this.length - p * PAGE)), p * PAGE);
    }
    return out;
  }
}
