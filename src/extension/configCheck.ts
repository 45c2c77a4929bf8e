// The one config check (core/config/checkConfig.ts) before the tree's actions and F5 start
// anything: an error stops them with a message that names the file, line and rule, and an
// "Open template.yml" button that puts the cursor on that line.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkConfig, type ConfigFinding, type FunctionSpec } from '../core/config';

export interface ConfigRefusal {
  message: string;
  /** The button: opens the config with the cursor on the first error. */
  action: { title: string; command: string; args: unknown[] };
}

/** Why `spec` must not run (its config has errors), or undefined when it may. */
export function configRefusal(spec: FunctionSpec): ConfigRefusal | undefined {
  const { errors } = checkConfig(spec);
  const [first] = errors;
  if (!first) return undefined;
  const more = errors.length > 1 ? ' ' + vscode.l10n.t('({0} more in Problems)', errors.length - 1) : '';
  return {
    message: vscode.l10n.t('{0} was not started: {1} line {2}: {3} [{4}]', spec.name, path.basename(first.file), (first.range?.start.line ?? 0) + 1, first.message, first.rule) + more,
    action: { title: vscode.l10n.t('Open {0}', path.basename(first.file)), command: 'vscode.open', args: openArgs(first) },
  };
}

/** The config's warnings as log lines (shown, never blocking). */
export function configWarnings(spec: FunctionSpec): string[] {
  return checkConfig(spec).warnings.map((w) => `${path.basename(w.file)}:${(w.range?.start.line ?? 0) + 1}: ${w.message} [${w.rule}]`);
}

/** Shows the refusal with its button; true when the button was pressed. */
export async function showConfigRefusal(refusal: ConfigRefusal): Promise<void> {
  const choice = await vscode.window.showErrorMessage(refusal.message, refusal.action.title);
  if (choice) await vscode.commands.executeCommand(refusal.action.command, ...refusal.action.args);
}

function openArgs(f: ConfigFinding): unknown[] {
  const at = f.range ? new vscode.Range(f.range.start.line, f.range.start.character, f.range.start.line, f.range.start.character) : undefined;
  return [vscode.Uri.file(f.file), { preview: false, ...(at ? { selection: at } : {}) } satisfies vscode.TextDocumentShowOptions];
}
