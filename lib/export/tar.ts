/** A POSIX ustar archive, written entry by entry: each entry a 512-byte header, its bytes, and zero padding. */

const BLOCK = 512;

function put(header: Uint8Array, offset: number, length: number, text: string): void {
  const bytes = new TextEncoder().encode(text);
  header.set(bytes.subarray(0, length), offset);
}

const octal = (n: number, width: number) => n.toString(8).padStart(width - 1, "0");

/** The header of a regular file entry (`name` up to 100 bytes, ASCII path with `/` separators). */
export function tarHeader(name: string, size: number, mtimeMs: number): Uint8Array {
  if (new TextEncoder().encode(name).length > 100) throw new Error(`tar entry name too long: ${name}`);
  const h = new Uint8Array(BLOCK);
  put(h, 0, 100, name);
  put(h, 100, 8, octal(0o644, 8));
  put(h, 108, 8, octal(0, 8));
  put(h, 116, 8, octal(0, 8));
  put(h, 124, 12, octal(size, 12));
  put(h, 136, 12, octal(Math.floor(mtimeMs / 1000), 12));
  put(h, 148, 8, "        "); // checksum counted as spaces
  put(h, 156, 1, "0");
  put(h, 257, 6, "ustar");
  put(h, 263, 2, "00");
  let sum = 0;
  for (const b of h) sum += b;
  put(h, 148, 8, `${octal(sum, 7)}\0`);
  return h;
}

/** Zero bytes that complete an entry of `size` bytes to a whole block. */
export const tarPadding = (size: number) => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);

/** The end of an archive: two zero blocks. */
export const tarEnd = () => new Uint8Array(2 * BLOCK);
