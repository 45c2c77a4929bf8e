// The Cloud commands: Sign In/Out, region, Deploy (trust needed: it packages workspace code),
// Invoke in Cloud with the local test events, Show Logs streaming into a LogOutputChannel,
// Download to Workspace, Open in Console. Reading works in an untrusted workspace.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CloudFunction } from '../../core/cloud/api';
import { functionConsoleUrl, functionListConsoleUrl, parseFunctionUrn } from '../../core/cloud/consoleUrl';
import type { CloudCredentials } from '../../core/cloud/credentials';
import { deployFunction, PackageTooLargeError } from '../../core/cloud/deploy';
import { describeCloudError } from '../../core/cloud/errors';
import { listEvents } from '../../core/config';
import { formatBytes } from '../../core/format';
import { reportLine } from '../../core/invoke/report';
import type { CommandCall } from '../../shared/commandCall';
import { packageWithCli } from '../cliPackage';
import { pullWithCli } from './cliPull';
import { UserError, type CommandDef } from '../commands/kit';
import type { Ctx } from '../ctx';
import { resolveTarget } from '../targets';
import { CloudFunctionNode } from './cloudTree';

/** FunctionGraph's public regions, for the switcher (any other id can be typed). */
const REGIONS = ['cn-north-4', 'cn-north-1', 'cn-east-3', 'cn-east-2', 'cn-south-1', 'cn-southwest-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'af-south-1', 'la-north-2', 'la-south-2', 'sa-brazil-1', 'tr-west-1', 'me-east-1'];

export const CLOUD_COMMANDS: Record<string, CommandDef> = {
  'functiongraph.cloud.signIn': { run: (ctx, call) => signIn(ctx, call) },
  'functiongraph.cloud.signOut': { run: async (ctx) => ctx.cloud.context.signOut() },
  'functiongraph.cloud.selectRegion': { run: (ctx, call) => selectRegion(ctx, call) },
  'functiongraph.cloud.refresh': { run: (ctx) => refresh(ctx) },
  'functiongraph.cloud.deploy': { needs: ['trust'], run: (ctx, call, args) => deploy(ctx, call, args) },
  'functiongraph.cloud.invoke': { run: (ctx, call) => invokeInCloud(ctx, call) },
  'functiongraph.cloud.showLogs': { run: (ctx, call) => showLogs(ctx, call) },
  'functiongraph.cloud.stopLogs': { run: async (ctx) => ctx.cloud.stopLogs() },
  'functiongraph.cloud.download': { run: (ctx, call) => download(ctx, call) },
  'functiongraph.cloud.openConsole': { run: (ctx, call) => openConsole(ctx, call) },
};

function cloudError(ctx: Ctx, err: unknown, functionName?: string, credentials?: CloudCredentials): Error {
  if (err instanceof vscode.CancellationError || err instanceof UserError) return err;
  if ((err as Error)?.name === 'AbortError' || (err as { kind?: string })?.kind === 'aborted') return new vscode.CancellationError();
  return new UserError(describeCloudError(err, { region: ctx.cloud.context.region, functionName, secrets: credentials?.secrets() ?? [] }));
}

async function session(ctx: Ctx) {
  try {
    return await ctx.cloud.context.connect();
  } catch (err) {
    throw new UserError(describeCloudError(err, { region: ctx.cloud.context.region }), { title: vscode.l10n.t('Sign In'), command: 'functiongraph.cloud.signIn' });
  }
}

/** Refreshes the view and resolves with what its top level now shows (for code and tests). */
async function refresh(ctx: Ctx): Promise<{ items: vscode.TreeItem[] }> {
  ctx.cloud.context.refresh();
  const nodes = await ctx.cloud.tree.getChildren();
  return { items: nodes.map((n) => ctx.cloud.tree.getTreeItem(n)) };
}

// ---- sign in ------------------------------------------------------------------------------

interface SignInOptions { ak?: string; sk?: string; token?: string; projectId?: string }

async function signIn(ctx: Ctx, call: CommandCall): Promise<unknown> {
  const opts = (call.target && typeof call.target === 'object' ? call.target : {}) as SignInOptions;
  const cloud = ctx.cloud.context;
  const current = await cloud.account();
  if (!opts.ak && current && current.source !== 'VS Code') {
    // Keys from the environment or ~/.huaweicloud/credentials come first in the chain.
    if (call.interactive) void vscode.window.showInformationMessage(vscode.l10n.t('Using the Huawei Cloud keys from {0} ({1}).', current.source, current.credentials.maskedAccessKey));
    cloud.refresh();
    return { source: current.source };
  }
  const ak = opts.ak ?? (call.interactive ? await vscode.window.showInputBox({
    title: vscode.l10n.t('Sign In to Huawei Cloud (1/3)'), prompt: vscode.l10n.t('Access key ID (AK)'), ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the access key ID.')),
  }) : undefined);
  if (!ak) throw new vscode.CancellationError();
  const sk = opts.sk ?? (call.interactive ? await vscode.window.showInputBox({
    title: vscode.l10n.t('Sign In to Huawei Cloud (2/3)'), prompt: vscode.l10n.t('Secret access key (SK); kept in VS Code\'s secret storage'), password: true, ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the secret access key.')),
  }) : undefined);
  if (!sk) throw new vscode.CancellationError();
  const token = opts.token ?? (opts.ak ? undefined : await vscode.window.showInputBox({
    title: vscode.l10n.t('Sign In to Huawei Cloud (3/3)'), prompt: vscode.l10n.t('Security token, only for temporary keys (leave empty otherwise)'), password: true, ignoreFocusOut: true,
  }));
  if (token === undefined && !opts.ak) throw new vscode.CancellationError();
  const { CloudCredentials: Credentials } = await import('../../core/cloud/credentials');
  const credentials = new Credentials(ak.trim(), sk.trim(), token?.trim() || undefined, undefined, 'VS Code');
  const region = cloud.region;
  // Check the keys now (a bad SK is reported before anything is saved) and list the projects.
  const projects = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the keys with Huawei Cloud ({0})...', region), cancellable: true },
    async (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      try {
        return await cloud.listProjects(credentials, region, abort.signal);
      } catch (err) {
        throw cloudError(ctx, err, undefined, credentials);
      }
    },
  );
  let projectId = opts.projectId;
  if (!projectId) {
    if (projects.length === 0) throw new UserError(vscode.l10n.t('The account has no project in region {0}. Switch the region, or create the project in the console; the toolkit never creates one.', region));
    projectId = projects.length === 1 ? projects[0].id : (await vscode.window.showQuickPick(projects.map((p) => ({ label: p.name, description: p.id, id: p.id })), {
      title: vscode.l10n.t('Select the project for region {0}', region), ignoreFocusOut: true,
    }))?.id;
    if (!projectId) throw new vscode.CancellationError();
  } else if (!projects.some((p) => p.id === projectId)) {
    throw new UserError(vscode.l10n.t('Project {0} is not one of the projects of region {1} these keys can see.', projectId, region));
  }
  await cloud.storeKeys({ ak: credentials.accessKey, sk: credentials.secretKey, ...(credentials.securityToken ? { token: credentials.securityToken } : {}) }, region, projectId);
  ctx.log.info(`Signed in to Huawei Cloud as ${credentials.maskedAccessKey} (${region}, project ${projectId})`);
  if (call.interactive) void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Huawei Cloud ({0}, project {1}).', region, projectId));
  return { source: 'VS Code', region, projectId };
}

