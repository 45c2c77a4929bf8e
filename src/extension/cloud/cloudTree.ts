// The Cloud view: the signed-in account, the region (click to switch), then the region's functions
// with runtime and memory, each with its triggers (read only). Listing is the first cloud call, so
// Huawei's SDK loads when this view is first expanded, not at activation.
import * as vscode from 'vscode';
import type { CloudFunction, CloudTrigger } from '../../core/cloud/api';
import { describeCloudError } from '../../core/cloud/errors';
import type { CloudContext } from './cloudContext';

export class AccountNode { readonly kind = 'account'; constructor(readonly label: string, readonly source: string | undefined) {} }
export class RegionNode { readonly kind = 'region'; constructor(readonly region: string, readonly projectId: string | undefined) {} }
export class CloudFunctionNode { readonly kind = 'cloudFunction'; constructor(readonly fn: CloudFunction, readonly region: string) {} }
export class TriggerNode { readonly kind = 'trigger'; constructor(readonly parent: CloudFunctionNode, readonly trigger: CloudTrigger) {} }
export class CloudMessageNode {
  readonly kind = 'message';
  constructor(readonly label: string, readonly icon: string, readonly command?: vscode.Command, readonly tooltip?: string, readonly parent?: CloudFunctionNode) {}
}
export type CloudNode = AccountNode | RegionNode | CloudFunctionNode | TriggerNode | CloudMessageNode;

export function isCloudNode(value: unknown): boolean {
  return value instanceof AccountNode || value instanceof RegionNode || value instanceof CloudFunctionNode || value instanceof TriggerNode || value instanceof CloudMessageNode;
}

