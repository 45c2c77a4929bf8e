// PKG-1, PKG-4: does the handler string fit the runtime, is its file at the root, and does the
// file define what the handler names (read from the source, never run).
import { t } from '../../l10n';
import type { ConfigKey } from '../../config';
import type { Finding, LintContext, Rule } from '../context';
import type { LintFix } from '../types';
import { singleTopFolder } from '../../archive/packageView';
import { finderFor, HANDLER_FORMATS, parseHandler, type HandlerTarget as Target } from '../../handler';

type Analysis =
  | { state: 'skip' | 'ok' }
  | { state: 'format'; extensionFix?: string }
  | { state: 'not-at-root'; found: string; top?: string; target: Target }
  | { state: 'file-missing'; target: Target; alternative?: string }
  | { state: 'symbol-missing'; file: string; target: Target; exported: string[] }
  | { state: 'go-plugin-mismatch'; target: Target; others: string[] };

const analyses = new WeakMap<LintContext, Map<string, Promise<Analysis>>>();

function analyze(ctx: LintContext, key: 'Handler' | 'InitializerHandler'): Promise<Analysis> {
  let perCtx = analyses.get(ctx);
  if (!perCtx) analyses.set(ctx, (perCtx = new Map()));
  let hit = perCtx.get(key);
  if (!hit) perCtx.set(key, (hit = doAnalyze(ctx, key)));
  return hit;
}

function handlerOf(ctx: LintContext, key: 'Handler' | 'InitializerHandler'): string {
  return (key === 'Handler' ? ctx.spec?.handler : ctx.spec?.initializer) ?? '';
}

async function doAnalyze(ctx: LintContext, key: 'Handler' | 'InitializerHandler'): Promise<Analysis> {
  const handler = handlerOf(ctx, key);
  if (!ctx.spec || !handler || ctx.view.problems.some((p) => p.rule === 'zip-invalid')) return { state: 'skip' };
  const parsed = parseHandler(ctx.family, handler);
  if (parsed.formatError || parsed.extensionFix) return { state: 'format', extensionFix: parsed.extensionFix };
  const target = parsed.target;
  if (!target) return { state: 'skip' };
  const present = target.files.find((f) => ctx.file(f));
  // A Java package holds compiled classes; whether they have the class is java-class-missing's question.
  if (!present && target.lang === 'java') return { state: 'ok' };
  if (!present) {
    // The Go rules (go.ts) say how to build a missing Go 1.x executable.
    if (target.lang === 'go-exe') return { state: 'skip' };
    if (target.lang === 'go-plugin') {
      const others = ctx.view.entries().filter((e) => e.kind === 'file' && !e.path.includes('/') && e.path.endsWith('.so')).map((e) => e.path);
      if (others.length) return { state: 'go-plugin-mismatch', target, others };
    }
    const top = singleTopFolder(ctx.view);
    const inTop = top && target.files.map((f) => `${top}/${f}`).find((f) => ctx.file(f));
    if (inTop) return { state: 'not-at-root', found: inTop, top, target };
    const names = target.files.map((f) => f.slice(target.module.length));
    const deeper = ctx.view.entries()
      .filter((e) => e.kind === 'file' && names.some((n) => e.path.endsWith(`/${n}`)) && !e.path.startsWith('node_modules/') && !e.path.includes('/node_modules/'))
      .sort((a, b) => a.path.length - b.path.length)[0];
    if (deeper) return { state: 'not-at-root', found: deeper.path, target };
    return { state: 'file-missing', target, alternative: await alternativeHandler(ctx, target) };
  }
  if (!target.symbol || target.lang === 'go-plugin' || target.lang === 'csharp' || target.lang === 'go-exe') return { state: 'ok' };
  const source = await ctx.text(present);
  if (source === undefined) return { state: 'ok' };
  const finder = finderFor(target.lang);
  if (!finder || finder.find(source, target.symbol).presence !== 'missing') return { state: 'ok' };
  const exported = finder.symbols(source);
  return { state: 'symbol-missing', file: present, target, exported };
}

