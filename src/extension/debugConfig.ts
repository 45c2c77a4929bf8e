// F5 with or without launch.json (house style 4): initial configurations per function, a dynamic
// configuration per function, and filling in the function and event of a bare configuration from
// the active editor (or the only function, or a pick), or stopping with a clear message.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listEvents, type FunctionSpec } from '../core/config';
import type { FunctionGraphLaunchArguments } from '../shared/dapProtocol';
import type { Config } from './config';
import { DEBUG_TYPE } from './debugAdapters';
import type { FunctionIndex } from './functionIndex';
import { offerTrust, trustProblem } from './trust';

/** A launch configuration for one function, with paths relative to the workspace folder when inside one. */
export async function launchConfigFor(spec: FunctionSpec, folder?: vscode.WorkspaceFolder, event?: string): Promise<vscode.DebugConfiguration> {
  const [first] = event ? [event] : await listEvents(spec);
  const rel = (p: string) => {
    if (!folder) return p;
    const r = path.relative(folder.uri.fsPath, p);
    return r.startsWith('..') || path.isAbsolute(r) ? p : r ? `\${workspaceFolder}/${r.split(path.sep).join('/')}` : '${workspaceFolder}';
  };
  const config: vscode.DebugConfiguration = { type: DEBUG_TYPE, request: 'launch', name: `FunctionGraph: ${spec.name}`, function: rel(spec.dir) };
  if (first) config.event = rel(first);
  return config;
}

export class FunctionGraphConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly index: FunctionIndex, private readonly config: Config) {}

  /** launch.json's initial content, and the dynamic list in the Run view's dropdown. */
  async provideDebugConfigurations(folder: vscode.WorkspaceFolder | undefined): Promise<vscode.DebugConfiguration[]> {
    const all = await this.index.all();
    const inFolder = folder ? all.filter((s) => vscode.workspace.getWorkspaceFolder(vscode.Uri.file(s.dir))?.uri.toString() === folder.uri.toString()) : all;
    return Promise.all(inFolder.map((s) => launchConfigFor(s, folder ?? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(s.dir)))));
  }

  async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | null | undefined> {
    const problem = trustProblem();
    if (problem) {
      void offerTrust(problem);
      return undefined; // abort the launch; the message explains
    }
    if (!config.type && !config.request && !config.name) {
      // F5 with no launch.json: the function of the active editor (or the only one).
      const spec = await this.pickFunction();
      if (!spec) return undefined;
      return launchConfigFor(spec, folder ?? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(spec.dir)));
    }
    if (!config.function) {
      const spec = await this.pickFunction();
      if (!spec) return undefined;
      config.function = spec.dir;
      if (config.event === undefined && config.events === undefined) {
        const [first] = await listEvents(spec);
        if (first) config.event = first;
      }
    }
    return config;
  }

  /** Settings travel with the configuration, so the inline and the standalone adapter behave the same. */
  resolveDebugConfigurationWithSubstitutedVariables(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration {
    const args = config as vscode.DebugConfiguration & FunctionGraphLaunchArguments;
    args.__fgtk = {
      interpreters: this.config.interpreters,
      enforceMemory: this.config.enforceMemory,
      timeoutWhileDebugging: this.config.timeoutWhileDebugging,
      childSessions: true,
    };
    return args;
  }

  private async pickFunction(): Promise<FunctionSpec | undefined> {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === 'file') {
      const spec = await this.index.functionOf(active.fsPath);
      if (spec) return spec;
    }
    const all = await this.index.all();
    if (all.length === 1) return all[0];
    if (all.length === 0) {
      const create = vscode.l10n.t('Create Function');
      const choice = await vscode.window.showErrorMessage(
        vscode.l10n.t('There is no FunctionGraph function to debug in this workspace (a folder with template.yml or bootstrap). Create one from a template, or open a file of your function and press F5 again.'),
        create);
      if (choice === create) await vscode.commands.executeCommand('functiongraph.createFunction');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(all.map((s) => ({ label: s.name, description: `${s.runtime} · ${s.handler}`, detail: vscode.workspace.asRelativePath(s.dir), spec: s })), {
      placeHolder: vscode.l10n.t('Which function do you want to debug? (Open a file of a function to skip this question.)'),
    });
    return picked?.spec;
  }
}
