// `fgtk package`: the ZIP the platform wants. Contents at the root, Unix modes kept (and bootstrap
// made executable), the ignore rules of the folder view applied, then the result linted.
import type AdmZipClass from 'adm-zip';
import { AdmZip } from '../lazy';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadFunction, type FunctionSpec } from '../config';
import { t } from '../l10n';
import { FolderView } from '../archive/folderView';
import { lintView, type LintDiagnostic, type LintSettings } from '../lint/index';
import { ZipView } from '../archive/zipView';

export interface PackageResult {
  zipPath: string;
  /** What went in: files with their uncompressed sizes, in ZIP order. */
  entries: { name: string; size: number }[];
  /** The linter's findings on the ZIP just built. */
  diagnostics: LintDiagnostic[];
  /** Paths left out although not ignored (links to folders or outside the function). */
  skipped: string[];
  /** Secrets and deployment leftovers the ignore rules left out (.env, Terraform state, stale ZIPs), by name. */
  leftOutSecrets: string[];
}

export interface PackageOptions {
  settings?: Partial<LintSettings>;
  spec?: FunctionSpec;
}

/** "Version made by": Unix, spec 2.0, so unzip on Linux applies the modes even when built on Windows. */
const MADE_BY_UNIX = (3 << 8) | 20;

/** Default output: `<parent>/<function name>.zip`, beside the function folder (like `zip -r ../x.zip .`). */
export function defaultZipPath(codeDir: string, spec?: FunctionSpec): string {
  const name = (spec?.name || path.basename(codeDir)).replace(/[^\w.-]+/g, '-');
  return path.join(path.dirname(codeDir), `${name}.zip`);
}

export async function packageFunction(dir: string, out?: string, options: PackageOptions = {}): Promise<PackageResult> {
  const abs = path.resolve(dir);
  const spec = options.spec ?? (await loadFunction(abs));
  const codeDir = spec?.codeDir ?? abs;
  if (/\.(zip|jar)$/i.test(codeDir) && (await fs.stat(codeDir).catch(() => undefined))?.isFile()) {
    throw new Error(t('The CodeUri of {0} is already a package ({1}): upload it as it is, or point CodeUri to the code folder to build one.', spec?.name ?? abs, codeDir));
  }
  if (!(await fs.stat(codeDir).catch(() => undefined))?.isDirectory()) {
    throw new Error(t('{0} is not a folder; fgtk package builds a ZIP from a function folder.', codeDir));
  }
  const zipPath = path.resolve(out ?? defaultZipPath(codeDir, spec));
  const relOut = path.relative(codeDir, zipPath);
  const extraIgnore = relOut.startsWith('..') || path.isAbsolute(relOut) ? [] : [`/${relOut.split(path.sep).join('/')}`, `/${relOut.split(path.sep).join('/')}.tmp`];
  const view = await FolderView.open(codeDir, { extraIgnore });
  const needsBootstrap = spec?.family === 'custom' || spec?.family === 'http';

  const zip = new (AdmZip())();
  const entries: PackageResult['entries'] = [];
  const skipped: string[] = [];
  const sorted = [...view.entries()].sort((a, b) => a.path.localeCompare(b.path));
  const nonEmpty = foldersWithContent(sorted.filter((e) => e.kind !== 'dir'));
  for (const e of sorted) {
    const abs = view.fileOf(e.path);
    let mode = e.mode ?? 0o644;
    let data: Buffer;
    if (e.kind === 'dir') {
      // A folder left empty only because all it holds is ignored (events/ and its test events) stays
      // out; one empty on disk is kept, since the code may expect it.
      if (nonEmpty.has(e.path) || (await fs.readdir(abs).catch(() => [])).length === 0) add(zip, `${e.path}/`, Buffer.alloc(0), 0o755);
      continue;
    } else if (e.kind === 'symlink') {
      // Store what the link points to when that is a file inside the function; leave the rest out.
      const real = await fs.realpath(abs).catch(() => undefined);
      const st = real ? await fs.stat(real).catch(() => undefined) : undefined;
      const inside = real && (real === codeDir || real.startsWith(await fs.realpath(codeDir) + path.sep));
      if (!st?.isFile() || !inside) {
        skipped.push(e.path);
        continue;
      }
      data = await fs.readFile(real!);
      mode = st.mode;
    } else if (e.kind === 'file') {
      data = await fs.readFile(abs);
    } else {
      skipped.push(e.path);
      continue;
    }
    // PKG-2: bootstrap must be executable on the platform whatever the file system here says.
    if (needsBootstrap && e.path === 'bootstrap') mode |= 0o755;
    add(zip, e.path, data, mode & 0o777);
    entries.push({ name: e.path, size: data.length });
  }

  await fs.mkdir(path.dirname(zipPath), { recursive: true });
  const tmp = `${zipPath}.tmp`;
  await fs.writeFile(tmp, await zip.toBufferPromise());
  await fs.rename(tmp, zipPath);

  const zipView = await ZipView.open(zipPath);
  const diagnostics = await lintView(zipView, spec ? { ...spec, codeDir: zipPath } : undefined, options.settings);
  return { zipPath, entries, diagnostics, skipped, leftOutSecrets: [...view.leftOutSecrets].sort() };
}

/** Every folder that holds at least one entry of the package (at any depth). */
function foldersWithContent(entries: readonly { path: string }[]): Set<string> {
  const folders = new Set<string>();
  for (const e of entries) {
    for (let slash = e.path.lastIndexOf('/'); slash > 0; slash = e.path.lastIndexOf('/', slash - 1)) {
      const folder = e.path.slice(0, slash);
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return folders;
}

function add(zip: AdmZipClass, name: string, data: Buffer, mode: number): void {
  const entry = zip.addFile(name, data, '', mode);
  entry.header.made = MADE_BY_UNIX;
}
