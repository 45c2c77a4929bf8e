// The FunctionGraph language server: lints every function the client's function index lists
// (FunctionsChangedNotification; it finds none itself) and every .zip in the workspace folders,
// whole folders, not only open documents; re-lints incrementally on file and document changes,
// and offers quick fixes. Lint runs are debounced, cancellable, and yield to the message loop
// between rules, so the editor is never blocked. createServer(connection) lets tests speak real LSP.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FileChangeType, TextDocuments, TextDocumentSyncKind,
  type Connection, type Diagnostic, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadFunctions, parseFunctionConfig, parseFunctionRef, resolveFunctionRef, type FunctionSpec } from '../core/config';
import { initL10n, t } from '../core/l10n';
import { FolderView } from '../core/archive/folderView';
import { lintView, normalizeSettings, openTarget, specForZip, type LintDiagnostic, type LintSettings, type PackageView } from '../core/lint/index';
import { ZipView } from '../core/archive/zipView';
import { FunctionsChangedNotification, LINT_SETTINGS_SECTION, LintCommands, LintPathRequest, type FunctionsChangedParams } from '../shared/lspProtocol';
import { codeActionsFor, toLspDiagnostic, uriOf } from './convert';
import { findZips } from './findZips';

export interface ServerOptions {
  /** Quiet time after the last change before a re-lint starts. */
  debounceMs?: number;
}

/** One thing we lint: a function folder or a .zip. */
interface Target {
  key: string;
  kind: 'folder' | 'zip';
  spec?: FunctionSpec;
  view?: PackageView;
  diagnostics: LintDiagnostic[];
  run?: AbortController;
}

const toPath = (uri: string): string | undefined => (uri.startsWith('file:') ? path.resolve(fileURLToPath(uri)) : undefined);
const isInside = (file: string, dir: string) => file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

