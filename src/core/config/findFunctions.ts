import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FunctionSpec } from './functionSpec';
import { EVENTS_DIR, isTestEventFile } from './eventFiles';
import { loadFunction } from './loadFunction';

/** Folders never searched: dependencies, VCS data, build output. */
export const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__', 'dist', 'out', '.vscode-test']);

export interface FindOptions {
  /** How deep below `root` to look; functions nest rarely. */
  maxDepth?: number;
  /** Stop after this many functions (a safety net for huge trees). */
  limit?: number;
}

/** Every function folder under `root` (a folder with a FunctionGraph config or a `bootstrap`). */
export async function findFunctions(root: string, options: FindOptions = {}): Promise<FunctionSpec[]> {
  const maxDepth = options.maxDepth ?? 6;
  const limit = options.limit ?? 5000;
  const found: FunctionSpec[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (found.length >= limit) return;
    const spec = await loadFunction(dir);
    if (spec) {
      found.push(spec);
      return; // a function's own subfolders (events/, src/) are part of it
    }
    if (depth >= maxDepth) return;
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(entries
      .filter((e) => e.isDirectory() && !SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.'))
      .map((e) => walk(path.join(dir, e.name), depth + 1)));
  };
  await walk(path.resolve(root), 0);
  return found.sort((a, b) => a.dir.localeCompare(b.dir));
}

/** The `events/*.json` test events of a function, sorted by name; never its `*.expected.json` expectations. */
export async function listEvents(spec: Pick<FunctionSpec, 'dir'>): Promise<string[]> {
  const eventsDir = path.join(spec.dir, EVENTS_DIR);
  const names = await fs.readdir(eventsDir).catch(() => [] as string[]);
  return names.filter(isTestEventFile).sort().map((n) => path.join(eventsDir, n));
}
