// Everything the Cloud section owns, created with the extension's Ctx and disposed with it: the
// context (account, region, session), the view, the status-bar item, the log channel and the one
// running log stream.
import * as vscode from 'vscode';
import type { CloudLogLine } from '../../core/cloud/api';
import { CloudContext } from './cloudContext';
import { CloudTreeProvider, type CloudNode } from './cloudTree';

export class CloudFeature implements vscode.Disposable {
  readonly context: CloudContext;
  readonly tree: CloudTreeProvider;
  readonly view: vscode.TreeView<CloudNode>;
  /** Function logs from LTS (one channel for the concern; a new stream replaces the old one). */
  readonly logs: vscode.LogOutputChannel;
  private readonly status: vscode.StatusBarItem;
  private stream: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(extension: vscode.ExtensionContext, log: vscode.LogOutputChannel) {
    this.context = this.own(new CloudContext(extension));
    this.tree = this.own(new CloudTreeProvider(this.context, log));
    this.view = this.own(vscode.window.createTreeView('functiongraph.cloud', { treeDataProvider: this.tree }));
    this.logs = this.own(vscode.window.createOutputChannel(vscode.l10n.t('FunctionGraph Cloud Logs'), { log: true }));
    this.status = this.own(vscode.window.createStatusBarItem('functiongraph.cloud', vscode.StatusBarAlignment.Right, 10));
    this.status.name = vscode.l10n.t('FunctionGraph Cloud');
    this.own(this.context.onDidChange(() => void this.updateStatus()));
    void this.updateStatus();
  }

  private own<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  /** Account and region, without loading the SDK. */
  private async updateStatus(): Promise<void> {
    const account = await this.context.account().catch(() => undefined);
    const region = this.context.region;
    if (account) {
      this.status.text = `$(cloud) ${account.credentials.maskedAccessKey} · ${region}`;
      this.status.tooltip = vscode.l10n.t('Huawei Cloud: keys from {0}, region {1}. Click to switch the region.', account.source, region);
      this.status.command = 'functiongraph.cloud.selectRegion';
    } else {
      this.status.text = `$(cloud) ${vscode.l10n.t('Huawei Cloud: sign in')}`;
      this.status.tooltip = vscode.l10n.t('Sign in to deploy and invoke functions in Huawei Cloud.');
      this.status.command = 'functiongraph.cloud.signIn';
    }
    this.status.show();
  }

  /**
   * Streams a function's log lines into the channel until stopped (or another stream starts).
   * Resolves with the lines of the first read, so a caller knows what was there.
   */
  async streamLogs(name: string, read: (signal: AbortSignal) => AsyncGenerator<CloudLogLine[]>, describe: (err: unknown) => string): Promise<{ lines: string[] }> {
    this.stopLogs();
    const abort = (this.stream = new AbortController());
    void vscode.commands.executeCommand('setContext', 'functiongraph.cloud.streaming', true);
    this.logs.info(vscode.l10n.t('── Logs of {0} (last 30 minutes, then new lines as they come) ──', name));
    this.logs.show(true);
    const iterator = read(abort.signal);
    const write = (batch: CloudLogLine[]) => {
      for (const l of batch) {
        if (/\b(ERROR|FATAL)\b/.test(l.text)) this.logs.error(l.text);
        else if (/\bWARN(ING)?\b/.test(l.text)) this.logs.warn(l.text);
        else this.logs.info(l.text);
      }
    };
    const first = await iterator.next().catch((err: unknown) => {
      this.stopLogs();
      throw new Error(describe(err));
    });
    const lines = first.done ? [] : first.value.map((l) => l.text);
    if (!first.done) write(first.value);
    void (async () => {
      try {
        for await (const batch of { [Symbol.asyncIterator]: () => iterator }) write(batch);
      } catch (err) {
        if (!abort.signal.aborted) this.logs.error(describe(err));
      } finally {
        if (this.stream === abort) this.stopLogs();
      }
    })();
    return { lines };
  }

  stopLogs(): void {
    if (!this.stream) return;
    this.stream.abort();
    this.stream = undefined;
    void vscode.commands.executeCommand('setContext', 'functiongraph.cloud.streaming', false);
  }

  dispose(): void {
    this.stopLogs();
    for (const d of this.disposables.reverse()) d.dispose();
  }
}