async function selectRegion(ctx: Ctx, call: CommandCall): Promise<unknown> {
  const cloud = ctx.cloud.context;
  const typed = typeof call.target === 'string' ? call.target : undefined;
  const other = vscode.l10n.t('Other region...');
  let region = typed ?? (await vscode.window.showQuickPick([...REGIONS.map((r) => ({ label: r, description: r === cloud.region ? vscode.l10n.t('current') : '' })), { label: other, description: '' }], {
    title: vscode.l10n.t('Huawei Cloud region'),
  }))?.label;
  if (region === other) {
    region = await vscode.window.showInputBox({ title: vscode.l10n.t('Huawei Cloud region'), prompt: vscode.l10n.t('Region id, such as cn-north-4'), validateInput: (v) => (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(v.trim()) ? undefined : vscode.l10n.t('A region id looks like cn-north-4.')) });
  }
  if (!region) throw new vscode.CancellationError();
  await cloud.setRegion(region.trim());
  if (call.interactive) await chooseProject(ctx, region.trim());
  return region.trim();
}

/**
 * After a switch to a region whose project is not known yet: where the keys see several projects
 * there, the person picks one (remembered per region; the view then lists it), instead of the view
 * failing with "several projects"; where they see none, say so (the toolkit never creates one).
 * One project needs nothing: connecting finds it.
 */
