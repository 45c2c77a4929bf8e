// (ours) A Node.js handler that requires a package the ZIP does not carry fails at load time with
// "Cannot find module": the platform installs nothing.
import { builtinModules } from 'node:module';
import { t } from '../../l10n';
import type { Finding, Rule } from '../context';
import { nodeRequiredPackages } from '../handlerSource';
import { parseHandler } from './handler';

const BUILTIN = new Set(builtinModules);

export const dependencyMissing: Rule = {
  id: 'dependency-missing',
  contract: '(ours)',
  severity: 'error',
  async check(ctx) {
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
