// Gob encoding: the primitives, which callers compose into fixed messages (netRpcMessages.ts).
import { GobError } from './gobTypes';

/** Bytes an unsigned integer takes on the wire: one below 128, else a count byte and the big-endian bytes. */
export function uintSize(v: number): number {
  if (v < 128) return 1;
  let n = 1;
  for (let x = v; x > 0; x = Math.floor(x / 256)) n++;
  return n;
}

/** Appends gob primitives to a growing buffer. */
export class GobWriter {
  private buf: Buffer;
  private len = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  /** An unsigned integer: one byte below 128, else the negated byte count then big-endian bytes. */
  uint(v: number): this {
    if (!Number.isSafeInteger(v) || v < 0) throw new GobError(`gob: cannot encode ${v} as an unsigned integer`);
    if (v < 128) {
      this.room(1);
      this.buf[this.len++] = v;
      return this;
    }
    const n = uintSize(v) - 1;
    this.room(n + 1);
    this.buf[this.len] = 256 - n;
    // Big-endian, written from the last byte back (division keeps values beyond 2^32 exact).
    for (let i = n, x = v; i > 0; i--, x = Math.floor(x / 256)) this.buf[this.len + i] = x % 256;
    this.len += n + 1;
    return this;
  }

  /** A signed integer: zig-zag folded into an unsigned one (bit 0 is the sign). */
  int(v: number): this {
    return this.uint(v < 0 ? -v * 2 - 1 : v * 2);
  }

  bytes(b: Buffer): this {
    this.uint(b.length);
    this.room(b.length);
    b.copy(this.buf, this.len);
    this.len += b.length;
    return this;
  }

  string(s: string): this {
    const n = Buffer.byteLength(s, 'utf8');
    this.uint(n);
    this.room(n);
    this.len += this.buf.write(s, this.len, 'utf8');
    return this;
  }

  raw(b: Buffer): this {
    this.room(b.length);
    b.copy(this.buf, this.len);
    this.len += b.length;
    return this;
  }

  get length(): number {
    return this.len;
  }

  /** Empties the writer, keeping its buffer (a scratch writer reused for every message). */
  reset(): this {
    this.len = 0;
    return this;
  }

  /** The bytes written so far (a view, valid until the next write). */
  view(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}
