/**
 * A list of names (event ids, users) held compactly. Generated names follow a pattern (`g17`,
 * `user-42`): a name that is a prefix followed by a decimal number without leading zeros is kept
 * as the prefix's code and the number (5 bytes instead of a string of 20–30), and written out
 * again when asked. Any other name is kept as it is. `get(i)` always returns the name given, to
 * the character: a big run's millions of ids and users cost tens of megabytes, not hundreds.
 */

/** Prefix codes fit a byte; code 0 marks a name kept as it is. */
const MAX_PREFIXES = 255;
/** Up to nine digits: every such number fits an Int32 and prints back the same. */
const MAX_DIGITS = 9;

export class NameList {
  /** Names held (`push` adds one). */
  length = 0;
  private readonly prefixes: string[] = [];
  private readonly codeOf = new Map<string, number>();
  private lastPrefix = '';
  private lastCode = 0;
  /** Per name: its prefix's code + 1, or 0 when it is kept as it is (in `others`). */
  private code: Uint8Array;
  /** Per name: its number, or its index in `others`. */
  private number: Int32Array;
  private readonly others: string[] = [];

  /** Room for `capacity` names (it grows when more are pushed). */
  constructor(capacity = 16) {
    this.code = new Uint8Array(Math.max(1, capacity));
    this.number = new Int32Array(Math.max(1, capacity));
  }

  /** The names `nameOf(0)` … `nameOf(count − 1)`. */
  static of(count: number, nameOf: (i: number) => string): NameList {
    const list = new NameList(count);
    for (let i = 0; i < count; i++) list.push(nameOf(i));
    return list;
  }

  /** Adds a name at the end; returns its index. */
  push(name: string): number {
    const i = this.length++;
    if (i === this.code.length) {
      const code = new Uint8Array(2 * i);
      code.set(this.code);
      const number = new Int32Array(2 * i);
      number.set(this.number);
      this.code = code;
      this.number = number;
    }
    // The trailing digits, and their value.
    let start = name.length;
    while (start > 0 && name.length - start < MAX_DIGITS) {
      const c = name.charCodeAt(start - 1);
      if (c < 48 || c > 57) break;
      start--;
    }
    const digits = name.length - start;
    const canonical =
      digits > 0 &&
      (digits === 1 || name.charCodeAt(start) !== 48) &&
      (start === 0 || !isDigit(name.charCodeAt(start - 1)));
    let code = 0;
    if (canonical) {
      if (
        this.lastCode > 0 &&
        start === this.lastPrefix.length &&
        name.startsWith(this.lastPrefix)
      ) {
        code = this.lastCode;
      } else {
        const prefix = name.slice(0, start);
        code = this.codeOf.get(prefix) ?? 0;
        if (code === 0 && this.prefixes.length < MAX_PREFIXES) {
          this.prefixes.push(prefix);
          code = this.prefixes.length;
          this.codeOf.set(prefix, code);
        }
        if (code > 0) {
          this.lastPrefix = prefix;
          this.lastCode = code;
        }
      }
    }
    if (code > 0) {
      let n = 0;
      for (let k = start; k < name.length; k++) n = n * 10 + name.charCodeAt(k) - 48;
      this.code[i] = code;
      this.number[i] = n;
    } else {
      this.number[i] = this.others.length;
      this.others.push(name);
    }
    return i;
  }

  /** Lets go of the room not used (after the last `push`). */
  trim(): void {
    if (this.code.length === this.length) return;
    this.code = this.code.slice(0, this.length);
    this.number = this.number.slice(0, this.length);
  }

  get(i: number): string {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`no name ${i}`);
    const code = this.code[i];
    return code === 0 ? this.others[this.number[i]] : this.prefixes[code - 1] + this.number[i];
  }

  toArray(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }

  /** What the list holds, in bytes (strings at two bytes a character). */
  get bytes(): number {
    let chars = 0;
    for (const s of this.others) chars += s.length;
    for (const s of this.prefixes) chars += s.length;
    return this.code.byteLength + this.number.byteLength + 2 * chars;
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
