// One typed view of the `functiongraph.*` settings (house style 7): the rest of the extension
// never calls getConfiguration with a string key of its own.
import * as vscode from 'vscode';
import type { InterpreterSettings } from '../core/invoke/types';
import type { TimeoutWhileDebugging } from '../shared/dapProtocol';

export class Config {
  static readonly section = 'functiongraph';

  private get raw(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(Config.section);
  }

  /** Local stand-ins for `/opt/function/runtime/...`, by runtime name or family. */
  get interpreters(): InterpreterSettings {
    const paths = this.raw.get<Record<string, string>>('interpreters') ?? {};
    return { paths: Object.fromEntries(Object.entries(paths).filter(([, v]) => typeof v === 'string' && v.trim())) };
  }

  get timeoutWhileDebugging(): TimeoutWhileDebugging {
    const v = this.raw.get<string>('debug.timeoutWhileDebugging');
    return v === 'disabled' || v === 'enforced' ? v : 'pauseAtBreakpoints';
  }

  get enforceMemory(): boolean {
    return this.raw.get<boolean>('invoke.enforceMemory') ?? false;
  }

  get codeLensEnabled(): boolean {
    return this.raw.get<boolean>('codeLens.enable') ?? true;
  }

  /** True when a change event touches one of our settings under `sub` (or any of them). */
  static affects(e: vscode.ConfigurationChangeEvent, sub?: string): boolean {
    return e.affectsConfiguration(sub ? `${Config.section}.${sub}` : Config.section);
  }
}
