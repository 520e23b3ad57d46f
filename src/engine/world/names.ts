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
  readonly length: number;
  private readonly prefixes: string[] = [];
  /** Per name: its prefix's code + 1, or 0 when it is kept as it is (in `others`). */
  private readonly code: Uint8Array;
  /** Per name: its number, or its index in `others`. */
  private readonly number: Int32Array;
  private readonly others: string[] = [];

  /** The names `nameOf(0)` … `nameOf(count − 1)`. */
  constructor(count: number, nameOf: (i: number) => string) {
    this.length = count;
    this.code = new Uint8Array(count);
    this.number = new Int32Array(count);
    const codeOf = new Map<string, number>();
    let lastPrefix = '';
    let lastCode = 0;
    for (let i = 0; i < count; i++) {
      const name = nameOf(i);
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
        if (lastCode > 0 && start === lastPrefix.length && name.startsWith(lastPrefix)) {
          code = lastCode;
        } else {
          const prefix = name.slice(0, start);
          code = codeOf.get(prefix) ?? 0;
          if (code === 0 && this.prefixes.length < MAX_PREFIXES) {
            this.prefixes.push(prefix);
            code = this.prefixes.length;
            codeOf.set(prefix, code);
          }
          if (code > 0) {
            lastPrefix = prefix;
            lastCode = code;
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
    }
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