async function chooseProject(ctx: Ctx, region: string): Promise<void> {
  const cloud = ctx.cloud.context;
  const account = await cloud.account().catch(() => undefined);
  if (!account || account.credentials.projectId || cloud.projectFor(region)) return;
  const projects = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Listing the projects of region {0}...', region), cancellable: true },
    async (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return cloud.listProjects(account.credentials, region, abort.signal).catch((err: unknown) => {
        // The view says what went wrong when it lists the region.
        ctx.log.warn(`Projects of ${region}: ${describeCloudError(err, { region, secrets: account.credentials.secrets() })}`);
        return undefined;
      });
    },
  );
  if (!projects) return;
  if (projects.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The account has no project in region {0}. Switch the region, or create the project in the console; the toolkit never creates one.', region));
    return;
  }
  if (projects.length === 1) return;
  const picked = await vscode.window.showQuickPick(projects.map((p) => ({ label: p.name, description: p.id, id: p.id })), {
    title: vscode.l10n.t('Select the project for region {0}', region), ignoreFocusOut: true,
  });
  if (picked) await cloud.rememberProject(region, picked.id);
}

// ---- which cloud function -----------------------------------------------------------------

async function cloudFunction(ctx: Ctx, call: CommandCall, purpose: string): Promise<CloudFunction> {
  if (call.target instanceof CloudFunctionNode) return call.target.fn;
  const s = await session(ctx);
  if (typeof call.target === 'string') {
    // A name (package default) or a function URN (its package; it must be in the current region).
    const urn = parseFunctionUrn(call.target);
    if (urn && (urn.region !== s.region || urn.projectId !== s.projectId)) {
      throw new UserError(vscode.l10n.t('{0} is in region {1}, project {2}; the Cloud view is in region {3}, project {4}. Switch the region first.', call.target, urn.region, urn.projectId, s.region, s.projectId));
    }
    const [name, pkg] = urn ? [urn.name, urn.packageName] : [call.target, 'default'];
    const fn = await s.api.getFunction(name, pkg).catch((err: unknown) => { throw cloudError(ctx, err, name, s.credentials); });
    if (!fn) throw new UserError(vscode.l10n.t('No function "{0}" in package {1} of region {2}, project {3}.', name, pkg, s.region, s.projectId));
    return fn;
  }
  if (!call.interactive) throw new UserError(vscode.l10n.t('Say which cloud function: give its name.'));
  const list = await s.api.listFunctions().catch((err: unknown) => { throw cloudError(ctx, err, undefined, s.credentials); });
  if (list.length === 0) throw new UserError(vscode.l10n.t('No functions in region {0} (project {1}).', s.region, s.projectId));
  const picked = await vscode.window.showQuickPick(list.map((f) => ({ label: f.name, description: `${f.runtime} · ${f.memorySizeMB} MB`, fn: f })), { title: purpose });
  if (!picked) throw new vscode.CancellationError();
  return picked.fn;
}

// ---- deploy -------------------------------------------------------------------------------

interface DeployOptions { force?: boolean }

