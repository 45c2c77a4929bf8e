// What the rules see of a package: its entries (path, kind, size, Unix mode) and a bounded way to
// read the start of an entry. Two implementations: a folder (what `fgtk package` would put in the
// ZIP) and a ZIP read from its central directory, never extracted.

export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

export interface PackageEntry {
  /** Path inside the package, `/`-separated, no leading `./`, no trailing `/`. */
  path: string;
  kind: EntryKind;
  /** Uncompressed size in bytes (declared by the central directory for a ZIP). */
  size: number;
  /** ZIP only: compressed size and where the local header starts. */
  compressedSize?: number;
  offset?: number;
  /** Unix mode (type and permission bits) when known; a ZIP made on Windows has none (PKG-2). */
  mode?: number;
  /** ZIP only: the name exactly as stored (may hold `\`, `..`, a leading `/`: PKG-8). */
  rawName?: string;
  /** ZIP only: the stored name bytes are not valid UTF-8. */
  nameNotUtf8?: boolean;
}

/** A problem with the container itself, found while reading it (a truncated ZIP...). */
export interface ViewProblem {
  rule: 'zip-invalid' | 'zip-bomb' | 'too-many-entries';
  message: string;
  entry?: string;
}

export interface PackageView {
  readonly kind: 'folder' | 'zip';
  /** The folder or the .zip file. */
  readonly location: string;
  /** Every entry (files, folders, links); order is not significant. */
  entries(): readonly PackageEntry[];
  get(path: string): PackageEntry | undefined;
  /** The first `maxBytes` of a file entry; undefined when it cannot be read. Never reads more. */
  read(path: string, maxBytes: number): Promise<Buffer | undefined>;
  /** The file a diagnostic about `path` belongs to: the file on disk, or the .zip. */
  fileOf(path: string): string;
  /** Sum of the entries' uncompressed sizes. */
  totalSize(): number;
  /** ZIP only: size of the archive file. */
  readonly archiveSize?: number;
  readonly problems: readonly ViewProblem[];
}

export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;

/** Any of the execute bits set. */
export const isExecutable = (mode: number | undefined): boolean => mode !== undefined && (mode & 0o111) !== 0;

/** Entries directly at the root of the package. */
export function rootEntries(view: PackageView): PackageEntry[] {
  return view.entries().filter((e) => !e.path.includes('/'));
}

/** Not code: the function's config and test events beside it, which a folder holds and a ZIP need not. */
export function isCodeEntry(e: PackageEntry): boolean {
  return !/^[^/]+\.ya?ml$/i.test(e.path) && e.path !== 'events' && !e.path.startsWith('events/') && e.path !== '.fgtkignore';
}

/** The one top-level folder everything sits in (the most common PKG-1 mistake), if that is the case. */
export function singleTopFolder(view: PackageView): string | undefined {
  let top: string | undefined;
  let sawFile = false;
  for (const e of view.entries()) {
    if (!isCodeEntry(e)) continue;
    const slash = e.path.indexOf('/');
    if (slash < 0) {
      if (e.kind !== 'dir') return undefined;
      if (top !== undefined && top !== e.path) return undefined;
      top = e.path;
      continue;
    }
    const first = e.path.slice(0, slash);
    if (top !== undefined && top !== first) return undefined;
    top = first;
    if (e.kind !== 'dir') sawFile = true;
  }
  return sawFile ? top : undefined;
}

/** Zero-based range of line `line` of `text` (for diagnostics inside a file). */
export function lineRange(text: string, line: number): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const content = text.split('\n')[line] ?? '';
  return { start: { line, character: 0 }, end: { line, character: content.replace(/\r$/, '').length } };
}
