// The Functions view: a node per function (runtime, handler, memory, timeout), with its test
// events and its package diagnostics as children. Only the nodes that changed are refreshed.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listEvents, type FunctionSpec } from '../core/config';
import type { FunctionIndex } from './functionIndex';

export class FunctionNode {
  readonly kind = 'function';
  constructor(public spec: FunctionSpec) {}
  get key(): string { return this.spec.key; }
}
export class EventNode {
  readonly kind = 'event';
  constructor(readonly parent: FunctionNode, readonly file: string) {}
}
export class DiagnosticNode {
  readonly kind = 'diagnostic';
  constructor(readonly parent: FunctionNode, readonly uri: vscode.Uri, readonly diagnostic: vscode.Diagnostic) {}
}
export class HintNode {
  readonly kind = 'hint';
  constructor(readonly parent: FunctionNode, readonly label: string, readonly command: vscode.Command) {}
}
export type TreeNode = FunctionNode | EventNode | DiagnosticNode | HintNode;

/**
 * Diagnostics VS Code knows (from our language server) for files under a function's folders. In a
 * template that declares several functions, a diagnostic on the template belongs to the function
 * whose resource (from its logical ID to the end of its block) holds it.
 */
export function diagnosticsOf(spec: FunctionSpec, all: readonly [vscode.Uri, readonly vscode.Diagnostic[]][]): [vscode.Uri, vscode.Diagnostic][] {
  const roots = [...new Set([spec.configDir, spec.codeDir])];
  const block = (spec.siblings ?? 1) > 1 ? spec.locate?.([])?.range : undefined;
  const first = spec.positions.Resource?.start.line ?? block?.start.line ?? 0;
  const isOthers = (uri: vscode.Uri, d: vscode.Diagnostic) => block !== undefined && uri.fsPath === spec.configFile
    && (d.range.start.line < first || d.range.start.line > block.end.line);
  const out: [vscode.Uri, vscode.Diagnostic][] = [];
  for (const [uri, diags] of all) {
    if (uri.scheme !== 'file' || !roots.some((r) => uri.fsPath === r || uri.fsPath.startsWith(r + path.sep))) continue;
    for (const d of diags) if (!isOthers(uri, d)) out.push([uri, d]);
  }
  return out;
}

const DIAG_DEBOUNCE_MS = 250;

export class FunctionsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly nodes = new Map<string, FunctionNode>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private diagTimer: NodeJS.Timeout | undefined;
  private diagUris = new Set<string>();
  /** All diagnostics, read once per change rather than once per node (hundreds of functions). */
  private allDiagnostics: [vscode.Uri, vscode.Diagnostic[]][] | undefined;

  constructor(private readonly index: FunctionIndex) {
    this.disposables.push(
      index.onDidChange((change) => this.onIndexChange(change.keys)),
      vscode.languages.onDidChangeDiagnostics((e) => this.onDiagnostics(e.uris)),
    );
  }

  private onIndexChange(keys: Set<string> | undefined): void {
    if (!keys) {
      this.emitter.fire(undefined);
      return;
    }
    // A function whose config changed may have a new name or runtime: refresh its node in place;
    // new or removed functions change the root list.
    let rootChanged = false;
    const changed: TreeNode[] = [];
    for (const key of keys) {
      const node = this.nodes.get(key);
      if (node) changed.push(node);
      else rootChanged = true;
    }
    void this.index.all().then((specs) => {
      const live = new Set(specs.map((s) => s.key));
      for (const key of keys) if (this.nodes.has(key) && !live.has(key)) rootChanged = true;
      for (const spec of specs) {
        const node = this.nodes.get(spec.key);
        if (node) node.spec = spec;
      }
      this.emitter.fire(rootChanged ? undefined : changed);
    });
  }

  private diagnostics(): [vscode.Uri, vscode.Diagnostic[]][] {
    return (this.allDiagnostics ??= vscode.languages.getDiagnostics());
  }

  private onDiagnostics(uris: readonly vscode.Uri[]): void {
    this.allDiagnostics = undefined;
    for (const u of uris) this.diagUris.add(u.fsPath);
    clearTimeout(this.diagTimer);
    this.diagTimer = setTimeout(() => {
      const files = [...this.diagUris];
      this.diagUris.clear();
      const touched = [...this.nodes.values()].filter((n) => files.some((f) => f === n.key || f.startsWith(n.key + path.sep) || f.startsWith(n.spec.configDir + path.sep) || f.startsWith(n.spec.codeDir + path.sep)));
      if (touched.length) this.emitter.fire(touched);
    }, DIAG_DEBOUNCE_MS);
  }

  /** The node object for a function, stable across refreshes so reveal() finds it. */
  nodeFor(spec: FunctionSpec): FunctionNode {
    const key = spec.key;
    let node = this.nodes.get(key);
    if (!node) this.nodes.set(key, (node = new FunctionNode(spec)));
    node.spec = spec;
    return node;
  }

  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    if (!element) {
      const specs = await this.index.all();
      const live = new Set(specs.map((s) => s.key));
      for (const key of this.nodes.keys()) if (!live.has(key)) this.nodes.delete(key);
      void vscode.commands.executeCommand('setContext', 'functiongraph.functionCount', specs.length);
      return specs.map((s) => this.nodeFor(s));
    }
    if (!(element instanceof FunctionNode)) return [];
    const events = (await listEvents(element.spec)).map((f) => new EventNode(element, f));
    const diagnostics = diagnosticsOf(element.spec, this.diagnostics())
      .sort(([, a], [, b]) => a.severity - b.severity)
      .map(([uri, d]) => new DiagnosticNode(element, uri, d));
    const hints: TreeNode[] = events.length ? [] : [new HintNode(element, vscode.l10n.t('No test events: create one'), {
      title: vscode.l10n.t('New Test Event'), command: 'functiongraph.newEvent', arguments: [element],
    })];
    return [...events, ...hints, ...diagnostics];
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return element instanceof FunctionNode ? undefined : element.parent;
  }

  getTreeItem(element: TreeNode): vscode.TreeItem {
    if (element instanceof FunctionNode) return functionItem(element.spec, diagnosticsOf(element.spec, this.diagnostics()).map(([, d]) => d));
    if (element instanceof EventNode) return eventItem(element);
    if (element instanceof DiagnosticNode) return diagnosticItem(element);
    const item = new vscode.TreeItem(element.label);
    item.iconPath = new vscode.ThemeIcon('lightbulb');
    item.command = element.command;
    item.contextValue = 'fg.hint';
    return item;
  }

  dispose(): void {
    clearTimeout(this.diagTimer);
    for (const d of this.disposables) d.dispose();
  }
}

