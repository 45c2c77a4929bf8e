// Creating: a function from a template (with its launch configuration), a test event from a trigger's shape.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isTestEventFile, listEvents, loadFunction } from '../../core/config';
import * as eventTemplates from '../../core/events';
import * as templates from '../../core/templates';
import type { CommandCall } from '../../shared/commandCall';
import type { Ctx } from '../ctx';
import { launchConfigFor } from '../debugConfig';
import { requireTarget, UserError } from './kit';

export interface CreateOptions { runtime?: string; template?: string; name?: string; folder?: string }

/** FunctionGraph function names: a letter first, then letters, digits, `_` and `-`, at most 60 characters. */
export function functionNameProblem(name: string): string | undefined {
  if (!name) return vscode.l10n.t('Enter a function name.');
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(name)) {
    return vscode.l10n.t('A function name starts with a letter and has at most 60 letters, digits, underscores (_) and hyphens (-).');
  }
  return undefined;
}

export async function createFunction(ctx: Ctx, opts: CreateOptions = {}): Promise<string | undefined> {
  const runtimes = templates.listRuntimes();
  const runtime = opts.runtime ?? (await vscode.window.showQuickPick(
    runtimes.map((r) => ({ label: r.label, description: r.description, id: r.id })),
    { title: vscode.l10n.t('Create Function (1/4)'), placeHolder: vscode.l10n.t('Select a runtime') },
  ))?.id;
  if (!runtime) return undefined;
  if (!runtimes.some((r) => r.id === runtime)) {
    throw new UserError(vscode.l10n.t('Unknown runtime "{0}". Known runtimes: {1}.', runtime, runtimes.map((r) => r.id).join(', ')));
  }
  const choices = templates.listTemplates(runtime);
  const template = opts.template ?? (choices.length === 1 ? choices[0].id : (await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.label, description: c.description, id: c.id })),
    { title: vscode.l10n.t('Create Function (2/4)'), placeHolder: vscode.l10n.t('Select a template') },
  ))?.id);
  if (!template) return undefined;
  if (!choices.some((c) => c.id === template)) {
    throw new UserError(vscode.l10n.t('Unknown template "{0}" for {1}. Templates: {2}.', template, runtime, choices.map((c) => c.id).join(', ')));
  }
  const name = opts.name ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('Create Function (3/4)'),
    prompt: vscode.l10n.t('Function name'),
    value: `${template.replace(/[^A-Za-z0-9_-]/g, '-')}-function`.replace(/^[^A-Za-z]+/, 'fn-'),
    validateInput: (v) => functionNameProblem(v.trim()),
  });
  if (!name) return undefined;
  const nameProblem = functionNameProblem(name.trim());
  if (nameProblem) throw new UserError(nameProblem);
  const folder = opts.folder ?? await pickParentFolder();
  if (!folder) return undefined;

  const created = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating function {0}...', name) },
    () => templates.scaffold({ runtime, template, name: name.trim(), folder }),
  );
  ctx.log.info(`Created ${created.dir} (${created.files.length} files) from ${runtime}/${template}`);
  for (const note of created.notes) {
    ctx.log.warn(note);
    if (!opts.name) void vscode.window.showWarningMessage(note);
  }
  await addLaunchConfiguration(ctx, created.dir).catch((err: Error) => ctx.log.warn(`Could not add a launch configuration: ${err.message}`));
  const doc = await vscode.workspace.openTextDocument(created.entryFile);
  await vscode.window.showTextDocument(doc, { preview: false });
  await ctx.reveal(created.dir).catch((err: Error) => ctx.log.warn(`Could not reveal ${created.dir}: ${err.message}`));
  return created.dir;
}

async function pickParentFolder(): Promise<string | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const browse = vscode.l10n.t('Browse...');
  const items = [...folders.map((f) => ({ label: f.name, description: f.uri.fsPath, path: f.uri.fsPath })), { label: browse, description: '', path: '' }];
  const picked = folders.length === 0 ? items[0] : await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Create Function (4/4)'), placeHolder: vscode.l10n.t('Where should the function folder be created?'),
  });
  if (!picked) return undefined;
  if (picked.path) return picked.path;
  const uris = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Create Here') });
  return uris?.[0]?.fsPath;
}

/** The new function gets its own entry in launch.json when it sits in a workspace folder. */
async function addLaunchConfiguration(ctx: Ctx, dir: string): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir));
  if (!folder) return;
  const spec = (await ctx.index.get(dir)) ?? (await loadFunction(dir));
  if (!spec) return;
  const config = await launchConfigFor(spec, folder);
  const launch = vscode.workspace.getConfiguration('launch', folder.uri);
  const existing = launch.get<vscode.DebugConfiguration[]>('configurations') ?? [];
  if (existing.some((c) => c.name === config.name)) return;
  await launch.update('configurations', [...existing, config], vscode.ConfigurationTarget.WorkspaceFolder);
}


export interface NewEventOptions { template?: string; name?: string }

export async function newEvent(ctx: Ctx, call: CommandCall, opts: NewEventOptions = {}): Promise<string | undefined> {
  const { spec } = await requireTarget(ctx, call.target, vscode.l10n.t('Add a test event to which function?'));
  const list = eventTemplates.listEventTemplates();
  const id = opts.template ?? (await vscode.window.showQuickPick(
    list.map((e) => ({ label: e.title, description: e.trigger, id: e.id })),
    { placeHolder: vscode.l10n.t('Which trigger should the test event come from?'), matchOnDescription: true },
  ))?.id;
  if (!id) return undefined;
  if (!list.some((e) => e.id === id)) throw new UserError(vscode.l10n.t('Unknown event template "{0}". Templates: {1}.', id, list.map((e) => e.id).join(', ')));
  const dir = path.join(spec.configDir, 'events');
  const existing = new Set((await listEvents(spec)).map((f) => path.basename(f, '.json')));
  let suggestion = id;
  for (let i = 2; existing.has(suggestion); i++) suggestion = `${id}-${i}`;
  const name = opts.name ?? await vscode.window.showInputBox({
    prompt: vscode.l10n.t('File name of the test event (in {0})', vscode.workspace.asRelativePath(dir)),
    value: suggestion,
    validateInput: (v) => !/^[\w.-]+$/.test(v.trim()) ? vscode.l10n.t('Use letters, digits, ".", "_" and "-" only.')
      : !isTestEventFile(`${v.trim().replace(/\.json$/i, '')}.json`) ? vscode.l10n.t('Names ending in ".expected" are for expected results, not events; choose another name.')
      : existing.has(v.trim().replace(/\.json$/i, '')) ? vscode.l10n.t('{0}.json exists already.', v.trim().replace(/\.json$/i, '')) : undefined,
  });
  if (!name) return undefined;
  const file = path.join(dir, `${name.trim().replace(/\.json$/i, '')}.json`);
  await fs.mkdir(dir, { recursive: true });
  try {
    await fs.writeFile(file, eventTemplates.eventTemplate(id), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError(vscode.l10n.t('{0} exists already; choose another name.', file));
    throw err;
  }
  if (call.interactive) await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  return file;
}