async function deploy(ctx: Ctx, call: CommandCall, args: unknown[]): Promise<unknown> {
  const target = await resolveTarget(ctx, call.target, vscode.l10n.t('Which function do you want to deploy?'));
  if (!target) throw new vscode.CancellationError();
  const spec = target.spec;
  const options = (args[1] && typeof args[1] === 'object' ? args[1] : {}) as DeployOptions;
  const s = await session(ctx);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deploying {0} to {1}', spec.name, s.region), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      progress.report({ message: vscode.l10n.t('packaging and checking...') });
      // Packaged exactly as `fgtk package` (the CLI, in its own process, lints the ZIP it builds).
      const pkg = await packageWithCli(ctx.extension.extensionPath, spec, abort.signal);
      const errors = pkg.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length && !options.force) {
        for (const d of errors) ctx.log.warn(`  ${d.rule}: ${d.message}`);
        const anyway = vscode.l10n.t('Deploy Anyway');
        const choice = call.interactive ? await vscode.window.showWarningMessage(
          vscode.l10n.t('{0} has {1} packaging error(s): {2}', spec.name, errors.length, errors[0].message), { modal: true }, anyway) : undefined;
        if (choice !== anyway) throw new UserError(vscode.l10n.t('Not deployed: {0} has {1} packaging error(s). Fix them (see Problems), or deploy anyway.', spec.name, errors.length));
      }
      const zip = await fs.readFile(pkg.zipPath);
      const limitMB = ctx.cloud.context.maxInlineZipMB;
      const steps = { checking: vscode.l10n.t('checking the cloud...'), creating: vscode.l10n.t('creating the function...'), uploading: vscode.l10n.t('uploading {0}...', formatBytes(zip.length)), configuring: vscode.l10n.t('updating the configuration...') };
      try {
        return await deployFunction(s.api, spec, zip, { signal: abort.signal, inlineLimitBytes: limitMB ? limitMB * 1024 * 1024 : undefined, onStep: (step) => progress.report({ message: steps[step] }) });
      } catch (err) {
        if (err instanceof PackageTooLargeError) throw new UserError(err.message);
        throw cloudError(ctx, err, spec.name, s.credentials);
      }
    },
  );
  ctx.log.info(`Deployed ${spec.name}: ${outcome.action} ${outcome.functionUrn} (${outcome.codeSize} bytes, sha256 ${outcome.codeSha256})`);
  ctx.cloud.context.refresh();
  if (call.interactive) {
    const invoke = vscode.l10n.t('Invoke in Cloud');
    void vscode.window.showInformationMessage(outcome.action === 'created'
      ? vscode.l10n.t('Created {0} in {1}.', spec.name, s.region) : vscode.l10n.t('Updated {0} in {1}.', spec.name, s.region), invoke).then((choice) => {
      if (choice === invoke) void vscode.commands.executeCommand('functiongraph.cloud.invoke', { function: spec.name, interactive: true });
    });
  }
  return outcome;
}

// ---- invoke -------------------------------------------------------------------------------

/** The event: given by code, else one of the local function's test events, `{}` or a file. */
async function pickEvent(ctx: Ctx, call: CommandCall, fn: CloudFunction): Promise<unknown> {
  const readJson = async (file: string) => JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
  if (call.event !== undefined) return typeof call.event === 'string' ? readJson(call.event) : call.event;
  if (!call.interactive) return {};
  const local = (await ctx.index.all()).filter((s) => s.name === fn.name);
  const events = (await Promise.all(local.map((s) => listEvents(s)))).flat();
  const empty = vscode.l10n.t('Empty event {}');
  const browse = vscode.l10n.t('Choose a file...');
  const items = [...events.map((f) => ({ label: path.basename(f, '.json'), description: vscode.workspace.asRelativePath(f), file: f })), { label: empty, description: '', file: '' }, { label: browse, description: '', file: '' }];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Invoke {0} in the cloud with which event?', fn.name) });
  if (!picked) throw new vscode.CancellationError();
  if (picked.file) return readJson(picked.file);
  if (picked.label === empty) return {};
  const uris = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] } });
  if (!uris?.[0]) throw new vscode.CancellationError();
  return readJson(uris[0].fsPath);
}