/** A root file that defines the wanted symbol, for a "did you mean" fix (`app.handler` for `index.handler`). */
async function alternativeHandler(ctx: LintContext, target: Target): Promise<string | undefined> {
  if (!target.symbol || (target.lang !== 'node' && target.lang !== 'python' && target.lang !== 'php')) return undefined;
  const ext = target.lang === 'node' ? /\.(js|mjs|cjs)$/ : target.lang === 'php' ? /\.php$/ : /\.py$/;
  const roots = ctx.view.entries().filter((e) => e.kind === 'file' && !e.path.includes('/') && ext.test(e.path)).slice(0, 20);
  for (const e of roots) {
    const source = await ctx.text(e.path);
    if (!source) continue;
    if (finderFor(target.lang)?.find(source, target.symbol).presence === 'defined') return `${e.path.replace(ext, '')}.${target.symbol}`;
  }
  return undefined;
}

function replaceHandlerFix(ctx: LintContext, key: ConfigKey, newText: string): LintFix[] | undefined {
  const range = ctx.spec?.positions[key];
  if (!ctx.spec?.configFile || !range) return undefined;
  return [{ kind: 'replace-text', title: t('Set {0} to {1}', key, newText), file: ctx.spec.configFile, range, newText }];
}

const KEYS = ['Handler', 'InitializerHandler'] as const;

async function eachKey(ctx: LintContext, fn: (a: Analysis, key: 'Handler' | 'InitializerHandler', handler: string) => Finding[]): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const key of KEYS) out.push(...fn(await analyze(ctx, key), key, handlerOf(ctx, key)));
  return out;
}

export const handlerFormat: Rule = {
  id: 'handler-format',
  contract: 'PKG-4',
  severity: 'error',
  check: (ctx) => eachKey(ctx, (a, key, handler) => {
    if (a.state !== 'format' || a.extensionFix) return [];
    return [{ ...ctx.anchor(key), message: t('{0} "{1}" does not fit the {2} format: {3}.', key, handler, ctx.spec?.runtime ?? '', HANDLER_FORMATS[ctx.family] ?? '') }];
  }),
};

export const handlerFileExtension: Rule = {
  id: 'handler-file-extension',
  contract: 'PKG-4',
  severity: 'error',
  check: (ctx) => eachKey(ctx, (a, key, handler) => {
    if (a.state !== 'format' || !a.extensionFix) return [];
    return [{ ...ctx.anchor(key), message: t('{0} "{1}" names a file with its extension; the runtime adds the extension itself. Write {2}.', key, handler, a.extensionFix), fix: replaceHandlerFix(ctx, key, a.extensionFix) }];
  }),
};

export const entryNotAtRoot: Rule = {
  id: 'entry-not-at-root',
  contract: 'PKG-1',
  severity: 'error',
  check: async (ctx) => {
    const out = await eachKey(ctx, (a, key) => {
      if (a.state !== 'not-at-root') return [];
      const wanted = a.target.files[0];
      if (a.top) {
        return [{ ...(ctx.view.kind === 'zip' ? { file: ctx.view.location } : ctx.anchor(key)), message: t('Everything sits in one top-level folder "{0}/", so {1} is not at the root after unzipping. Zip the contents of {0}/, not the folder itself (fgtk package {0}).', a.top, wanted) }];
      }
      const folder = a.found.slice(0, a.found.lastIndexOf('/') + 1);
      const canPrefix = a.target.lang === 'node' || a.target.lang === 'php' || a.target.lang === 'python';
      const suggestion = canPrefix ? `${folder}${handlerOf(ctx, key).slice(a.target.module.length)}` : undefined;
      return [{
        ...(ctx.view.kind === 'zip' ? { file: ctx.view.location } : ctx.anchor(key)),
        message: suggestion
          ? t('The handler\'s file {0} is not at the root; it is at {1}. Set {2} to {3}, or move the file to the root.', wanted, a.found, key, suggestion)
          : t('The handler\'s file {0} must be at the root of the package; it is at {1}. Move it to the root.', wanted, a.found),
        fix: suggestion ? replaceHandlerFix(ctx, key, suggestion) : undefined,
      }];
    });
    // Custom runtime: the same mistake with bootstrap.
    if ((ctx.family === 'custom' || ctx.family === 'http') && !ctx.view.get('bootstrap')) {
      const top = singleTopFolder(ctx.view);
      if (top && ctx.view.get(`${top}/bootstrap`)) {
        out.push({ ...(ctx.view.kind === 'zip' ? { file: ctx.view.location } : ctx.anchor('Runtime')), message: t('Everything sits in one top-level folder "{0}/", so bootstrap is not at the root after unzipping. Zip the contents of {0}/, not the folder itself (fgtk package {0}).', top) });
      }
    }
    return out;
  },
};

