// A ZIP seen from its central directory: names, sizes, Unix modes (external attributes), read with
// a few bounded reads at the end of the file. Not adm-zip here: it reads a whole archive into memory
// (a 300 MB package or a ZIP bomb must not cost its size) and is slow on large directories (see
// parseDirectory). Entry contents are read on demand, bounded, straight from the file. Nothing is
// ever extracted here.
import { t } from '../l10n';
import { promises as fs } from 'node:fs';
import * as zlib from 'node:zlib';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, type PackageEntry, type PackageView, type ViewProblem } from './packageView';

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

export interface ZipViewOptions {
  /** Largest central directory we read (100,000 entries take about 6 MB). */
  maxDirectoryBytes?: number;
}

/** "Made by" host systems whose external attributes carry a Unix mode in the high 16 bits. */
const UNIX_HOSTS = new Set([3 /* Unix */, 19 /* OS X */]);

export class ZipView implements PackageView {
  readonly kind = 'zip' as const;
  readonly problems: ViewProblem[] = [];
  private readonly map = new Map<string, PackageEntry>();
  private list: PackageEntry[] = [];
  private total = 0;
  /** End of the entries' data: where the central directory starts. */
  private dataEnd = 0;
  archiveSize = 0;

  private constructor(readonly location: string) {}

  static async open(zipPath: string, options: ZipViewOptions = {}): Promise<ZipView> {
    const view = new ZipView(zipPath);
    const handle = await fs.open(zipPath, 'r');
    try {
      await view.load(handle, options.maxDirectoryBytes ?? 64 * 1024 * 1024);
    } finally {
      await handle.close();
    }
    return view;
  }

  entries(): readonly PackageEntry[] {
    return this.list;
  }

  get(rel: string): PackageEntry | undefined {
    return this.map.get(rel);
  }

  totalSize(): number {
    return this.total;
  }

  fileOf(): string {
    return this.location;
  }

  private invalid(message: string, entry?: string): void {
    this.problems.push({ rule: 'zip-invalid', message, entry });
  }

