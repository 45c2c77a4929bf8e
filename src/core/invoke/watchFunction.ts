// Watches a function's files so a warm instance follows code changes (a warm debug session,
// `fgtk invoke --watch`). One fs.watch per folder, dependency and cache folders left out: Node's
// `recursive: true` on Linux walks and watches every file of node_modules synchronously, and
// chokidar would be a dependency for what these forty lines do.
import { existsSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import type { FunctionSpec } from '../config';
import { EVENTS_DIR, isExpectationFile } from '../config/eventFiles';

/** A debounced batch of changes: code/config files (existing ones first), and test events (which only re-send). */
export interface FunctionChange {
  code: string[];
  events: string[];
}

export interface FunctionWatcher {
  close(): void;
}

/** Not the function's code: VCS data, caches the interpreters write, editors' swap files. */
const IGNORED_DIRS = new Set(['.git', '.hg', '.svn', '__pycache__', '.pytest_cache', '.mypy_cache', '.fgtk', '.vscode', '.idea']);
const EDITOR_JUNK = /(\.sw[px]|~|\.tmp|^4913|\.pyc)$/;
const DEBOUNCE_MS = 120;

/**
 * Calls `onChange` after the function's files change (config folder and code folder), debounced.
 * Dependency folders are not watched (node_modules, virtualenvs: a reinstall restarts nothing by
 * itself; save a code file to pick it up), nor anything `ignore` says is not code (build outputs).
 */
export function watchFunction(spec: Pick<FunctionSpec, 'dir' | 'configFile'>, onChange: (change: FunctionChange) => void, ignore: (file: string) => boolean = () => false): FunctionWatcher {
  const roots = [...new Set([spec.configFile ? path.dirname(spec.configFile) : spec.dir, spec.dir])]
    .filter((r, _, all) => !all.some((o) => o !== r && r.startsWith(o + path.sep)));
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  let pending: FunctionChange = { code: [], events: [] };
  let timer: NodeJS.Timeout | undefined;
  const eventsDir = path.join(spec.configFile ? path.dirname(spec.configFile) : spec.dir, EVENTS_DIR);
  const eventsDirs = new Set([eventsDir, path.join(spec.dir, EVENTS_DIR)]);
  const record = (root: string, rel: string | null) => {
    if (!rel) return;
    const file = path.join(root, rel);
    if (skippedDir(path.basename(file))) return;
    if (EDITOR_JUNK.test(path.basename(file)) || ignore(file)) return;
    watchTree(file); // a folder created (or moved in) is followed too; a file is a no-op
    if (eventsDirs.has(path.dirname(file))) {
      if (!isExpectationFile(file)) pending.events.push(file);
    } else if (!eventsDirs.has(file)) {
      pending.code.push(file);
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      // Files that still exist first: an editor's or sed's temporary file is a poor name for the change.
      const code = [...new Set(pending.code)].sort((a, b) => Number(existsSync(b)) - Number(existsSync(a)));
      const change = { code, events: [...new Set(pending.events)] };
      pending = { code: [], events: [] };
      if (change.code.length > 0 || change.events.length > 0) onChange(change);
    }, DEBOUNCE_MS);
  };
  function watchTree(dir: string): void {
    if (closed || watchers.has(dir)) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a file, or a folder that vanished: nothing to follow
    }
    try {
      const w = watch(dir, (_type, name) => record(dir, name === null ? null : String(name)));
      w.on('error', () => {
        w.close();
        watchers.delete(dir); // the folder was removed
      });
      watchers.set(dir, w);
    } catch {
      return;
    }
    for (const e of entries) if (e.isDirectory() && !skippedDir(e.name)) watchTree(path.join(dir, e.name));
  }
  for (const root of roots) watchTree(root);
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}

function skippedDir(name: string): boolean {
  return IGNORED_DIRS.has(name) || name === 'node_modules' || name === '.venv' || name === 'venv';
}
