// The one config check: the function's Properties against schemas/function-config.schema.json (ajv;
// the same schema editors validate template.yml with as you type),
// plus what the parser found (YAML syntax errors, duplicate keys), each with its file and line.
// `fgtk lint` and the language server report these as the `config-invalid` and
// `memory-size-unlisted` rules; invoke, package, deploy, F5 and the tree's actions refuse to start
// on an error (checkConfig().errors) and show the warnings.
import type { ErrorObject } from 'ajv';
import * as path from 'node:path';
import { t } from '../l10n';
import { functionPropertiesValidator } from '../schemas/validators';
import type { FunctionSpec, SourceRange } from './functionSpec';
import { KNOWN_RUNTIMES, suggestRuntimes } from './runtimes';

export const CONFIG_INVALID = 'config-invalid';
export const MEMORY_SIZE_UNLISTED = 'memory-size-unlisted';

/** ENV-5: the memory sizes every region offers. */
export const ENV5_MEMORY = [128, 256, 512, 768, 1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096];

export interface ConfigFinding {
  rule: typeof CONFIG_INVALID | typeof MEMORY_SIZE_UNLISTED;
  severity: 'error' | 'warning';
  message: string;
  /** The config file (absolute). */
  file: string;
  /** Zero-based, as LSP; absent when the finding is about the whole file. */
  range?: SourceRange;
}

export interface ConfigCheck {
  /** Refuse to run, package or deploy while there are any. */
  errors: ConfigFinding[];
  /** Shown, never blocking. */
  warnings: ConfigFinding[];
}


/** Checks a function's config. A spec with no config file (a bare bootstrap folder) has nothing to check. */
export function checkConfig(spec: FunctionSpec): ConfigCheck {
  const findings = spec.configFile ? [...parserFindings(spec), ...(spec.unreadable ? [] : [...schemaFindings(spec), ...memoryFindings(spec)])] : [];
  return { errors: findings.filter((f) => f.severity === 'error'), warnings: findings.filter((f) => f.severity === 'warning') };
}

/** `template.yml:7:16: error: Timeout 100000 is out of range... [config-invalid]`, the path relative to `cwd`. */
export function formatConfigFinding(f: ConfigFinding, cwd = process.cwd()): string {
  const rel = path.relative(cwd, f.file);
  const where = `${rel && !rel.startsWith('..') ? rel : f.file}:${(f.range?.start.line ?? 0) + 1}:${(f.range?.start.character ?? 0) + 1}`;
  return `${where}: ${f.severity === 'error' ? t('error') : t('warning')}: ${f.message} [${f.rule}]`;
}

function parserFindings(spec: FunctionSpec): ConfigFinding[] {
  return spec.problems.map((p) => ({ rule: CONFIG_INVALID, severity: 'error', message: p.message, file: spec.configFile!, range: p.range ?? spec.positions.Resource }));
}

function memoryFindings(spec: FunctionSpec): ConfigFinding[] {
  const mem = spec.properties?.MemorySize;
  if (typeof mem !== 'number' || !Number.isInteger(mem) || mem < 128 || mem > 10240 || mem % 64 !== 0 || ENV5_MEMORY.includes(mem)) return [];
  return [{
    rule: MEMORY_SIZE_UNLISTED, severity: 'warning', file: spec.configFile!, range: spec.positions.MemorySize ?? spec.positions.Resource,
    message: t('MemorySize {0} MB is not one of the standard sizes ({1}); only some newer regions offer it.', mem, ENV5_MEMORY.join(', ')),
  }];
}

