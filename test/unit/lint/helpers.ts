// Fixtures built by the tests themselves: function folders on disk and ZIPs made with adm-zip.
import AdmZip from 'adm-zip';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';

export interface FileSpec {
  content?: string | Buffer;
  mode?: number;
  /** ZIP only: store as made on Windows (no Unix mode). */
  windows?: boolean;
  /** ZIP only: a symbolic link to this target. */
  symlink?: string;
}
export type Files = Record<string, string | Buffer | FileSpec>;

/** A temp folder removed when the test ends, pass or fail. */
export function tempDir(t: TestContext, prefix = 'fgtk-lint-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const norm = (v: string | Buffer | FileSpec): FileSpec => (typeof v === 'string' || Buffer.isBuffer(v) ? { content: v } : v);

export function writeFolder(dir: string, files: Files): string {
  for (const [name, value] of Object.entries(files)) {
    const spec = norm(value);
    const file = path.join(dir, name);
    if (name.endsWith('/')) {
      mkdirSync(file, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, spec.content ?? '');
    chmodSync(file, spec.mode ?? 0o644);
  }
  return dir;
}

export function buildZip(file: string, files: Files): string {
  const zip = new AdmZip();
  for (const [name, value] of Object.entries(files)) {
    const spec = norm(value);
    const data = spec.symlink !== undefined ? Buffer.from(spec.symlink) : typeof spec.content === 'string' ? Buffer.from(spec.content) : spec.content ?? Buffer.alloc(0);
    const entry = zip.addFile(name, data, '', spec.mode ?? (name.endsWith('/') ? 0o755 : 0o644));
    entry.header.made = (3 << 8) | 20;
    if (spec.symlink !== undefined) entry.attr = ((0o120777 << 16) >>> 0);
    if (spec.windows) {
      entry.header.made = 20; // host 0: MS-DOS, no Unix mode
      entry.attr = 0x20;
    }
  }
  zip.writeZip(file);
  return file;
}

export function config(props: Record<string, string | number>, extra = ''): string {
  const lines = Object.entries(props).map(([k, v]) => `      ${k}: ${v}`).join('\n');
  return `HcCrmTemplateVersion: v2\nResources:\n  hello:\n    Type: HC::Serverless::Function\n    Properties:\n${lines}\n${extra}`;
}

/** Both shapes of the same package: a folder and a ZIP of it. */
export function both(t: TestContext, files: Files): { folder: string; zip: string } {
  const root = tempDir(t);
  const folder = writeFolder(path.join(root, 'fn'), files);
  const zipFiles: Files = {};
  for (const [k, v] of Object.entries(files)) if (!/^template\.ya?ml$/.test(k)) zipFiles[k] = v;
  const zip = buildZip(path.join(root, 'pkg.zip'), zipFiles);
  // The ZIP borrows the folder's config through a sibling config whose CodeUri is the ZIP.
  const cfg = files['template.yml'];
  if (typeof cfg === 'string') writeFileSync(path.join(root, 'template.yml'), cfg.replace('    Properties:\n', '    Properties:\n      CodeUri: ./pkg.zip\n'));
  return { folder, zip };
}