export class CloudTreeProvider implements vscode.TreeDataProvider<CloudNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<CloudNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;
  /** The functions last listed, for commands called with a name. */
  functions: CloudFunction[] = [];

  constructor(private readonly cloud: CloudContext, private readonly log: vscode.LogOutputChannel) {
    this.subscription = cloud.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  async getChildren(element?: CloudNode): Promise<CloudNode[]> {
    if (element instanceof CloudFunctionNode) return this.triggers(element);
    if (element) return [];
    const account = await this.cloud.account().catch((err: Error) => {
      this.log.warn(`Cloud account: ${err.message}`);
      return undefined;
    });
    const region = this.cloud.region;
    if (!account) {
      void vscode.commands.executeCommand('setContext', 'functiongraph.cloud.signedIn', false);
      return [
        new CloudMessageNode(vscode.l10n.t('Sign in to Huawei Cloud'), 'account', { title: vscode.l10n.t('Sign In'), command: 'functiongraph.cloud.signIn' }),
        new RegionNode(region, undefined),
      ];
    }
    void vscode.commands.executeCommand('setContext', 'functiongraph.cloud.signedIn', true);
    const head: CloudNode[] = [new AccountNode(account.credentials.maskedAccessKey, account.source)];
    try {
      const session = await this.cloud.connect();
      head.push(new RegionNode(session.region, session.projectId));
      this.functions = await session.api.listFunctions();
      this.log.info(`Cloud: ${this.functions.length} function(s) in ${session.region}`);
      if (this.functions.length === 0) return [...head, new CloudMessageNode(vscode.l10n.t('No functions in this region'), 'info')];
      return [...head, ...this.functions.map((f) => new CloudFunctionNode(f, session.region))];
    } catch (err) {
      const message = describeCloudError(err, { region, secrets: account.credentials.secrets() });
      this.log.error(`Cloud: ${message}`);
      if (head.length === 1) head.push(new RegionNode(region, undefined));
      return [...head, new CloudMessageNode(message.split('\n')[0], 'error', { title: vscode.l10n.t('Sign In'), command: 'functiongraph.cloud.signIn' }, message)];
    }
  }

  private async triggers(node: CloudFunctionNode): Promise<CloudNode[]> {
    try {
      const session = await this.cloud.connect();
      const triggers = await session.api.listTriggers(node.fn.functionUrn);
      if (triggers.length === 0) return [new CloudMessageNode(vscode.l10n.t('No triggers'), 'circle-slash', undefined, undefined, node)];
      return triggers.map((t) => new TriggerNode(node, t));
    } catch (err) {
      const message = describeCloudError(err, { region: node.region, functionName: node.fn.name });
      return [new CloudMessageNode(message.split('\n')[0], 'error', undefined, message, node)];
    }
  }

  getParent(element: CloudNode): CloudNode | undefined {
    if (element instanceof TriggerNode) return element.parent;
    if (element instanceof CloudMessageNode) return element.parent;
    return undefined;
  }

  getTreeItem(element: CloudNode): vscode.TreeItem {
    if (element instanceof AccountNode) {
      const item = new vscode.TreeItem(element.label);
      item.description = element.source === 'environment' ? vscode.l10n.t('from the environment') : element.source === 'VS Code' ? vscode.l10n.t('signed in') : element.source;
      item.iconPath = new vscode.ThemeIcon('account');
      item.contextValue = 'fg.cloudAccount';
      item.tooltip = vscode.l10n.t('Access key {0}, from {1}', element.label, element.source ?? '');
      return item;
    }
    if (element instanceof RegionNode) {
      const item = new vscode.TreeItem(vscode.l10n.t('Region: {0}', element.region));
      item.description = element.projectId ? vscode.l10n.t('project {0}', element.projectId) : undefined;
      item.iconPath = new vscode.ThemeIcon('globe');
      item.contextValue = 'fg.cloudRegion';
      item.command = { title: vscode.l10n.t('Switch Region'), command: 'functiongraph.cloud.selectRegion' };
      return item;
    }
    if (element instanceof CloudFunctionNode) {
      const f = element.fn;
      const item = new vscode.TreeItem(f.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `cloud:${f.functionUrn}`;
      // The package only when it is not default: namesakes in two packages are told apart.
      item.description = `${f.runtime} · ${f.memorySizeMB} MB${f.packageName && f.packageName !== 'default' ? ` · ${f.packageName}` : ''}`;
      item.iconPath = new vscode.ThemeIcon('cloud');
      item.contextValue = 'fg.cloudFunction';
      const md = new vscode.MarkdownString();
      md.appendMarkdown(`**${f.name}**\n\n`);
      md.appendMarkdown(`| | |\n|---|---|\n`);
      md.appendMarkdown(`| ${vscode.l10n.t('Package')} | ${f.packageName} |\n`);
      md.appendMarkdown(`| ${vscode.l10n.t('Runtime')} | ${f.runtime} |\n| ${vscode.l10n.t('Handler')} | \`${f.handler}\` |\n`);
      md.appendMarkdown(`| ${vscode.l10n.t('Memory')} | ${f.memorySizeMB} MB |\n| ${vscode.l10n.t('Timeout')} | ${f.timeoutSeconds} s |\n`);
      if (f.lastModified) md.appendMarkdown(`| ${vscode.l10n.t('Last modified')} | ${f.lastModified} |\n`);
      md.appendMarkdown(`\n\`${f.functionUrn}\``);
      item.tooltip = md;
      return item;
    }
    if (element instanceof TriggerNode) {
      const t = element.trigger;
      const item = new vscode.TreeItem(t.type);
      item.description = t.status;
      item.iconPath = new vscode.ThemeIcon('zap');
      item.contextValue = 'fg.cloudTrigger';
      item.tooltip = new vscode.MarkdownString('```json\n' + JSON.stringify(t.details, null, 2) + '\n```');
      return item;
    }
    const item = new vscode.TreeItem(element.label);
    item.iconPath = new vscode.ThemeIcon(element.icon);
    item.command = element.command;
    item.tooltip = element.tooltip;
    item.contextValue = 'fg.cloudMessage';
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
