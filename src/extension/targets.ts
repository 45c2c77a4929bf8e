// What a command was invoked on: a tree node, a CodeLens/explorer Uri, a path from another
// extension or test, or nothing (then the active editor's function, the only one, or a pick).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EVENTS_DIR, isTestEventFile, loadFunction, type FunctionSpec } from '../core/config';
import type { Ctx } from './ctx';
import { isCloudNode } from './cloud/cloudTree';
import { isTestMenuArg } from './testing/saveExpected';
import { DiagnosticNode, EventNode, FunctionNode, HintNode } from './functionsTree';

export interface Target {
  spec: FunctionSpec;
  /** A test event file chosen by the target itself (an event node or an events/*.json path). */
  eventFile?: string;
}

/** What VS Code passes from a menu: one of our tree nodes, the explorer's or editor's Uri, or a Test Explorer item. */
export function isUiObject(value: unknown): boolean {
  return value instanceof FunctionNode || value instanceof EventNode || value instanceof DiagnosticNode
    || value instanceof HintNode || value instanceof vscode.Uri || isCloudNode(value) || isTestMenuArg(value);
}

export class NoFunctionError extends Error {}

export async function resolveTarget(ctx: Ctx, arg: unknown, purpose: string): Promise<Target | undefined> {
  if (arg instanceof FunctionNode) return { spec: arg.spec };
  if (arg instanceof EventNode) return { spec: arg.parent.spec, eventFile: arg.file };
  if (arg instanceof DiagnosticNode || arg instanceof HintNode) return { spec: arg.parent.spec };
  const p = arg instanceof vscode.Uri ? arg.fsPath
    : typeof arg === 'string' ? arg
      : arg && typeof arg === 'object' && typeof (arg as { dir?: unknown }).dir === 'string' ? (arg as { dir: string }).dir
        : undefined;
  if (p !== undefined) return targetFromPath(ctx, path.resolve(p));
  return pickTarget(ctx, purpose);
}

async function targetFromPath(ctx: Ctx, p: string): Promise<Target> {
  const stat = await fs.stat(p).catch(() => undefined);
  if (!stat) throw new NoFunctionError(vscode.l10n.t('{0} does not exist.', p));
  if (stat.isDirectory()) {
    const spec = (await ctx.index.get(p)) ?? (await loadFunction(p));
    if (spec) return { spec };
  }
  const spec = await ctx.index.functionOf(p) ?? (stat.isFile() ? await loadFunction(path.dirname(path.dirname(p))) : undefined);
  if (!spec) throw new NoFunctionError(vscode.l10n.t('{0} is not in a FunctionGraph function folder (a folder with template.yml or bootstrap).', p));
  const isEvent = stat.isFile() && isTestEventFile(p) && path.basename(path.dirname(p)) === EVENTS_DIR;
  return { spec, eventFile: isEvent ? p : undefined };
}

async function pickTarget(ctx: Ctx, purpose: string): Promise<Target | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') {
    const spec = await ctx.index.functionOf(active.fsPath);
    if (spec) return { spec };
  }
  const all = await ctx.index.all();
  if (all.length === 1) return { spec: all[0] };
  if (all.length === 0) {
    throw new NoFunctionError(vscode.l10n.t('There is no FunctionGraph function in this workspace (a folder with template.yml or bootstrap). Create one with "FunctionGraph: Create Function from Template".'));
  }
  const picked = await vscode.window.showQuickPick(
    all.map((s) => ({ label: s.name, description: `${s.runtime} · ${s.handler}`, detail: vscode.workspace.asRelativePath(s.dir), spec: s })),
    { placeHolder: purpose, matchOnDescription: true, matchOnDetail: true },
  );
  return picked && { spec: picked.spec };
}
