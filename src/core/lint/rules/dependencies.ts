// (ours) A handler that loads a package the ZIP does not carry fails at load time ("Cannot find
// module", "No module named"): the platform installs nothing from package.json or requirements.txt.
// A warning, not an error: a dependency package attached to the function on the platform may provide it.
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { t } from '../../l10n';
import { finderFor, parseHandler } from '../../handler';
import type { Finding, LintContext, Rule } from '../context';
import { bundledModules } from './bundledModules';
import { stdlibModules } from './python';

const BUILTIN = new Set(builtinModules);

export const dependencyMissing: Rule = {
  id: 'dependency-missing',
  contract: '(ours)',
  severity: 'warning',
  async check(ctx) {
    if (ctx.family === 'python') return missingPythonModules(ctx);
    if (ctx.family === 'nodejs') return missingNodePackages(ctx);
    return [];
  },
};

/** The handler's file and source, when the package has it. */
async function handlerSource(ctx: LintContext, family: 'nodejs' | 'python'): Promise<{ file: string; source: string } | undefined> {
  if (!ctx.spec) return undefined;
  const file = parseHandler(family, ctx.spec.handler).target?.files.find((f) => ctx.file(f));
  const source = file === undefined ? undefined : await ctx.text(file);
  return file !== undefined && source ? { file, source } : undefined;
}

async function missingNodePackages(ctx: LintContext): Promise<Finding[]> {
  const handler = await handlerSource(ctx, 'nodejs');
  if (!handler) return [];
  const bundled = bundledModules('nodejs', ctx.spec?.runtimeVersion ?? '');
  return finderFor('node')!.imports(handler.source)
    .filter((name) => !BUILTIN.has(name) && !BUILTIN.has(name.split('/')[0]) && !bundled.has(name))
    .filter((name) => !ctx.view.get(`node_modules/${name}`) && !ctx.view.get(`node_modules/${name}/package.json`))
    .map((name) => ({
      message: t('{0} requires "{1}", which the {2} runtime does not bundle and node_modules/{1} is not in the package; the platform installs nothing, so loading fails with "Cannot find module" unless a dependency package attached to the function provides it. Run npm install --omit=dev in the function folder before packaging.', handler.file, name, ctx.spec?.runtime ?? 'Node.js'),
      file: ctx.entryFile(handler.file),
      entry: ctx.view.kind === 'zip' ? handler.file : undefined,
    }));
}

/** Python: a module the handler imports at load time that is neither in the standard library, nor bundled, nor in the package. */
async function missingPythonModules(ctx: LintContext): Promise<Finding[]> {
  const handler = await handlerSource(ctx, 'python');
  // A handler that edits sys.path imports from folders we cannot follow.
  if (!handler || /\bsys\.path\b/.test(handler.source)) return [];
  const { file, source } = handler;
  const version = ctx.spec?.runtimeVersion || '3.12';
  const stdlib = stdlibModules(version);
  const bundled = bundledModules('python', version);
  const roots = [...new Set(['', path.posix.dirname(file) === '.' ? '' : `${path.posix.dirname(file)}/`])];
  const present = (name: string) => roots.some((root) =>
    ctx.view.get(`${root}${name}.py`) || ctx.view.get(`${root}${name}.pyc`) || ctx.view.get(`${root}${name}`)
    || ctx.view.entries().some((e) => e.path.startsWith(`${root}${name}/`) || (e.path.startsWith(`${root}${name}.`) && e.path.endsWith('.so') && !e.path.slice(root.length).includes('/'))));
  return finderFor('python')!.imports(source)
    .filter((name) => !stdlib.has(name) && !bundled.has(name) && !present(name))
    .map((name) => ({
      message: t('{0} imports "{1}", which is neither in the Python {2} standard library, nor bundled with the runtime, nor in the package; the platform installs nothing from requirements.txt, so loading fails with "No module named {1}". Install it into the function folder (pip install -t . {1}) before packaging, or attach a dependency package that provides it.', file, name, version),
      file: ctx.entryFile(file),
      entry: ctx.view.kind === 'zip' ? file : undefined,
    }));
}