export const handlerNotFound: Rule = {
  id: 'handler-not-found',
  contract: 'PKG-4',
  severity: 'error',
  check: (ctx) => eachKey(ctx, (a, key, handler) => {
    if (a.state === 'file-missing') {
      const where = ctx.view.kind === 'zip' ? t('in the ZIP') : t('in {0}', ctx.view.location);
      return [{
        ...ctx.anchor(key),
        message: a.alternative
          ? t('{0} "{1}" needs {2} at the root, which is not {3}; {4} defines it. Set {0} to {4} or create {2}.', key, handler, a.target.files[0], where, a.alternative)
          : t('{0} "{1}" needs {2} at the root, which is not {3}. Create it or correct {0}.', key, handler, a.target.files[0], where),
        fix: a.alternative ? replaceHandlerFix(ctx, key, a.alternative) : undefined,
      }];
    }
    if (a.state === 'symbol-missing') {
      const kind = a.target.lang === 'node' ? t('does not export') : t('does not define');
      const namespaced = a.target.lang === 'php' ? a.exported.find((n) => n.toLowerCase().endsWith(`\\${a.target.symbol!.toLowerCase()}`)) : undefined;
      const hint = a.target.lang === 'node'
        ? t('add exports.{0} = async (event, context) => {...}', a.target.symbol!)
        : a.target.lang === 'python' ? t('add def {0}(event, context):', a.target.symbol!)
          : a.target.lang === 'java' ? t('add public String {0}(String event, Context context)', a.target.symbol!)
          : namespaced ? t('it declares {0} inside a namespace, but the runtime calls the global function {1}: remove the namespace line, or add a global function {1}($event, $context) that calls {0}', namespaced, a.target.symbol!)
            : t('add function {0}($event, $context)', a.target.symbol!);
      // A namespaced PHP function cannot be named in a handler: no suggestion then.
      const one = a.exported.length === 1 && !a.exported[0].includes('\\') ? a.exported[0] : undefined;
      const suggestion = one ? `${handler.slice(0, handler.lastIndexOf('.'))}.${one}` : undefined;
      return [{
        ...ctx.anchor(key),
        message: suggestion
          ? t('{0} {1} "{2}" ({3} names it); it defines {4}. Set {3} to {5}, or {6}.', ctx.where(a.file), kind, a.target.symbol!, key, one!, suggestion, hint)
          : t('{0} {1} "{2}" ({3} names it): {4}.', ctx.where(a.file), kind, a.target.symbol!, key, hint),
        fix: suggestion ? replaceHandlerFix(ctx, key, suggestion) : undefined,
      }];
    }
    return [];
  }),
};

export const goPluginNameMismatch: Rule = {
  id: 'go-plugin-name-mismatch',
  contract: 'PKG-4',
  severity: 'error',
  check: (ctx) => eachKey(ctx, (a, key, handler) => {
    if (a.state !== 'go-plugin-mismatch') return [];
    const wanted = a.target.files[0];
    const other = a.others[0];
    const fix: LintFix[] = [];
    if (a.others.length === 1) {
      const handlerFix = replaceHandlerFix(ctx, key, `${other.replace(/\.so$/, '')}.${a.target.symbol}`);
      if (ctx.view.kind === 'folder') fix.push({ kind: 'rename-file', title: t('Rename {0} to {1}', other, wanted), from: ctx.view.fileOf(other), to: ctx.view.fileOf(wanted) });
      if (handlerFix) fix.push(...handlerFix);
    }
    return [{
      ...ctx.anchor(key),
      message: t('{0} "{1}" loads the Go plugin {2}, but the package has {3}. The plugin file name must equal the handler\'s plugin name: rename the .so to {2} (go build -buildmode=plugin -o {2}) or change {0}.', key, handler, wanted, a.others.join(', ')),
      fix,
    }];
  }),
};

export const HANDLER_RULES = [handlerFormat, handlerFileExtension, entryNotAtRoot, handlerNotFound, goPluginNameMismatch];
