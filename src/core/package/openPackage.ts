// `fgtk invoke x.zip`: unpack a package into a temporary folder the caller owns, the way the
// platform would, but safely: no entry lands outside the folder, sizes are bounded by what is
// actually inflated (declared sizes can lie), links are not created. Streams entry by entry from
// the file, because adm-zip's extractAllTo holds the whole archive in memory and trusts the sizes.
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import type { FunctionSpec } from '../config';
import { t } from '../l10n';
import { specForZip } from '../lint/index';
import { unsafeReason } from '../archive/unsafePath';
import { ZipView } from '../archive/zipView';

export interface OpenedPackage {
  /** The temporary folder holding the unpacked code. */
  dir: string;
  /** The function the ZIP belongs to, when known (see specForZip), with `dir` set to the folder. */
  spec?: FunctionSpec;
  /** Entries not unpacked (symbolic links), for the caller to report. */
  skipped: string[];
  /** Removes the folder. */
  dispose(): Promise<void>;
}

export interface OpenOptions {
  /** Most bytes unpacked in total (PKG-6 default 1,500 MB). */
  maxBytes?: number;
  maxEntries?: number;
  /** Parent of the temporary folder (default: the OS temp folder). */
  tmpRoot?: string;
}

export async function openPackage(zipPath: string, options: OpenOptions = {}): Promise<OpenedPackage> {
  const maxBytes = options.maxBytes ?? 1500 * 1024 * 1024;
  const maxEntries = options.maxEntries ?? 200_000;
  const abs = path.resolve(zipPath);
  const view = await ZipView.open(abs);
  const broken = view.problems.find((p) => p.rule === 'zip-invalid' || p.rule === 'zip-bomb');
  if (broken) throw new Error(t('{0} cannot be unpacked: it is damaged or a ZIP bomb ({1}). Run fgtk lint {0} for details.', abs, broken.message));
  const list = view.entries();
  if (list.length > maxEntries) throw new Error(t('{0} has {1} entries, more than the {2} fgtk unpacks.', abs, list.length, maxEntries));
  for (const e of list) {
    const reason = unsafeReason(e.rawName ?? e.path);
    if (reason) throw new Error(t('{0} cannot be unpacked: entry "{1}" is unsafe ({2}). Build it with fgtk package.', abs, e.rawName ?? e.path, reason));
  }

  const dir = await fs.realpath(await fs.mkdtemp(path.join(options.tmpRoot ?? os.tmpdir(), 'fgtk-pkg-')));
  const dispose = () => fs.rm(dir, { recursive: true, force: true });
  const skipped: string[] = [];
  let total = 0;
  try {
    const handle = await fs.open(abs, 'r');
    try {
      for (const e of list) {
        const target = path.resolve(dir, ...e.path.split('/'));
        if (target !== dir && !target.startsWith(dir + path.sep)) throw new Error(t('entry "{0}" would land outside the folder', e.path));
        if (e.kind === 'dir') {
          await fs.mkdir(target, { recursive: true });
          continue;
        }
        if (e.kind !== 'file') {
          skipped.push(e.path);
          continue;
        }
        await fs.mkdir(path.dirname(target), { recursive: true });
        const start = await view.dataStart(handle, e);
        if (start === undefined) throw new Error(t('entry "{0}" has no local header', e.path));
        const method = await view.method(handle, e);
        if (method !== 0 && method !== 8) throw new Error(t('entry "{0}" uses compression method {1}; only stored and deflated entries are supported', e.path, method));
        const length = e.compressedSize ?? 0;
        let written = 0;
        const limiter = new Transform({
          transform(chunk: Buffer, _enc, done) {
            written += chunk.length;
            total += chunk.length;
            if (written > e.size) return done(new Error(t('entry "{0}" inflates to more than its declared {1} bytes (a ZIP bomb?)', e.path, e.size)));
            if (total > maxBytes) return done(new Error(t('unpacked size exceeds {0} MB', Math.round(maxBytes / 1048576))));
            done(null, chunk);
          },
        });
        const source = length > 0 ? createReadStream(abs, { start, end: start + length - 1 }) : Readable.from([]);
        const sink = createWriteStream(target, { flags: 'wx', mode: 0o600 });
        if (method === 8 && length > 0) await pipeline(source, zlib.createInflateRaw(), limiter, sink);
        else await pipeline(source, limiter, sink);
        await fs.chmod(target, e.mode !== undefined ? e.mode & 0o777 : 0o644);
      }
    } finally {
      await handle.close();
    }
  } catch (err) {
    await dispose();
    throw new Error(t('{0} cannot be unpacked: {1}', abs, err instanceof Error ? err.message : String(err)));
  }
  const found = await specForZip(abs, view);
  return { dir, spec: found ? { ...found, dir } : undefined, skipped, dispose };
}