function schemaFindings(spec: FunctionSpec): ConfigFinding[] {
  const validate = functionPropertiesValidator();
  if (spec.properties === undefined || validate(spec.properties)) return [];
  const out: ConfigFinding[] = [];
  const seen = new Set<string>();
  const add = (range: SourceRange | undefined, message: string) => out.push({ rule: CONFIG_INVALID, severity: 'error', file: spec.configFile!, range, message });
  for (const err of validate.errors ?? []) {
    // One message per value: MemorySize 100 fails both minimum and multipleOf.
    if (seen.has(err.instancePath) && err.keyword !== 'required') continue;
    seen.add(err.instancePath);
    // ajv reports a bad property name twice: as the inner error (with propertyName) and as propertyNames.
    if (err.keyword === 'propertyNames') continue;
    const at = err.instancePath.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const badName = (err as { propertyName?: string }).propertyName;
    if (badName !== undefined) {
      add(positionOf(spec, [...at, badName], true) ?? spec.positions.Environment, t('Environment variable name "{0}" is not accepted: start with a letter, then letters, digits and _ only.', badName));
      continue;
    }
    const value = at.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), spec.properties);
    const known = at.length === 1 ? spec.positions[at[0] as keyof typeof spec.positions] : undefined;
    add(known ?? positionOf(spec, at) ?? spec.positions.Properties ?? spec.positions.Resource, describe(err, value));
  }
  return out;
}

function describe(err: ErrorObject, value: unknown): string {
  const key = err.instancePath.split('/').filter(Boolean).join('.') || 'Properties';
  switch (err.keyword) {
    case 'required': return t('The function has no {0}. Add {0}: {1}.', String(err.params.missingProperty), err.params.missingProperty === 'Runtime' ? 'Node.js20.15 | Python3.9 | Custom | http | ...' : 'index.handler');
    case 'pattern': return key === 'Runtime' ? unknownRuntime(String(value)) : describePattern(key, value);
    case 'minimum':
    case 'maximum':
    case 'multipleOf':
      if (key === 'MemorySize') return t('MemorySize {0} is not a memory size the platform offers. Use one of {1} MB.', String(value), ENV5_MEMORY.join(', '));
      if (key === 'Timeout') return t('Timeout {0} is out of range: use 3 to 900 seconds.', String(value));
      return t('{0} {1} is out of range ({2}).', key, String(value), err.message ?? '');
    case 'type': return t('{0} must be of type {1}, not {2}.', key, String(err.params.type), Array.isArray(value) ? 'list' : value === null ? 'empty' : typeof value);
    case 'minLength': return t('{0} is empty. Give it a value.', key);
    default: return t('{0}: {1}.', key, err.message ?? err.keyword);
  }
}

/** PKG-4b: never run as a custom runtime; the nearest names the platform has. */
export function unknownRuntime(value: string): string {
  const near = suggestRuntimes(value);
  return near.length
    ? t('Runtime "{0}" is not a FunctionGraph runtime: did you mean {1}?', value, near.join(t(' or ')))
    : t('Runtime "{0}" is not a FunctionGraph runtime. Use one of: {1}.', value, KNOWN_RUNTIMES.map((r) => r.name).join(', '));
}

function describePattern(key: string, value: unknown): string {
  if (key === 'Name') return t('Name "{0}" is not a valid function name: start with a letter, then letters, digits, _ or -, at most 60 characters.', String(value));
  return t('{0} "{1}" has characters the platform does not accept.', key, String(value));
}

/**
 * Where a finding about the value at `at` below `Properties` goes, in the text the spec was parsed
 * from: a scalar itself; else the start of the nearest enclosing map or list (a whole block would
 * make an unreadable squiggle). `keyOfLast` marks the last key instead (a bad variable name).
 */
function positionOf(spec: FunctionSpec, at: string[], keyOfLast = false): SourceRange | undefined {
  const locate = (n: number) => spec.locate?.(['Properties', ...at.slice(0, n)]);
  if (keyOfLast && at.length) {
    const key = locate(at.length)?.keyRange;
    if (key) return key;
  }
  for (let n = at.length; n >= 0; n--) {
    const found = locate(n);
    if (!found?.range) continue;
    if (found.scalar) return found.range;
    if (n < at.length || n === 0) return { start: found.range.start, end: found.range.start };
  }
  return undefined;
}