  private async load(handle: fs.FileHandle, maxDirectoryBytes: number): Promise<void> {
    const size = (await handle.stat()).size;
    this.archiveSize = size;
    if (size < EOCD_SIZE) {
      this.invalid(size === 0 ? 'empty' : 'too-small');
      return;
    }
    const tailLen = Math.min(size, EOCD_SIZE + MAX_COMMENT);
    const tail = await readAt(handle, size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      this.invalid('no-eocd');
      return;
    }
    const eocdPos = size - tailLen + eocd;
    let count = tail.readUInt16LE(eocd + 10);
    let dirSize = tail.readUInt32LE(eocd + 12);
    let dirOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      const z64 = await this.readZip64(handle, eocdPos);
      if (z64) ({ count, dirSize, dirOffset } = z64);
    }
    if (dirOffset + dirSize > eocdPos) {
      this.invalid('truncated');
      return;
    }
    if (dirSize > maxDirectoryBytes) {
      this.invalid('directory-too-large');
      return;
    }
    this.dataEnd = dirOffset;
    const directory = await readAt(handle, dirOffset, dirSize);
    this.parseDirectory(directory, count);
  }

  private async readZip64(handle: fs.FileHandle, eocdPos: number) {
    if (eocdPos < 20) return undefined;
    const locator = await readAt(handle, eocdPos - 20, 20);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIG) return undefined;
    const recordPos = Number(locator.readBigUInt64LE(8));
    if (recordPos + 56 > eocdPos) return undefined;
    const record = await readAt(handle, recordPos, 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD_SIG) return undefined;
    return {
      count: Number(record.readBigUInt64LE(32)),
      dirSize: Number(record.readBigUInt64LE(40)),
      dirOffset: Number(record.readBigUInt64LE(48)),
    };
  }

  /**
   * Reads the central directory records. Hand-written on purpose: adm-zip builds a closure-heavy
   * object per entry, and measured 7-12 s and hundreds of MB for 100,000 entries, where this loop
   * takes well under a second (bounded time and memory, and faster than `unzip -l`: see bench/).
   * adm-zip still writes our packages. Layout: APPNOTE.TXT 4.3.12 and 4.5.3 (ZIP64 extra field).
   */
  private parseDirectory(directory: Buffer, count: number): void {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    let pos = 0;
    for (let i = 0; i < count; i++) {
      if (pos + 46 > directory.length || directory.readUInt32LE(pos) !== CENTRAL_SIG) {
        this.invalid(`directory:${t('central directory record {0} of {1} is damaged', i + 1, count)}`);
        break;
      }
      const made = directory.readUInt16LE(pos + 4);
      let compressedSize = directory.readUInt32LE(pos + 20);
      let size = directory.readUInt32LE(pos + 24);
      const nameLen = directory.readUInt16LE(pos + 28);
      const extraLen = directory.readUInt16LE(pos + 30);
      const commentLen = directory.readUInt16LE(pos + 32);
      const attr = directory.readUInt32LE(pos + 38);
      let offset = directory.readUInt32LE(pos + 42);
      const raw = directory.subarray(pos + 46, pos + 46 + nameLen);
      // ZIP64: the fields that overflowed, in this order, inside extra field 0x0001.
      let x = pos + 46 + nameLen;
      const extraEnd = Math.min(x + extraLen, directory.length);
      while (x + 4 <= extraEnd) {
        const id = directory.readUInt16LE(x);
        const len = directory.readUInt16LE(x + 2);
        if (id === 0x0001) {
          let f = x + 4;
          const read64 = () => { const v = f + 8 <= x + 4 + len ? Number(directory.readBigUInt64LE(f)) : undefined; f += 8; return v; };
          if (size === 0xffffffff) size = read64() ?? size;
          if (compressedSize === 0xffffffff) compressedSize = read64() ?? compressedSize;
          if (offset === 0xffffffff) offset = read64() ?? offset;
          break;
        }
        x += 4 + len;
      }
      pos += 46 + nameLen + extraLen + commentLen;
      const h = { made, attr, size, compressedSize, offset };
      let rawName: string;
      let nameNotUtf8 = false;
      try {
        rawName = utf8.decode(raw);
      } catch {
        // Not UTF-8: Info-ZIP on Linux keeps the bytes; show them as Latin-1 so the name is readable.
        rawName = raw.toString('latin1');
        nameNotUtf8 = true;
      }
      const host = h.made >>> 8;
      const unixMode = UNIX_HOSTS.has(host) ? h.attr >>> 16 : 0;
      const isDirName = rawName.endsWith('/') || rawName.endsWith('\\');
      const dosDir = (h.attr & 0x10) !== 0;
      let kind: PackageEntry['kind'];
      if (unixMode) {
        const type = unixMode & S_IFMT;
        kind = type === S_IFLNK ? 'symlink' : type === S_IFDIR || isDirName ? 'dir' : type === S_IFREG || type === 0 ? 'file' : 'other';
      } else {
        kind = isDirName || dosDir ? 'dir' : 'file';
      }
      const entry: PackageEntry = {
        path: normalizeEntryName(rawName),
        kind,
        size: h.size,
        compressedSize: h.compressedSize,
        offset: h.offset,
        mode: unixMode || undefined,
        rawName,
        nameNotUtf8,
      };
      this.list.push(entry);
      if (!this.map.has(entry.path)) this.map.set(entry.path, entry);
      this.total += entry.size;
    }
    this.addImplicitFolders();
    this.checkOverlaps();
  }

  /** Many ZIPs store no entries for folders; `get('node_modules/x')` should still find the folder. */
  private addImplicitFolders(): void {
    for (const e of this.list) {
      for (let i = e.path.indexOf('/'); i > 0; i = e.path.indexOf('/', i + 1)) {
        const dir = e.path.slice(0, i);
        if (!this.map.has(dir)) this.map.set(dir, { path: dir, kind: 'dir', size: 0 });
      }
    }
  }

  /** Entries whose data overlap (several names over the same bytes) are the classic ZIP bomb trick. */
  private checkOverlaps(): void {
    const files = this.list.filter((e) => e.offset !== undefined).sort((a, b) => a.offset! - b.offset!);
    for (let i = 0; i < files.length; i++) {
      const e = files[i];
      const end = e.offset! + 30 + (e.compressedSize ?? 0);
      if (end > this.dataEnd) {
        this.invalid('entry-truncated', e.path);
        continue;
      }
      const next = files[i + 1];
      if (next && next.offset! < end) {
        this.problems.push({ rule: 'zip-bomb', message: 'overlap', entry: next.path });
        return;
      }
    }
  }

  async read(rel: string, maxBytes: number): Promise<Buffer | undefined> {
    const entry = this.map.get(rel);
    if (!entry || entry.kind !== 'file' || entry.offset === undefined) return undefined;
    const handle = await fs.open(this.location, 'r');
    try {
      const start = await this.dataStart(handle, entry);
      if (start === undefined) return undefined;
      const compressed = Math.min(entry.compressedSize ?? 0, this.dataEnd - start);
      const method = await this.method(handle, entry);
      if (method === 0) return await readAt(handle, start, Math.min(compressed, maxBytes));
      if (method !== 8) return undefined;
      return await inflateHead(handle, start, compressed, maxBytes);
    } catch {
      return undefined;
    } finally {
      await handle.close();
    }
  }

  /** Where an entry's data begins, from its local header; undefined if the header is not there. */
  async dataStart(handle: fs.FileHandle, entry: PackageEntry): Promise<number | undefined> {
    const header = await readAt(handle, entry.offset!, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIG) return undefined;
    return entry.offset! + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  }

  async method(handle: fs.FileHandle, entry: PackageEntry): Promise<number> {
    const header = await readAt(handle, entry.offset!, 30);
    return header.readUInt16LE(8);
  }

  /** Byte where entry data must end: the central directory. */
  get dataLimit(): number {
    return this.dataEnd;
  }
}