export function createServer(connection: Connection, options: ServerOptions = {}) {
  const debounceMs = options.debounceMs ?? 150;
  const documents = new TextDocuments(TextDocument);
  const targets = new Map<string, Target>();
  const settingsCache = new Map<string, Promise<LintSettings>>();
  const pending = new Set<string>();
  /** Diagnostics per file URI per target, so several targets can publish on one file. */
  const published = new Map<string, Map<string, Diagnostic[]>>();
  let roots: string[] = [];
  let pushedSettings: unknown;
  let canPullConfig = false;
  let ready = false;
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;

  const overlay = (abs: string) => documents.get(uriOf(abs))?.getText();

  // ---- settings: pulled per resource, cached, cleared on change (house style 7) ----
  function settingsFor(target: Target): Promise<LintSettings> {
    let hit = settingsCache.get(target.key);
    if (!hit) {
      hit = (canPullConfig
        ? connection.workspace.getConfiguration({ scopeUri: uriOf(target.spec?.configDir ?? target.key), section: LINT_SETTINGS_SECTION }).then(normalizeSettings, () => normalizeSettings(pushedSettings))
        : Promise.resolve(normalizeSettings(pushedSettings)));
      settingsCache.set(target.key, hit);
    }
    return hit;
  }

  // ---- discovery: functions come from the client's index; .zip files we find ourselves ----
  async function discover(): Promise<void> {
    for (const root of roots) {
      for (const zip of await findZips(root)) addZip(zip);
    }
  }

  /**
   * The functions the client's index lists (the one owner, issue 10.7): those no longer listed go,
   * new ones and the `changed` ones are read from their config folder (the same loadFunctions, so
   * the same keys).
   */
  async function applyFunctions(params: FunctionsChangedParams): Promise<Set<string>> {
    const listed = new Set(params.functions.map((f) => f.key));
    for (const t of [...targets.values()]) if (t.kind === 'folder' && !listed.has(t.key)) removeTarget(t.key);
    const changed = params.changed ? new Set(params.changed) : undefined;
    const dirs = new Set(params.functions.filter((f) => !targets.has(f.key) || !changed || changed.has(f.key)).map((f) => f.configDir));
    const dirty = new Set<string>();
    for (const dir of dirs) {
      for (const spec of await loadFunctions(dir).catch(() => [])) if (listed.has(spec.key)) dirty.add(addFunction(spec).key);
    }
    return dirty;
  }

  function addFunction(spec: FunctionSpec): Target {
    const key = spec.key;
    const existing = targets.get(key);
    if (existing) {
      if (existing.spec?.codeDir !== spec.codeDir) existing.view = undefined;
      existing.spec = spec;
      return existing;
    }
    const target: Target = { key, kind: 'folder', spec, diagnostics: [] };
    targets.set(key, target);
    // A ZIP named by CodeUri is linted as this function, not again on its own.
    if (targets.get(spec.codeDir)?.kind === 'zip') removeTarget(spec.codeDir);
    return target;
  }

  function addZip(zip: string): Target | undefined {
    if ([...targets.values()].some((t) => t.kind === 'folder' && t.spec?.codeDir === zip)) return undefined;
    let target = targets.get(zip);
    if (!target) {
      target = { key: zip, kind: 'zip', diagnostics: [] };
      targets.set(zip, target);
    }
    return target;
  }

  function removeTarget(key: string): void {
    const target = targets.get(key);
    if (!target) return;
    target.run?.abort();
    targets.delete(key);
    publishFor(target.key, []);
  }

  // ---- linting: debounced, one run per target at a time, stale runs cancelled ----
  function schedule(keys: Iterable<string>): void {
    for (const key of keys) {
      pending.add(key);
      targets.get(key)?.run?.abort();
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const previous = draining;
      const current: Promise<void> = (async () => {
        await previous?.catch(() => undefined);
        await drain();
      })().finally(() => {
        if (draining === current) draining = undefined;
      });
      draining = current;
    }, debounceMs);
  }

  async function drain(): Promise<void> {
    while (pending.size) {
      const [key] = pending;
      pending.delete(key);
      const target = targets.get(key);
      if (!target) continue;
      await lintTarget(target);
      await new Promise((resolve) => setImmediate(resolve)); // let requests in between targets
    }
  }

  async function lintTarget(target: Target): Promise<void> {
    const run = new AbortController();
    target.run?.abort();
    target.run = run;
    try {
      if (!target.view) {
        if (target.kind === 'zip') {
          target.view = await ZipView.open(target.key);
          target.spec = await specForZip(target.key, target.view);
        } else {
          target.view = (await openTarget(target.spec?.configDir ?? target.key, { spec: target.spec, overlay })).view;
        }
      }
      const settings = await settingsFor(target);
      const diagnostics = await lintView(target.view, target.spec, settings, run.signal);
      if (run.signal.aborted) return;
      target.diagnostics = diagnostics;
      publishFor(target.key, diagnostics, target);
    } catch (err) {
      if (run.signal.aborted) return;
      // The path vanished or cannot be read: drop it; a watcher event brings it back.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        removeTarget(target.key);
        return;
      }
      connection.console.error(t('Linting {0} failed: {1}', target.key, err instanceof Error ? err.stack ?? err.message : String(err)));
    } finally {
      if (target.run === run) target.run = undefined;
    }
  }

  /** Publishes a target's diagnostics, merged per file with other targets' (the union is what the user sees). */
  function publishFor(key: string, diagnostics: LintDiagnostic[], target?: Target): void {
    const byUri = new Map<string, Diagnostic[]>();
    for (const d of diagnostics) {
      let file = d.file;
      // A finding about the folder itself shows on its config (folders have no editor).
      if (target?.kind === 'folder' && file === target.spec?.codeDir) {
        if (!target.spec?.configFile) continue;
        file = target.spec.configFile;
      }
      const uri = uriOf(file);
      byUri.set(uri, [...(byUri.get(uri) ?? []), toLspDiagnostic(d)]);
    }
    const touched = new Set<string>(byUri.keys());
    for (const [uri, perTarget] of published) if (perTarget.has(key)) touched.add(uri);
    for (const uri of touched) {
      let perTarget = published.get(uri);
      if (!perTarget) published.set(uri, (perTarget = new Map()));
      const mine = byUri.get(uri);
      if (mine) perTarget.set(key, mine);
      else perTarget.delete(key);
      const all = [...perTarget.values()].flat();
      if (!perTarget.size) published.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: all });
    }
  }

  // ---- changes ----
  /** Targets whose code a file belongs to. */
  function owners(file: string): Target[] {
    return [...targets.values()].filter((t) => t.kind === 'folder' && t.spec && (isInside(file, t.spec.configDir) || isInside(file, t.spec.codeDir)));
  }

  async function onFileChanged(file: string, type: FileChangeType): Promise<Set<string>> {
    const dirty = new Set<string>();
    if (/\.zip$/i.test(file)) {
      const existing = targets.get(file);
      if (type === FileChangeType.Deleted) removeTarget(file);
      else if (roots.some((r) => isInside(file, r))) {
        const target = existing ?? addZip(file);
        if (target) {
          target.view = undefined;
          dirty.add(target.key);
        }
      }
      for (const t of targets.values()) if (t.kind === 'folder' && t.spec?.codeDir === file) { t.view = undefined; dirty.add(t.key); }
    }
    // Functions that appear or go (a config saved, a folder copied in) come from the client's index
    // (FunctionsChangedNotification). A config of functions we lint is re-read here too: the text on
    // disk counts again when its editor closes unsaved.
    if (/\.ya?ml$/i.test(file)) {
      const known = [...targets.values()].filter((t) => t.kind === 'folder' && t.spec?.configFile === file);
      const specs = known.length ? await loadFunctions(path.dirname(file)).catch(() => []) : [];
      for (const target of known) {
        const spec = specs.find((s) => s.key === target.key);
        if (spec) dirty.add(addFunction(spec).key);
      }
    }
    for (const target of owners(file)) {
      if (target.view instanceof FolderView) await target.view.refresh(file);
      dirty.add(target.key);
    }
    return dirty;
  }

  function onDocument(doc: TextDocument): void {
    const file = toPath(doc.uri);
    if (!file) return;
    const dirty = new Set<string>();
    const ofThisConfig = [...targets.values()].filter((t) => t.kind === 'folder' && t.spec?.configFile === file);
    if (ofThisConfig.length) {
      // Unsaved config text: parse it so diagnostics follow the typing. Each function keeps its key
      // (a template that gains or loses a function is re-read from disk when saved).
      const parsed = parseFunctionConfig(doc.getText(), file);
      for (const target of ofThisConfig) {
        const spec = parsed.find((s) => s.logicalId === target.spec?.logicalId) ?? (parsed.length === 1 ? parsed[0] : undefined);
        if (spec && target.spec) {
          if (spec.codeDir !== target.spec.codeDir) target.view = undefined;
          target.spec = { ...spec, key: target.key };
        }
        dirty.add(target.key);
      }
    }
    for (const t of owners(file)) dirty.add(t.key);
    if (dirty.size) schedule(dirty);
  }

  // ---- LSP wiring ----
  connection.onInitialize((params): InitializeResult => {
    const locale = params.locale;
    initL10n(path.resolve(__dirname, '..'), locale);
    canPullConfig = Boolean(params.capabilities.workspace?.configuration);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.map(toPath).filter((p): p is string => Boolean(p));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: [LintCommands.makeExecutable, LintCommands.convertToLf] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'functiongraph-lint' },
    };
  });

  // Every file can matter (a handler, a .so, node_modules, sizes): the client forwards the events of
  // its one workspace watcher (synchronize.fileEvents); the server registers no watcher of its own.
  let functionsApplied: Promise<void> = Promise.resolve();
  let functionsKnown = false;
  connection.onNotification(FunctionsChangedNotification, (params) => {
    functionsApplied = functionsApplied.then(async () => {
      const dirty = await applyFunctions(params);
      functionsKnown = true;
      if (discovered) ready = true;
      schedule(dirty);
    }).catch((err: Error) => connection.console.error(t('Updating functions failed: {0}', err.message)));
  });

  let discovered = false;
  connection.onInitialized(() => {
    void (async () => {
      await discover();
      discovered = true;
      if (functionsKnown) ready = true;
      schedule(targets.keys());
    })();
  });

  connection.onDidChangeConfiguration((change) => {
    pushedSettings = (change.settings as { functiongraph?: { lint?: unknown } } | undefined)?.functiongraph?.lint ?? pushedSettings;
    settingsCache.clear();
    schedule(targets.keys());
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    const dirty = new Set<string>();
    for (const change of params.changes) {
      const file = toPath(change.uri);
      if (file) for (const key of await onFileChanged(file, change.type)) dirty.add(key);
    }
    if (dirty.size) schedule(dirty);
  });

  connection.onNotification('workspace/didChangeWorkspaceFolders', (params: { event: { added: { uri: string }[]; removed: { uri: string }[] } }) => {
    const removed = params.event.removed.map((f) => toPath(f.uri)).filter((p): p is string => Boolean(p));
    roots = roots.filter((r) => !removed.includes(r)).concat(params.event.added.map((f) => toPath(f.uri)).filter((p): p is string => Boolean(p)));
    for (const key of [...targets.keys()]) if (removed.some((r) => isInside(key, r))) removeTarget(key);
    void discover().then(() => schedule(targets.keys()));
  });

  documents.onDidChangeContent((e) => onDocument(e.document));
  documents.onDidClose((e) => {
    // Back to what is on disk: the closed editor's text no longer counts.
    const file = toPath(e.document.uri);
    if (!file) return;
    void onFileChanged(file, FileChangeType.Changed).then((dirty) => schedule(dirty));
  });

  connection.onCodeAction((params) => params.context.diagnostics.flatMap(codeActionsFor));

  connection.onExecuteCommand(async (params) => {
    const file = typeof params.arguments?.[0] === 'string' ? params.arguments[0] : undefined;
    if (!file) return;
    if (params.command === LintCommands.makeExecutable) {
      const st = await fs.stat(file);
      // u+x always; g+x and o+x where the file is readable by them (what chmod +x does under umask 022).
      await fs.chmod(file, st.mode | 0o100 | ((st.mode & 0o040) >> 3) | ((st.mode & 0o004) >> 2));
    } else if (params.command === LintCommands.convertToLf) {
      const text = await fs.readFile(file, 'utf8');
      await fs.writeFile(file, text.replace(/\r\n/g, '\n'));
    } else {
      return;
    }
    const dirty = await onFileChanged(path.resolve(file), FileChangeType.Changed);
    schedule(dirty);
  });

  connection.onRequest(LintPathRequest, async (params) => {
    // A .zip, a folder, or a function's key (`folder#name` where its template declares several).
    const abs = parseFunctionRef(params.path).dir;
    const st = await fs.stat(abs).catch(() => undefined);
    if (!st) throw new Error(t('{0} does not exist.', abs));
    let target: Target | undefined;
    if (st.isFile()) target = targets.get(abs) ?? addZip(abs) ?? [...targets.values()].find((x) => x.spec?.codeDir === abs);
    else {
      const spec = await resolveFunctionRef(params.path, { how: '' }).catch(() => undefined);
      target = spec ? addFunction(spec) : undefined;
    }
    if (!target) throw new Error(t('{0} is not a function folder or a .zip.', abs));
    target.view = undefined;
    await lintTarget(target);
    return {
      diagnostics: target.diagnostics.map((d) => ({
        rule: d.rule, severity: d.severity, message: d.message, file: d.file, contract: d.contract,
        line: (d.range?.start.line ?? 0) + 1, column: (d.range?.start.character ?? 0) + 1,
      })),
    };
  });

  documents.listen(connection);

  return {
    listen: () => connection.listen(),
    /** Resolves when no re-lint is pending or running (for tests and benchmarks). */
    idle: async () => {
      while (timer || draining || !ready) await (draining ?? new Promise((r) => setTimeout(r, 10)));
    },
  };
}
