// Every function in the workspace, kept current from file events (debounced, and only the folders
// that changed are reloaded) so the tree, CodeLens and F5 stay fast with hundreds of functions.
// The one function index (issue 10.7): the language server lints the functions it lists (pushed
// through FunctionsChangedNotification) and finds none itself; both read the workspace's one
// file watcher, which the index shares with the language client.
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { findFunctions, loadFunctions, SKIPPED_DIRS, type FunctionSpec } from '../core/config';

/** `undefined` when everything may have changed; otherwise the keys of the functions that did. */
export type IndexChange = { keys?: Set<string> };

const DEBOUNCE_MS = 150;

/** A file that may declare functions: a YAML config, or a bare `bootstrap`. */
const isConfigFile = (file: string) => /\.ya?ml$/i.test(file) || path.basename(file) === 'bootstrap';
/** A test event: `<config folder>/events/*.json`. */
const isTestEvent = (file: string) => /\.json$/i.test(file) && path.basename(path.dirname(file)) === 'events';

export class FunctionIndex implements vscode.Disposable {
  private readonly byKey = new Map<string, FunctionSpec>();
  private readonly emitter = new vscode.EventEmitter<IndexChange>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private scanning: Promise<void> | undefined;
  private pendingDirs = new Set<string>();
  /** Config folders whose test events changed. */
  private pendingKeys = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  /** `watcher`: the workspace's one recursive watcher (`**` + `/*`), also the language client's. */
  constructor(private readonly log: vscode.LogOutputChannel, watcher: vscode.FileSystemWatcher) {
    const onFile = (uri: vscode.Uri, kind: 'create' | 'change' | 'delete') => {
      const file = uri.fsPath;
      if (isConfigFile(file)) this.schedule({ dir: path.dirname(file) });
      else if (isTestEvent(file)) {
        if (kind !== 'change') this.schedule({ dir: path.dirname(path.dirname(file)), eventsOnly: true });
      } else if (kind === 'create') {
        // Whole folders appear (copied in) in one event, without events for their files.
        this.schedule({ dir: file, maybeTree: true });
      }
      // ... or vanish in one event.
      if (kind === 'delete') this.removeUnder(file);
    };
    this.disposables.push(
      watcher.onDidCreate((uri) => onFile(uri, 'create')),
      watcher.onDidChange((uri) => onFile(uri, 'change')),
      watcher.onDidDelete((uri) => onFile(uri, 'delete')),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
    );
  }

  /** All functions, sorted by folder; the first call scans the workspace. */
  async all(): Promise<FunctionSpec[]> {
    await (this.scanning ??= this.scan());
    return [...this.byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
  }

  async get(key: string): Promise<FunctionSpec | undefined> {
    await (this.scanning ??= this.scan());
    return this.byKey.get(key);
  }

  /** The function a file belongs to: the first of functionsOf(). */
  async functionOf(file: string): Promise<FunctionSpec | undefined> {
    return (await this.functionsOf(file))[0];
  }

  /**
   * The functions a file belongs to: those whose deepest folder (config folder or code folder) holds
   * it. Several when one template declares several functions, or two share a code folder.
   */
  async functionsOf(file: string): Promise<FunctionSpec[]> {
    await (this.scanning ??= this.scan());
    let best: FunctionSpec[] = [];
    let bestLen = -1;
    for (const spec of this.byKey.values()) {
      const roots = [spec.configDir, spec.codeDir].filter((root) => file === root || file.startsWith(root + path.sep));
      const len = Math.max(-1, ...roots.map((r) => r.length));
      if (len > bestLen) {
        best = [spec];
        bestLen = len;
      } else if (len === bestLen && len >= 0) {
        best.push(spec);
      }
    }
    return best.sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Loads one function folder now (one just created), without a full scan or waiting for the file watcher. */
  async load(dir: string): Promise<FunctionSpec | undefined> {
    await (this.scanning ??= this.scan());
    const specs = await loadFunctions(dir).catch(() => []);
    for (const spec of specs) this.byKey.set(spec.key, spec);
    if (specs.length) this.emitter.fire({ keys: new Set(specs.map((s) => s.key)) });
    return specs[0];
  }

  /** Forgets everything and scans the workspace again. */
  async refresh(): Promise<void> {
    this.scanning = this.scan();
    await this.scanning;
  }

  private async scan(): Promise<void> {
    const t0 = Date.now();
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const found = (await Promise.all(roots.map((r) => findFunctions(r).catch((err: Error) => {
      this.log.error(`Scanning ${r} for functions failed: ${err.message}`);
      return [] as FunctionSpec[];
    })))).flat();
    this.byKey.clear();
    for (const spec of found) this.byKey.set(spec.key, spec);
    this.log.info(`Found ${found.length} function(s) in ${roots.length} workspace folder(s) in ${Date.now() - t0} ms`);
    this.emitter.fire({});
  }

  private schedule(change: { dir: string; eventsOnly?: boolean; maybeTree?: boolean }): void {
    if (!this.scanning) return; // nothing shown yet: the first scan will see the file
    if (change.eventsOnly) this.pendingKeys.add(change.dir);
    else this.pendingDirs.add(change.dir + (change.maybeTree ? path.sep : ''));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush().catch((err: Error) => this.log.error(`Updating functions failed: ${err.message}`)), DEBOUNCE_MS);
  }

  private async flush(): Promise<void> {
    await this.scanning;
    const dirs = [...this.pendingDirs];
    // A test event changed: every function of that config folder shows it.
    const keys = new Set([...this.byKey.values()].filter((s) => this.pendingKeys.has(s.configDir)).map((s) => s.key));
    this.pendingDirs.clear();
    this.pendingKeys.clear();
    for (const entry of dirs) {
      const isTree = entry.endsWith(path.sep);
      const dir = isTree ? entry.slice(0, -1) : entry;
      if (isTree) {
        // A created path: a folder may bring whole functions with it; a plain file needs nothing here.
        const stat = await fs.stat(dir).catch(() => undefined);
        if (!stat?.isDirectory() || this.isSkipped(dir)) continue;
        for (const spec of await findFunctions(dir).catch(() => [])) {
          this.byKey.set(spec.key, spec);
          keys.add(spec.key);
        }
        continue;
      }
      if (this.isSkipped(dir)) continue;
      // Every function this folder's config declares now; those it no longer declares go.
      const specs = await loadFunctions(dir).catch(() => []);
      for (const [key, old] of this.byKey) {
        if (old.configDir === dir && !specs.some((s) => s.key === key)) {
          this.byKey.delete(key);
          keys.add(key);
        }
      }
      for (const spec of specs) {
        this.byKey.set(spec.key, spec);
        keys.add(spec.key);
      }
    }
    if (keys.size) this.emitter.fire({ keys });
  }

  private isSkipped(dir: string): boolean {
    return dir.split(path.sep).some((part) => SKIPPED_DIRS.has(part) || (part.startsWith('.') && part.length > 1));
  }

  private removeUnder(p: string): void {
    const keys = new Set<string>();
    for (const [key, spec] of this.byKey) {
      if (spec.configDir === p || spec.configDir.startsWith(p + path.sep)) {
        this.byKey.delete(key);
        keys.add(key);
      }
    }
    if (keys.size) this.emitter.fire({ keys });
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
