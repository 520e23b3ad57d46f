/**
 * Bytes ↔ link-safe text: JSON compressed with the browser's own `CompressionStream` (zlib
 * "deflate", whose Adler-32 checksum makes a truncated or hand-edited payload fail to
 * decompress instead of decoding to something else), written as base64url. No library: every
 * browser the app supports and Node 20 ship both streams.
 */

async function pipe(bytes: Uint8Array, stream: GenericTransformStream): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  void writer.close().catch(() => {});
  const chunks: Uint8Array[] = [];
  const reader = (stream.readable as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Throws a SyntaxError naming the first character that is not base64url. */
export function fromBase64Url(text: string): Uint8Array {
  const bad = /[^A-Za-z0-9_-]/.exec(text);
  if (bad) throw new SyntaxError(`"${bad[0]}" at character ${bad.index + 1} is not allowed`);
  if (text.length % 4 === 1) throw new SyntaxError('its length is impossible (cut short?)');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(padded + '='.repeat((4 - (padded.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** JSON value → compressed base64url. */
export async function packJson(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return toBase64Url(await pipe(bytes, new CompressionStream('deflate')));
}

/** Compressed base64url → JSON value; throws with a short reason when it cannot be read. */
export async function unpackJson(text: string): Promise<unknown> {
  const bytes = fromBase64Url(text);
  let raw: Uint8Array;
  try {
    raw = await pipe(bytes, new DecompressionStream('deflate'));
  } catch {
    throw new SyntaxError('it does not decompress (cut short or changed by hand?)');
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new SyntaxError('it decompresses to something that is not JSON');
  }
}
