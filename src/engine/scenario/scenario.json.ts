/**
 * Where and why a text is not valid JSON. `JSON.parse` says it differently in every engine, and
 * Node 20's V8 often gives no position at all (`Unexpected token '}', "…" is not valid JSON`), so
 * after `JSON.parse` fails this small scanner of the JSON grammar (RFC 8259) finds the first
 * error itself: the same message in the CLI and in every browser.
 */

export interface JsonSyntaxError {
  /** 1-based line and column of the offending character. */
  line: number;
  column: number;
  /** `expected …, got …`. */
  message: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** The first syntax error of `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const got = (): string => (i < text.length ? JSON.stringify(text[i]) : 'the end of the text');
  const fail = (what: string): never => {
    throw new Stop(i, `expected ${what}, got ${got()}`);
  };
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expectChar = (c: string, what: string) => {
    if (text[i] !== c) fail(what);
    i++;
  };

  const string = () => {
    expectChar('"', 'a double-quoted string');
    for (;;) {
      if (i >= text.length) fail("a closing '\"'");
      const c = text[i];
      if (c === '"') return void i++;
      if (c === '\\') {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) fail('an escape such as \\n, \\" or \\u00e9');
        i = ESCAPE.lastIndex;
      } else if (c.charCodeAt(0) < 0x20) {
        fail('no raw control character (write \\n or \\t) inside a string');
      } else i++;
    }
  };

  const value = (): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) return void (i += literal.length);
    }
    NUMBER.lastIndex = i;
    if (c !== undefined && /[-\d]/.test(c) && NUMBER.test(text)) return void (i = NUMBER.lastIndex);
    fail('a JSON value');
  };

  const object = () => {
    i++;
    skipSpace();
    if (text[i] === '}') return void i++;
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail('a double-quoted property name');
      string();
      skipSpace();
      expectChar(':', '":" after a property name');
      value();
      skipSpace();
      if (text[i] === '}') return void i++;
      expectChar(',', '"," or "}" after a property value');
    }
  };

  const array = () => {
    i++;
    skipSpace();
    if (text[i] === ']') return void i++;
    for (;;) {
      value();
      skipSpace();
      if (text[i] === ']') return void i++;
      expectChar(',', '"," or "]" after an array element');
    }
  };

  try {
    value();
    skipSpace();
    if (i < text.length) fail('the end of the text after the JSON value');
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    const column = error.offset - (before.lastIndexOf('\n') + 1) + 1;
    return { line, column, message: error.message };
  }
}
