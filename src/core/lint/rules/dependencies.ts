// (ours) A handler that loads a package the ZIP does not carry fails at load time ("Cannot find
// module", "No module named"): the platform installs nothing from package.json or requirements.txt.
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { t } from '../../l10n';
import type { Finding, LintContext, Rule } from '../context';
import { nodeRequiredPackages, pythonImportedModules } from '../handlerSource';
import { parseHandler } from './handler';
import { stdlibModules } from './python';

const BUILTIN = new Set(builtinModules);

export const dependencyMissing: Rule = {
  id: 'dependency-missing',
  contract: '(ours)',
  severity: 'error',
  async check(ctx) {
    if (ctx.family === 'python') return missingPythonModules(ctx);
    if (ctx.family !== 'nodejs' || !ctx.spec) return [];
    const target = parseHandler('nodejs', ctx.spec.handler).target;
    const file = target?.files.find((f) => ctx.file(f));
    if (!file) return [];
    const source = await ctx.text(file);
    if (!source) return [];
    const out: Finding[] = [];
    for (const name of nodeRequiredPackages(source)) {
      if (BUILTIN.has(name) || BUILTIN.has(name.split('/')[0])) continue;
      if (ctx.view.get(`node_modules/${name}`) || ctx.view.get(`node_modules/${name}/package.json`)) continue;
      out.push({
        message: t('{0} requires "{1}", but node_modules/{1} is not in the package; the platform installs nothing, so loading fails with "Cannot find module". Run npm install --omit=dev in the function folder before packaging.', file, name),
        file: ctx.entryFile(file),
        entry: ctx.view.kind === 'zip' ? file : undefined,
      });
    }
    return out;
  },
};

/**
 * Python: a module the handler imports at load time that is neither in the standard library nor in
 * the package. A warning, not an error: a dependency package attached to the function on the
 * platform may provide it.
 */
async function missingPythonModules(ctx: LintContext): Promise<Finding[]> {
  if (!ctx.spec) return [];
  const file = parseHandler('python', ctx.spec.handler).target?.files.find((f) => ctx.file(f));
  if (!file) return [];
  const source = await ctx.text(file);
  // A handler that edits sys.path imports from folders we cannot follow.
  if (!source || /\bsys\.path\b/.test(source)) return [];
  const stdlib = stdlibModules(ctx.spec.runtimeVersion ?? '3.12');
  const roots = [...new Set(['', path.posix.dirname(file) === '.' ? '' : `${path.posix.dirname(file)}/`])];
  const present = (name: string) => roots.some((root) =>
    ctx.view.get(`${root}${name}.py`) || ctx.view.get(`${root}${name}.pyc`) || ctx.view.get(`${root}${name}`)
    || ctx.view.entries().some((e) => e.path.startsWith(`${root}${name}/`) || (e.path.startsWith(`${root}${name}.`) && e.path.endsWith('.so') && !e.path.slice(root.length).includes('/'))));
  return pythonImportedModules(source)
    .filter((name) => !stdlib.has(name) && !present(name))
    .map((name) => ({
      message: t('{0} imports "{1}", which is neither in the Python {2} standard library nor in the package; the platform installs nothing from requirements.txt, so loading fails with "No module named {1}". Install it into the function folder (pip install -t . {1}) before packaging, or attach a dependency package that provides it.', file, name, ctx.spec?.runtimeVersion ?? '3'),
      file: ctx.entryFile(file),
      entry: ctx.view.kind === 'zip' ? file : undefined,
      severity: 'warning' as const,
    }));
}
