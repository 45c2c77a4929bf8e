// Which files of a function folder go into its package: the defaults and the secrets list (one data
// file), the folder's `.fgtkignore`, and for Node.js the package.json `files` list and `.npmignore`,
// in gitignore syntax through the `ignore` library (the matcher ESLint uses).
// `.gitignore` is deliberately not read: it usually lists `node_modules`, which a package needs.
import ignore, { type Ignore } from 'ignore';
import { readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import defaultIgnore from './data/default-ignore.json';

export const IGNORE_FILE = '.fgtkignore';
/** Files whose change changes what the package holds. */
export const FILTER_INPUT_FILES: readonly string[] = [IGNORE_FILE, '.npmignore', 'package.json'];

export interface PackageFilter {
  /** True when `rel` (`/`-separated, relative to the function folder) stays out of the package. */
  ignores(rel: string, isDir: boolean): boolean;
  /** True when `rel` is a secret or deployment leftover (.env, Terraform state, a stale ZIP): named when left out. */
  isSecret(rel: string, isDir: boolean): boolean;
}

/** The patterns every package leaves out. */
export const DEFAULT_IGNORE_PATTERNS: readonly string[] = defaultIgnore.patterns;
/** Secrets and deployment leftovers, left out too, and warned about inside a ZIP. */
export const SECRET_PATTERNS: readonly string[] = defaultIgnore.secrets;

const secrets = ignore({ allowRelativePaths: true }).add(SECRET_PATTERNS);
/** Whether `rel` names a secret or deployment leftover. */
export function isSecretPath(rel: string, isDir = false): boolean {
  return secrets.ignores(isDir ? `${rel}/` : rel);
}

/** The filter for `dir`: defaults and secrets, then `.fgtkignore`, then `extra` patterns (e.g. the output ZIP), then npm's lists. */
export async function loadPackageFilter(dir: string, extra: string[] = []): Promise<PackageFilter> {
  const read = (name: string) => fs.readFile(path.join(dir, name), 'utf8').catch(() => '');
  const [own, npmignore, packageJson] = await Promise.all([read(IGNORE_FILE), read('.npmignore'), read('package.json')]);
  return makeFilter(own, extra, npmignore, packageJson);
}

export function loadPackageFilterSync(dir: string, extra: string[] = []): PackageFilter {
  const read = (name: string) => {
    try {
      return readFileSync(path.join(dir, name), 'utf8');
    } catch {
      return ''; // absent: nothing to add
    }
  };
  return makeFilter(read(IGNORE_FILE), extra, read('.npmignore'), read('package.json'));
}

/** What a function needs whatever package.json `files` says (npm always packs package.json too). */
const ALWAYS_PACKED = new Set(['package.json', 'node_modules', 'bootstrap']);

/**
 * package.json `files` as a filter: a path stays in when a pattern matches it or a parent, or when it
 * is a folder on the way to a listed path. Undefined when package.json has no `files` list.
 */
function npmFilesFilter(packageJson: string): ((rel: string, isDir: boolean) => boolean) | undefined {
  let files: unknown;
  try {
    files = (JSON.parse(packageJson) as { files?: unknown }).files;
  } catch {
    return undefined; // not JSON: the linter and npm report it
  }
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string')) return undefined;
  const listed = files.map((f) => f.replace(/^\.?\//, '').replace(/\/$/, '')).filter(Boolean);
  const included = ignore({ allowRelativePaths: true }).add(listed);
  return (rel, isDir) => {
    if (ALWAYS_PACKED.has(rel.split('/')[0])) return false;
    if (included.ignores(isDir ? `${rel}/` : rel)) return false;
    return !(isDir && listed.some((f) => f.startsWith(`${rel}/`)));
  };
}

function makeFilter(own: string, extra: string[], npmignore = '', packageJson = ''): PackageFilter {
  const ig: Ignore = ignore({ allowRelativePaths: true }).add(DEFAULT_IGNORE_PATTERNS).add(SECRET_PATTERNS).add(own).add(extra).add(npmignore);
  const outsideFiles = npmFilesFilter(packageJson);
  return {
    ignores: (rel, isDir) => ig.ignores(isDir ? `${rel}/` : rel) || (outsideFiles?.(rel, isDir) ?? false),
    isSecret: isSecretPath,
  };
}
