// A minimal ZIP writer for robustness tests: it writes what real tools would not (lying sizes, raw
// name bytes, entries sharing data, ZIP64 end records for 100,000 entries) without writing gigabytes.
import { deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string | Buffer;
  data?: Buffer;
  /** Deflate the data (default: store). */
  deflate?: boolean;
  /** Override the sizes written in the central directory (the data stays what it is). */
  declaredSize?: number;
  /** Unix mode for the external attributes. */
  mode?: number;
  /** Point this entry's central record at another entry's local header (overlapping ZIP bomb). */
  shareWith?: number;
}

/** CRC is left 0: the linter never checks it, and nothing here is extracted by another tool. */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const offsets: number[] = [];
  const compressed: number[] = [];
  let pos = 0;
  entries.forEach((e, i) => {
    const name = typeof e.name === 'string' ? Buffer.from(e.name) : e.name;
    const raw = e.data ?? Buffer.alloc(0);
    if (e.shareWith !== undefined) {
      offsets.push(offsets[e.shareWith]);
      compressed.push(compressed[e.shareWith]);
      return;
    }
    const body = e.deflate ? deflateRawSync(raw) : raw;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(e.deflate ? 8 : 0, 8);
    h.writeUInt32LE(body.length, 18);
    h.writeUInt32LE(Math.min(e.declaredSize ?? raw.length, 0xffffffff), 22);
    h.writeUInt16LE(name.length, 26);
    offsets.push(pos);
    compressed.push(body.length);
    locals.push(h, name, body);
    pos += 30 + name.length + body.length;
    void i;
  });
  const central: Buffer[] = [];
  let dirSize = 0;
  entries.forEach((e, i) => {
    const name = typeof e.name === 'string' ? Buffer.from(e.name) : e.name;
    const raw = e.data ?? Buffer.alloc(0);
    const source = e.shareWith !== undefined ? entries[e.shareWith] : e;
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE((3 << 8) | 20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(source.deflate ? 8 : 0, 10);
    c.writeUInt32LE(compressed[i], 20);
    c.writeUInt32LE(Math.min(e.declaredSize ?? (source.data ?? raw).length, 0xffffffff), 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE((((e.mode ?? 0o100644) << 16) >>> 0), 38);
    c.writeUInt32LE(offsets[i], 42);
    central.push(c, name);
    dirSize += 46 + name.length;
  });
  const end: Buffer[] = [];
  if (entries.length > 0xfffe) {
    const z = Buffer.alloc(56);
    z.writeUInt32LE(0x06064b50, 0);
    z.writeBigUInt64LE(44n, 4);
    z.writeUInt16LE(45, 12);
    z.writeUInt16LE(45, 14);
    z.writeBigUInt64LE(BigInt(entries.length), 24);
    z.writeBigUInt64LE(BigInt(entries.length), 32);
    z.writeBigUInt64LE(BigInt(dirSize), 40);
    z.writeBigUInt64LE(BigInt(pos), 48);
    const l = Buffer.alloc(20);
    l.writeUInt32LE(0x07064b50, 0);
    l.writeBigUInt64LE(BigInt(pos + dirSize), 8);
    l.writeUInt32LE(1, 16);
    end.push(z, l);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  eocd.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  eocd.writeUInt32LE(dirSize, 12);
  eocd.writeUInt32LE(entries.length > 0xfffe ? 0xffffffff : pos, 16);
  end.push(eocd);
  return Buffer.concat([...locals, ...central, ...end]);
}
