// Test events as tests: Save Result as Expected, from a test run or from the last debug session.
import * as vscode from 'vscode';
import type { CommandCall } from '../../shared/commandCall';
import type { Ctx } from '../ctx';
import { saveLastSessionResult, saveResultAsExpected } from '../testing/saveExpected';
import { UserError } from './kit';

export async function saveExpected(ctx: Ctx, call: CommandCall, args: unknown[]): Promise<string[]> {
  let written: string[];
  try {
    written = await saveResultAsExpected(ctx.tests, ctx.config, args);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  if (call.interactive) void announceSaved(written);
  return written;
}

export async function saveLastExpected(ctx: Ctx, call: CommandCall): Promise<string> {
  let file: string;
  try {
    file = await saveLastSessionResult(ctx.tests);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  if (call.interactive) void announceSaved([file]);
  return file;
}

async function announceSaved(files: string[]): Promise<void> {
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Saved the expected result: {0}', files.map((f) => vscode.workspace.asRelativePath(f)).join(', ')), open);
  if (choice === open) await vscode.window.showTextDocument(vscode.Uri.file(files[0]));
}