const FAMILY_ICON: Record<string, string> = {
  nodejs: 'symbol-event', python: 'symbol-method', custom: 'terminal', http: 'globe', go: 'symbol-function',
  java: 'coffee', csharp: 'symbol-class', php: 'symbol-function', unknown: 'question',
};

export function functionItem(spec: FunctionSpec, diagnostics: readonly vscode.Diagnostic[]): vscode.TreeItem {
  const item = new vscode.TreeItem(spec.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `fn:${spec.key}`;
  item.contextValue = `fg.function.${spec.family}`;
  item.description = `${spec.runtime} · ${spec.handler} · ${spec.memoryMB} MB · ${spec.timeoutS} s`;
  const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  const warnings = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
  item.iconPath = errors
    ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
    : warnings
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
      : new vscode.ThemeIcon(FAMILY_ICON[spec.family] ?? 'symbol-function');
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMd(spec.name)}**\n\n`);
  md.appendMarkdown(`| | |\n|---|---|\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('Runtime')} | ${escapeMd(spec.runtime)} |\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('Handler')} | \`${escapeMd(spec.handler)}\` |\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('Memory')} | ${spec.memoryMB} MB |\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('Timeout')} | ${spec.timeoutS} s |\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('Folder')} | ${escapeMd(spec.configDir)} |\n`);
  if (spec.codeDir !== spec.configDir) md.appendMarkdown(`| ${vscode.l10n.t('Code (CodeUri)')} | ${escapeMd(spec.codeDir)} |\n`);
  if (errors || warnings) md.appendMarkdown(`\n${vscode.l10n.t('{0} error(s), {1} warning(s) in the package', errors, warnings)}\n`);
  for (const p of spec.problems) md.appendMarkdown(`\n$(warning) ${escapeMd(p.message)}\n`);
  item.tooltip = md;
  return item;
}

function eventItem(node: EventNode): vscode.TreeItem {
  const item = new vscode.TreeItem(path.basename(node.file, '.json'));
  item.id = `ev:${node.file}`;
  item.resourceUri = vscode.Uri.file(node.file);
  item.iconPath = new vscode.ThemeIcon('json');
  item.contextValue = 'fg.event';
  item.tooltip = node.file;
  item.description = vscode.l10n.t('test event');
  item.command = { title: vscode.l10n.t('Open'), command: 'vscode.open', arguments: [vscode.Uri.file(node.file)] };
  return item;
}

function diagnosticItem(node: DiagnosticNode): vscode.TreeItem {
  const d = node.diagnostic;
  const item = new vscode.TreeItem(d.message.split('\n')[0]);
  const rel = path.relative(node.parent.key, node.uri.fsPath) || path.basename(node.uri.fsPath);
  item.description = `${rel}:${d.range.start.line + 1}${d.code ? ` · ${typeof d.code === 'object' ? d.code.value : d.code}` : ''}`;
  item.tooltip = d.message;
  const icon = d.severity === vscode.DiagnosticSeverity.Error ? ['error', 'problemsErrorIcon.foreground']
    : d.severity === vscode.DiagnosticSeverity.Warning ? ['warning', 'problemsWarningIcon.foreground'] : ['info', 'problemsInfoIcon.foreground'];
  item.iconPath = new vscode.ThemeIcon(icon[0], new vscode.ThemeColor(icon[1]));
  item.contextValue = 'fg.diagnostic';
  item.command = { title: vscode.l10n.t('Show'), command: 'vscode.open', arguments: [node.uri, { selection: d.range } satisfies vscode.TextDocumentShowOptions] };
  return item;
}

const escapeMd = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|]/g, '\\$&');