async function invokeInCloud(ctx: Ctx, call: CommandCall): Promise<unknown> {
  const fn = await cloudFunction(ctx, call, vscode.l10n.t('Which cloud function do you want to invoke?'));
  const event = await pickEvent(ctx, call, fn);
  if (!event || typeof event !== 'object' || Array.isArray(event)) throw new UserError(vscode.l10n.t('The event must be a JSON object: the cloud invoke API takes an object.'));
  const s = await session(ctx);
  const { remoteResultToJson } = await import('../../core/cloud/remoteResult');
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Invoking {0} in {1}...', fn.name, s.region), cancellable: true },
    async (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      try {
        return remoteResultToJson(await s.api.invoke(fn.functionUrn, event, { timeoutSeconds: fn.timeoutSeconds, signal: abort.signal }), fn.memorySizeMB);
      } catch (err) {
        throw cloudError(ctx, err, fn.name, s.credentials);
      }
    },
  );
  const out = ctx.invocations;
  out.appendLine(`── ${vscode.l10n.t('{0} in the cloud ({1})', fn.name, s.region)} ──`);
  for (const l of result.logs) out.appendLine(l.text);
  out.appendLine(result.output);
  if (result.error) out.appendLine(`${result.error.errorType}: ${result.error.errorMessage}`);
  out.appendLine(reportLine(result, { status: result.status }));
  out.show(true);
  return result;
}

// ---- logs ---------------------------------------------------------------------------------

async function showLogs(ctx: Ctx, call: CommandCall): Promise<unknown> {
  const fn = await cloudFunction(ctx, call, vscode.l10n.t('Whose logs do you want to see?'));
  const s = await session(ctx);
  const { readLogs } = await import('../../core/cloud/logs');
  return ctx.cloud.streamLogs(fn.name, (signal) => readLogs(s.api, fn.functionUrn, { sinceMs: 30 * 60_000, follow: true, signal }),
    (err) => describeCloudError(err, { region: s.region, projectId: s.projectId, functionName: fn.name, secrets: s.credentials.secrets() }));
}

// ---- download -----------------------------------------------------------------------------

async function download(ctx: Ctx, call: CommandCall): Promise<unknown> {
  const fn = await cloudFunction(ctx, call, vscode.l10n.t('Which cloud function do you want to download?'));
  let dir: string | undefined = typeof call.event === 'string' ? path.resolve(call.event) : undefined;
  if (!dir) {
    if (!call.interactive) throw new UserError(vscode.l10n.t('Say where to download the function: give a folder.'));
    const defaultUri = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uris = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri, openLabel: vscode.l10n.t('Download Here'), title: vscode.l10n.t('Folder to create {0} in', fn.name) });
    if (!uris?.[0]) throw new vscode.CancellationError();
    dir = path.join(uris[0].fsPath, fn.name);
  }
  const target = dir;
  const s = await session(ctx);
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}...', fn.name), cancellable: true },
    async (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      try {
        await pullWithCli(ctx.extension.extensionPath, s, fn, target, abort.signal);
      } catch (err) {
        if ((err as Error).name === 'AbortError') throw new vscode.CancellationError();
        throw new UserError((err as Error).message);
      }
    },
  );
  const out = { dir: target, files: (await fs.readdir(target, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length };
  ctx.log.info(`Downloaded ${fn.name} into ${out.dir} (${out.files} files)`);
  await ctx.index.refresh();
  if (call.interactive) {
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(out.dir, 'template.yml')), { preview: false });
    await ctx.reveal(out.dir).catch((err: Error) => ctx.log.warn(`Could not reveal ${out.dir}: ${err.message}`));
  }
  return { dir: out.dir, files: out.files };
}

/** The function's page in Huawei Cloud's console (a tree node, or a name looked up in the cloud), else the region's function list. */
async function openConsole(ctx: Ctx, call: CommandCall): Promise<unknown> {
  const fn = call.target instanceof CloudFunctionNode || typeof call.target === 'string' ? await cloudFunction(ctx, call, '') : undefined;
  const url = fn ? functionConsoleUrl(fn.functionUrn, ctx.cloud.context.region) : functionListConsoleUrl(ctx.cloud.context.region);
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
  return url;
}
