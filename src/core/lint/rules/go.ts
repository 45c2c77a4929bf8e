// PKG-2/PKG-4 for Go 1.x (builtin-runtimes.md 1.1): the handler is the file name of an executable at
// the root of the package. (Another OS or CPU is the native rule's finding, PKG-7.)
import * as path from 'node:path';
import { goBuildCommand, goHandlerProblem } from '../../config/goHandler';
import { t } from '../../l10n';
import { binaryFormat } from '../../process/executableFormat';
import type { Finding, LintContext, Rule } from '../context';
import type { LintFix } from '../types';

const isExecutable = (mode: number | undefined) => mode !== undefined && (mode & 0o111) !== 0;

function goHandler(ctx: LintContext): string | undefined {
  if (ctx.family !== 'go' || !ctx.spec) return undefined;
  const h = ctx.spec.handler.trim();
  return h || undefined;
}

const hasPath = (h: string) => /[/\\]/.test(h);
/** `file.Symbol` is a legacy Go 1.8 plugin handler (its own rules); anything else names an executable. */
const isPluginForm = (h: string) => /^[\w-]+\.[A-Za-z_]\w*$/.test(h);

function setHandlerFix(ctx: LintContext, name: string): LintFix[] {
  const range = ctx.spec?.positions.Handler;
  if (!ctx.spec?.configFile || !range) return [];
  return [{ kind: 'replace-text', title: t('Set {0} to {1}', 'Handler', name), file: ctx.spec.configFile, range, newText: name }];
}

export const goHandlerPath: Rule = {
  id: 'go-handler-path',
  contract: 'PKG-4',
  severity: 'error',
  check(ctx) {
    const h = goHandler(ctx);
    if (!h || !hasPath(h)) return [];
    const name = h.split(/[/\\]/).filter(Boolean).pop() ?? 'handler';
    const fix: LintFix[] = [];
    const rel = h.replace(/\\/g, '/').replace(/^\.\//, '');
    if (ctx.view.kind === 'folder' && ctx.file(rel) && !ctx.view.get(name)) {
      fix.push({ kind: 'rename-file', title: t('Move {0} to the root as {1}', rel, name), from: ctx.view.fileOf(rel), to: ctx.view.fileOf(name) });
    }
    fix.push(...setHandlerFix(ctx, name));
    return [{ ...ctx.anchor('Handler'), message: goHandlerProblem(h)!, fix }];
  },
};

/** Root files that are compiled programs (candidates for the handler's executable). */
async function rootPrograms(ctx: LintContext): Promise<string[]> {
  const out: string[] = [];
  for (const e of ctx.view.entries()) {
    if (e.kind !== 'file' || e.path.includes('/') || /\.(so|node|dll|dylib|a|o|zip)$/.test(e.path)) continue;
    const head = await ctx.view.read(e.path, 64);
    if (head && binaryFormat(head)) out.push(e.path);
    if (out.length > 5) break;
  }
  return out;
}

export const goExecutableMissing: Rule = {
  id: 'go-executable-missing',
  contract: 'PKG-4',
  severity: 'error',
  async check(ctx) {
    const h = goHandler(ctx);
    if (!h || hasPath(h) || isPluginForm(h) || ctx.file(h)) return [];
    const programs = await rootPrograms(ctx);
    const hasSources = ctx.view.kind === 'folder' && ctx.file('go.mod') !== undefined;
    const one = programs.length === 1 ? programs[0]! : undefined;
    const fix: LintFix[] = [];
    if (one) {
      if (ctx.view.kind === 'folder') fix.push({ kind: 'rename-file', title: t('Rename {0} to {1}', one, h), from: ctx.view.fileOf(one), to: ctx.view.fileOf(h) });
      fix.push(...setHandlerFix(ctx, one));
    }
    const where = ctx.view.kind === 'zip' ? t('in the ZIP') : t('in {0}', ctx.view.location);
    let message = t('Handler "{0}" names the Go 1.x executable, and there is no file {0} at the root {1}.', h, where);
    if (one) message += ' ' + t('The package has the program {0}: rename it to {1}, or set Handler to {0}.', one, h);
    else if (hasSources) message += ' ' + t('Build it from the sources here: {0} (F5 builds it for you).', goBuildCommand(h));
    else message += ' ' + t('Build it where its sources are ({0}) and put it at the root.', goBuildCommand(h));
    return [{ ...ctx.anchor('Handler'), message, fix: fix.length ? fix : undefined }];
  },
};

export const goExecutableNotExecutable: Rule = {
  id: 'go-executable-not-executable',
  contract: 'PKG-2',
  severity: 'error',
  async check(ctx) {
    const h = goHandler(ctx);
    if (!h || hasPath(h) || isPluginForm(h)) return [];
    const entry = ctx.file(h);
    if (!entry || isExecutable(entry.mode)) return [];
    const head = await ctx.view.read(h, 64);
    if (!head || !binaryFormat(head)) return []; // not a program at all: the launch says so
    if (ctx.view.kind === 'zip') {
      const message = entry.mode === undefined
        ? t('{0} in this ZIP carries no Unix mode (the ZIP was made on Windows), so it unpacks without the executable bit and the function fails at invoke. Build the ZIP with fgtk package, which sets it.', h)
        : t('{0} in this ZIP is not executable (mode {1}); the function fails at invoke. Run chmod +x {0} and build the ZIP again (fgtk package).', h, (entry.mode & 0o777).toString(8));
      return [{ message, file: ctx.view.location, entry: h }];
    }
    const file = ctx.view.fileOf(h);
    const finding: Finding = {
      message: t('{0} is not executable; the function fails at invoke. Run chmod +x {0}.', h),
      file,
      fix: [{ kind: 'make-executable', title: t('Make {0} executable (chmod +x)', path.basename(file)), file }],
    };
    return [finding];
  },
};

export const GO_RULES = [goHandlerPath, goExecutableMissing, goExecutableNotExecutable];