/** `./a//b/` → `a/b`; backslashes are kept (PKG-8 reports them). */
export function normalizeEntryName(name: string): string {
  return name.split('/').filter((p) => p !== '' && p !== '.').join('/');
}

async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(Math.max(0, length));
  let done = 0;
  while (done < buf.length) {
    const { bytesRead } = await handle.read(buf, done, buf.length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buf.subarray(0, done);
}

/** Inflates at most `maxBytes` of output, feeding compressed input in small chunks: a bomb costs nothing. */
async function inflateHead(handle: fs.FileHandle, start: number, compressed: number, maxBytes: number): Promise<Buffer> {
  const inflate = zlib.createInflateRaw();
  const chunks: Buffer[] = [];
  let got = 0;
  let done = false;
  const finished = new Promise<void>((resolve) => {
    inflate.on('data', (c: Buffer) => {
      chunks.push(c);
      got += c.length;
      if (got >= maxBytes && !done) {
        done = true;
        resolve();
      }
    });
    inflate.on('end', () => { done = true; resolve(); });
    inflate.on('error', () => { done = true; resolve(); });
  });
  const CHUNK = 64 * 1024;
  for (let pos = 0; pos < compressed && !done; pos += CHUNK) {
    const piece = await readAt(handle, start + pos, Math.min(CHUNK, compressed - pos));
    if (!piece.length) break;
    await new Promise<void>((resolve) => inflate.write(piece, () => resolve()));
    // Let 'data' events run so `done` turns true before we read more.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (!done) inflate.end();
  await finished;
  inflate.destroy();
  return Buffer.concat(chunks).subarray(0, maxBytes);
}
