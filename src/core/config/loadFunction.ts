import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node, type YAMLError, type YAMLMap } from 'yaml';
import { t } from '../l10n';
import { locateIn, rangeOfNode } from './configLocations';
import { functionKey } from './functionKey';
import { DEFAULTS, type ConfigKey, type ConfigProblem, type FunctionSpec, type SourceRange } from './functionSpec';
import { parseRuntime } from './runtimes';

export const FUNCTION_TYPE = 'HC::Serverless::Function';
const CONFIG_EXT = /\.ya?ml$/i;
/** Our templates write this name; any other `*.yml` that declares a function is accepted too. */
export const PREFERRED_CONFIG = 'template.yml';

/** The YAML files in `dir` that declare a FunctionGraph function, preferred name first. */
export async function findConfigFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const candidates = names.filter((n) => CONFIG_EXT.test(n)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const found: string[] = [];
  for (const name of candidates) {
    const file = path.join(dir, name);
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    if (declaresFunction(text)) found.push(file);
  }
  return found;
}

const rank = (name: string) => (name === PREFERRED_CONFIG ? 0 : /^template\.ya?ml$/i.test(name) ? 1 : 2);

/** Cheap test before parsing: a config names the function type or Huawei's template version key. */
export function declaresFunction(text: string): boolean {
  return text.includes(FUNCTION_TYPE) || /^HcCrmTemplateVersion\s*:/m.test(text);
}

/**
 * Loads the (first) function in `dir`: from its config if there is one, else a folder with a
 * `bootstrap` is a custom-runtime function with ENV-4 defaults. Undefined when the folder is not a
 * function. Where a template may declare several, use loadFunctions() and selectFunction().
 */
export async function loadFunction(dir: string): Promise<FunctionSpec | undefined> {
  return (await loadFunctions(dir))[0];
}

/** Every function the config in `dir` declares (one for a bare `bootstrap` folder; none when it is not a function folder). */
export async function loadFunctions(dir: string): Promise<FunctionSpec[]> {
  const abs = path.resolve(dir);
  const [configFile] = await findConfigFiles(abs);
  if (configFile) {
    const text = await fs.readFile(configFile, 'utf8');
    const specs = parseFunctionConfig(text, configFile);
    return specs.length ? specs : [bareFunction(abs, configFile)];
  }
  const hasBootstrap = await fs.stat(path.join(abs, 'bootstrap')).then((s) => s.isFile(), () => false);
  return hasBootstrap ? [bareFunction(abs)] : [];
}

function bareFunction(dir: string, configFile?: string, problems?: ConfigProblem[]): FunctionSpec {
  return {
    configDir: dir,
    codeDir: dir,
    key: functionKey({ configDir: dir }),
    configFile,
    name: path.basename(dir),
    runtime: 'Custom',
    runtimeName: 'Custom',
    family: 'custom',
    runtimeVersion: '',
    handler: 'bootstrap',
    memoryMB: DEFAULTS.memoryMB,
    timeoutS: DEFAULTS.timeoutS,
    version: DEFAULTS.version,
    packageName: DEFAULTS.packageName,
    env: {},
    positions: {},
    problems: problems ?? (configFile ? [{ message: t('No resource of Type {0} found in this file.', FUNCTION_TYPE) }] : []),
    unreadable: problems ? true : undefined,
  };
}

/**
 * Parses a template in the format Huawei's VS Code plugin writes. Every function resource becomes
 * one spec; `Resources` may hold logical IDs (`Resources: {hello: {Type, Properties}}`) or the
 * resource itself (`Resources: {Type, Properties}`).
 */
