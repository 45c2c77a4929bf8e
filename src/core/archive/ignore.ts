// Which files of a function folder go into its package: the defaults (data file) plus the
// folder's `.fgtkignore`, in gitignore syntax through the `ignore` library (the matcher ESLint uses).
// `.gitignore` is deliberately not read: it usually lists `node_modules`, which a package needs.
import ignore, { type Ignore } from 'ignore';
import { readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import defaultIgnore from './data/default-ignore.json';

export const IGNORE_FILE = '.fgtkignore';

export interface PackageFilter {
  /** True when `rel` (`/`-separated, relative to the function folder) stays out of the package. */
  ignores(rel: string, isDir: boolean): boolean;
}

/** The patterns every package leaves out. */
export const DEFAULT_IGNORE_PATTERNS: readonly string[] = defaultIgnore.patterns;

/** The filter for `dir`: defaults, then `.fgtkignore`, then `extra` patterns (e.g. the output ZIP). */
export async function loadPackageFilter(dir: string, extra: string[] = []): Promise<PackageFilter> {
  const own = await fs.readFile(path.join(dir, IGNORE_FILE), 'utf8').catch(() => '');
  return makeFilter(own, extra);
}

export function loadPackageFilterSync(dir: string, extra: string[] = []): PackageFilter {
  let own = '';
  try {
    own = readFileSync(path.join(dir, IGNORE_FILE), 'utf8');
  } catch {
    // no ignore file: defaults only
  }
  return makeFilter(own, extra);
}

function makeFilter(own: string, extra: string[]): PackageFilter {
  const ig: Ignore = ignore({ allowRelativePaths: true }).add(DEFAULT_IGNORE_PATTERNS).add(own).add(extra);
  return { ignores: (rel, isDir) => ig.ignores(isDir ? `${rel}/` : rel) };
}
