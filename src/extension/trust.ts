// Workspace Trust: invoking and debugging run the workspace's code, so they need trust; the tree
// and the linter only read files and keep working (manifest: untrustedWorkspaces "limited").
import * as vscode from 'vscode';

/** Undefined when trusted; otherwise the message to show (it names Workspace Trust, as users search for it). */
export function trustProblem(): string | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  return vscode.l10n.t('Invoking and debugging functions runs code from this workspace, so it needs Workspace Trust. Trust the workspace to continue.');
}

export async function offerTrust(message: string): Promise<void> {
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const choice = await vscode.window.showErrorMessage(message, manage);
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
}