export function parseFunctionConfig(text: string, configFile: string): FunctionSpec[] {
  const lineCounter = new LineCounter();
  // uniqueKeys: a key given twice is an error (YAML forbids it), not "the last one wins".
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: true });
  const toRange = (node: Node | null | undefined): SourceRange | undefined => rangeOfNode(node, lineCounter);
  const docProblems = doc.errors.map((err) => yamlProblem(err, text));
  // A syntax error (not a duplicate key) means what was read may not be what the user meant.
  const unreadable = doc.errors.some((err) => err.code !== 'DUPLICATE_KEY');
  const configDir = path.dirname(configFile);
  const resources = findResources(doc);
  if (unreadable && resources.length === 0) return [bareFunction(configDir, configFile, docProblems)];

  return resources.map(({ logicalId, resource, keyNode }) => {
    const props = resource.get('Properties', true);
    const positions: FunctionSpec['positions'] = {};
    const problems: ConfigProblem[] = [...docProblems];
    const resRange = toRange(keyNode ?? resource);
    if (resRange) positions.Resource = resRange;
    const typeNode = resource.get('Type', true);
    if (isScalar(typeNode)) positions.Type = toRange(typeNode);
    const propMap = isMap(props) ? props : undefined;
    if (propMap) positions.Properties = toRange(findKeyNode(resource, 'Properties'));
    else problems.push({ message: t('The function resource has no Properties map.'), range: resRange, key: 'Properties' });

    const raw = (propMap?.toJSON() ?? {}) as Record<string, unknown>;
    const scalar = (key: ConfigKey): unknown => {
      const node = propMap?.get(key, true) as Node | undefined;
      if (node) positions[key] = toRange(isScalar(node) ? node : findKeyNode(propMap!, key));
      return raw[key];
    };

    const runtimeRaw = scalar('Runtime');
    const runtime = typeof runtimeRaw === 'string' && runtimeRaw.trim() ? runtimeRaw.trim() : 'Custom';
    const info = parseRuntime(runtime);
    const handlerRaw = scalar('Handler');
    const codeUri = scalar('CodeUri');
    const codeDir = typeof codeUri === 'string' && codeUri.trim() ? path.resolve(configDir, codeUri.trim()) : configDir;
    const env = readEnvironment(propMap, problems, positions, toRange);
    const name = scalar('Name');
    const initializer = scalar('InitializerHandler');

    const functionName = typeof name === 'string' && name ? name : logicalId ?? path.basename(configDir);
    return {
      configDir,
      codeDir,
      key: functionKey({ configDir, logicalId, name: functionName, siblings: resources.length }),
      configFile,
      logicalId,
      siblings: resources.length,
      name: functionName,
      runtime,
      runtimeName: info?.name,
      family: info?.family ?? 'unknown',
      runtimeVersion: info?.version ?? '',
      handler: handlerRaw === undefined || handlerRaw === null ? (info?.family === 'custom' || info?.family === 'http' ? 'bootstrap' : '') : String(handlerRaw),
      memoryMB: toNumber(scalar('MemorySize'), DEFAULTS.memoryMB),
      timeoutS: toNumber(scalar('Timeout'), DEFAULTS.timeoutS),
      version: DEFAULTS.version,
      packageName: typeof raw.Package === 'string' ? raw.Package : DEFAULTS.packageName,
      env,
      initializer: typeof initializer === 'string' && initializer ? initializer : undefined,
      initializerTimeoutS: raw.InitializerTimeout === undefined ? undefined : toNumber(scalar('InitializerTimeout'), DEFAULTS.timeoutS),
      description: typeof raw.Description === 'string' ? raw.Description : undefined,
      positions,
      problems,
      unreadable: unreadable || undefined,
      properties: raw,
      locate: (at) => locateIn(resource, keyNode, at, lineCounter),
    } satisfies FunctionSpec;
  });
}

interface FoundResource { logicalId?: string; resource: YAMLMap; keyNode?: Node }

function findResources(doc: Document): FoundResource[] {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const isFunction = (m: unknown): m is YAMLMap => isMap(m) && String(m.get('Type') ?? '') === FUNCTION_TYPE;
  const resources = root.get('Resources', true);
  if (isFunction(resources)) return [{ resource: resources, keyNode: findKeyNode(root, 'Resources') }];
  if (isMap(resources)) {
    const out: FoundResource[] = [];
    for (const pair of resources.items) {
      if (isFunction(pair.value)) {
        const key = pair.key as Node;
        out.push({ logicalId: isScalar(key) ? String(key.value) : undefined, resource: pair.value, keyNode: key });
      }
    }
    return out;
  }
  return isFunction(root) ? [{ resource: root }] : [];
}

function findKeyNode(map: YAMLMap, key: string): Node | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair?.key as Node | undefined;
}

function readEnvironment(
  props: YAMLMap | undefined,
  problems: ConfigProblem[],
  positions: FunctionSpec['positions'],
  toRange: (n: Node | null | undefined) => SourceRange | undefined,
): Record<string, string> {
  const envNode = props?.get('Environment', true);
  if (!envNode) return {};
  positions.Environment = toRange(findKeyNode(props!, 'Environment'));
  const vars = isMap(envNode) ? envNode.get('Variables', true) : undefined;
  if (!isMap(vars)) return {};
  const out: Record<string, string> = {};
  for (const pair of vars.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = isScalar(pair.value) ? pair.value.value : pair.value;
    if (!key) continue;
    if (value !== null && typeof value === 'object') {
      problems.push({ message: t('Environment variable {0} must be a string, not a map or list.', key), range: toRange(pair.value as Node), key: 'Environment' });
      continue;
    }
    out[key] = value === null || value === undefined ? '' : String(value);
  }
  return out;
}

function toNumber(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

/**
 * A parser error as a problem at the parser's line and column. Its own text repeats the position
 * and a code frame; we keep the sentence and say where ourselves.
 */
function yamlProblem(err: YAMLError, text: string): ConfigProblem {
  const [s, e] = err.linePos ?? [];
  const range = s ? { start: { line: s.line - 1, character: s.col - 1 }, end: e ? { line: e.line - 1, character: e.col - 1 } : { line: s.line - 1, character: s.col } } : undefined;
  const sentence = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (err.code === 'DUPLICATE_KEY') {
    const key = s ? (text.split('\n')[s.line - 1] ?? '').slice(s.col - 1).split(':')[0].trim() : '';
    return { message: t('"{0}" is given twice in the same map (line {1}); YAML forbids duplicate keys. Keep one.', key, s?.line ?? '?'), range };
  }
  return { message: t('YAML syntax error at line {0}, column {1}: {2}', s?.line ?? '?', s?.col ?? '?', sentence), range };
}
