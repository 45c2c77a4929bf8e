// Packaging and checking: Package as ZIP (through the CLI, then linted), Lint, Open Config.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatBytes } from '../../core/format';
import type { CommandCall } from '../../shared/commandCall';
import { lintLogLine, LintPathRequest } from '../../shared/lspProtocol';
import { packageWithCli } from '../cliPackage';
import type { Ctx } from '../ctx';
import { refuseOnConfigErrors, requireTarget } from './kit';

export async function packageFunction(ctx: Ctx, call: CommandCall): Promise<unknown> {
  const { spec } = await requireTarget(ctx, call.target, vscode.l10n.t('Which function do you want to package?'));
  refuseOnConfigErrors(spec);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Packaging {0}...', spec.name), cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return packageWithCli(ctx.extension.extensionPath, spec, abort.signal);
    },
  );
  const size = (await fs.stat(result.zipPath)).size;
  // The server publishes the ZIP's diagnostics too, so they show in Problems beside the folder's.
  if (ctx.client?.isRunning()) {
    ctx.client.sendRequest(LintPathRequest, { path: result.zipPath }).then(undefined, (err: Error) => ctx.log.warn(`Linting ${result.zipPath}: ${err.message}`));
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  ctx.log.info(`Packaged ${spec.name}: ${result.zipPath} (${result.entries.length} entries, ${size} bytes, ${errors.length} errors, ${warnings.length} warnings)`);
  for (const d of result.diagnostics) ctx.log.info(`  ${d.severity} ${d.rule}: ${d.message}${d.file ? ` (${d.file})` : ''}`);
  if (call.interactive) {
    const reveal = vscode.l10n.t('Reveal in Explorer');
    const problems = vscode.l10n.t('Show Problems');
    const summary = vscode.l10n.t('Packaged {0}: {1} files, {2}, {3} error(s), {4} warning(s).', spec.name, result.entries.length, formatBytes(size), errors.length, warnings.length);
    const show = errors.length ? vscode.window.showErrorMessage : warnings.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(summary, reveal, ...(errors.length + warnings.length ? [problems] : [])).then((choice) => {
      if (choice === reveal) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(result.zipPath));
      if (choice === problems) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
  return { zipPath: result.zipPath, size, entries: result.entries, diagnostics: result.diagnostics };
}

/** The language server lints (the extension never lints on its own thread): lint this function now. */
export async function lint(ctx: Ctx, call: CommandCall): Promise<unknown> {
  const { spec } = await requireTarget(ctx, call.target, vscode.l10n.t('Which function do you want to check?'));
  const { diagnostics } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking {0}...', spec.name) },
    () => ctx.client!.sendRequest(LintPathRequest, { path: spec.key }),
  );
  ctx.log.info(`Lint ${spec.name}: ${diagnostics.length} finding(s)`);
  for (const d of diagnostics) ctx.log.info(`  ${lintLogLine(d, vscode.workspace.asRelativePath(d.file))}`);
  if (call.interactive) {
    if (diagnostics.length) await vscode.commands.executeCommand('workbench.actions.view.problems');
    else void vscode.window.showInformationMessage(vscode.l10n.t('{0}: no packaging problems found.', spec.name));
  }
  return diagnostics;
}

export async function openConfig(ctx: Ctx, call: CommandCall): Promise<string> {
  const { spec } = await requireTarget(ctx, call.target, vscode.l10n.t('Open the config of which function?'));
  const file = spec.configFile ?? path.join(spec.codeDir, 'bootstrap');
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  return file;
}

