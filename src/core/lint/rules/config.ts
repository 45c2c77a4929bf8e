// The function's config against schemas/function-config.schema.json (ajv), with the YAML position
// of the value concerned; plus what the config parser itself found wrong (YAML syntax...).
import Ajv, { type ErrorObject } from 'ajv';
import { t } from '../../l10n';
import { KNOWN_RUNTIMES, parseRuntime, type FunctionSpec, type SourceRange } from '../../config';
import schema from '../../../../schemas/function-config.schema.json';
import type { Finding, Rule } from '../context';

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addKeyword({
  keyword: 'x-functiongraph-runtime',
  type: 'string',
  // PKG-4b names, in the case-insensitive forms users type.
  validate: (_schema: unknown, data: string) => parseRuntime(data) !== undefined,
  errors: false,
});
const validate = ajv.compile(schema);

export const ENV5_MEMORY = [128, 256, 512, 768, 1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096];

function describe(err: ErrorObject, value: unknown): string {
  const key = err.instancePath.split('/').filter(Boolean).join('.') || 'Properties';
  switch (err.keyword) {
    case 'required': return t('The function has no {0}. Add {0}: {1}.', String(err.params.missingProperty), err.params.missingProperty === 'Runtime' ? 'Node.js20.15 | Python3.9 | Custom | http | ...' : 'index.handler');
    case 'x-functiongraph-runtime': return t('Runtime "{0}" is not a FunctionGraph runtime. Use one of: {1}.', String(value), KNOWN_RUNTIMES.map((r) => r.name).join(', '));
    case 'minimum':
    case 'maximum':
    case 'multipleOf':
      if (key === 'MemorySize') return t('MemorySize {0} is not a memory size the platform offers. Use one of {1} MB.', String(value), ENV5_MEMORY.join(', '));
      if (key === 'Timeout') return t('Timeout {0} is out of range: use 3 to 900 seconds.', String(value));
      return t('{0} {1} is out of range ({2}).', key, String(value), err.message ?? '');
    case 'type': return t('{0} must be of type {1}, not {2}.', key, String(err.params.type), Array.isArray(value) ? 'list' : value === null ? 'empty' : typeof value);
    case 'pattern':
      if (key === 'Name') return t('Name "{0}" is not a valid function name: start with a letter, then letters, digits, _ or -, at most 60 characters.', String(value));
      return t('{0} "{1}" has characters the platform does not accept.', key, String(value));
    case 'minLength': return t('{0} is empty. Give it a value.', key);
    default: return t('{0}: {1}.', key, err.message ?? err.keyword);
  }
}

/**
 * Where a finding about the value at `path` below `Properties` goes, in the text the spec was parsed
 * from: a scalar itself; else the start of the nearest enclosing map or list (a whole block would
 * make an unreadable squiggle). `keyOfLast` marks the last key instead (a bad variable name).
 */
function positionOf(spec: FunctionSpec, path: string[], keyOfLast = false): SourceRange | undefined {
  const at = (n: number) => spec.locate?.(['Properties', ...path.slice(0, n)]);
  if (keyOfLast && path.length) {
    const key = at(path.length)?.keyRange;
    if (key) return key;
  }
  for (let n = path.length; n >= 0; n--) {
    const found = at(n);
    if (!found?.range) continue;
    if (found.scalar) return found.range;
    if (n < path.length || n === 0) return { start: found.range.start, end: found.range.start };
  }
  return undefined;
}

export const configInvalid: Rule = {
  id: 'config-invalid',
  contract: 'PKG-4b, ENV-5',
  severity: 'error',
  check(ctx) {
    const spec = ctx.spec;
    if (!spec?.configFile) return [];
    const out: Finding[] = spec.problems.map((p) => ({ file: spec.configFile!, range: p.range ?? spec.positions.Resource, message: t('{0}', p.message) }));
    if (spec.properties === undefined) return out;
    if (!validate(spec.properties)) {
      const seen = new Set<string>();
      for (const err of validate.errors ?? []) {
        // One message per value: MemorySize 100 fails both minimum and multipleOf.
        if (seen.has(err.instancePath) && err.keyword !== 'required') continue;
        seen.add(err.instancePath);
        // ajv reports a bad property name twice: as the inner error (with propertyName) and as propertyNames.
        if (err.keyword === 'propertyNames') continue;
        const path = err.instancePath.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
        const badName = (err as { propertyName?: string }).propertyName;
        if (badName !== undefined) {
          out.push({ file: spec.configFile, range: positionOf(spec, [...path, badName], true) ?? spec.positions.Environment, message: t('Environment variable name "{0}" is not accepted: start with a letter, then letters, digits and _ only.', badName) });
          continue;
        }
        const value = path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), spec.properties);
        const known = path.length === 1 ? spec.positions[path[0] as keyof typeof spec.positions] : undefined;
        const range = known ?? positionOf(spec, path) ?? spec.positions.Properties ?? spec.positions.Resource;
        out.push({ file: spec.configFile, range, message: describe(err, value) });
      }
    }
    return out;
  },
};

export const memorySizeUnlisted: Rule = {
  id: 'memory-size-unlisted',
  contract: 'ENV-5',
  severity: 'warning',
  check(ctx) {
    const mem = ctx.spec?.properties?.MemorySize;
    if (typeof mem !== 'number' || !Number.isInteger(mem) || mem < 128 || mem > 10240 || mem % 64 !== 0 || ENV5_MEMORY.includes(mem)) return [];
    return [{ ...ctx.anchor('MemorySize'), message: t('MemorySize {0} MB is not one of the standard sizes ({1}); only some newer regions offer it.', mem, ENV5_MEMORY.join(', ')) }];
  },
};
