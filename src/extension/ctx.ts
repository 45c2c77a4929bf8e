// One object that owns everything the extension creates and disposes of it in one place
// (house style 10); commands receive it instead of reaching for globals.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CloudFeature } from './cloud/cloudFeature';
import { Config } from './config';
import { FunctionIndex } from './functionIndex';
import { FunctionsTreeProvider, type TreeNode } from './functionsTree';
import { FunctionTests } from './testing/testController';

export class Ctx implements vscode.Disposable {
  readonly config = new Config();
  readonly log: vscode.LogOutputChannel;
  /** What invocations print (logs, results, REPORT lines), highlighted by our log grammar. */
  readonly invocations: vscode.OutputChannel;
  readonly index: FunctionIndex;
  readonly tree: FunctionsTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  /** The Cloud section (issue 13): account, region, the cloud tree, log streaming. */
  readonly cloud: CloudFeature;
  /** Test events as tests in the Test Explorer. */
  readonly tests: FunctionTests;
  client: LanguageClient | undefined;
  /** Running `functiongraph` debug sessions (not their children). */
  readonly sessions = new Set<vscode.DebugSession>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = this.own(vscode.window.createOutputChannel('FunctionGraph', { log: true }));
    this.invocations = this.own(vscode.window.createOutputChannel(vscode.l10n.t('FunctionGraph Invocations'), 'functiongraph-log'));
    this.index = this.own(new FunctionIndex(this.log));
    this.tree = this.own(new FunctionsTreeProvider(this.index));
    this.treeView = this.own(vscode.window.createTreeView('functiongraph.functions', { treeDataProvider: this.tree, showCollapseAll: true }));
    this.cloud = this.own(new CloudFeature(extension, this.log));
    this.tests = this.own(new FunctionTests(this.index, this.config, this.log));
    // "Send Test Event" shows while a session runs, also when one of its child sessions has focus.
    const sessionContext = () => void vscode.commands.executeCommand('setContext', 'functiongraph.sessionRunning', this.sessions.size > 0);
    this.own(vscode.debug.onDidStartDebugSession((s) => {
      if (s.type !== 'functiongraph') return;
      this.sessions.add(s);
      sessionContext();
    }));
    this.own(vscode.debug.onDidTerminateDebugSession((s) => {
      if (this.sessions.delete(s)) sessionContext();
    }));
  }

  own<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  /** Reveals a function in the tree (after the index has seen it). */
  async reveal(dir: string): Promise<void> {
    const spec = await this.index.load(dir);
    if (!spec) return;
    await this.treeView.reveal(this.tree.nodeFor(spec), { select: true, focus: false, expand: true });
  }

  dispose(): void {
    for (const d of this.disposables.reverse()) {
      try {
        d.dispose();
      } catch (err) {
        console.error(err);
      }
    }
    this.disposables.length = 0;
  }
}
