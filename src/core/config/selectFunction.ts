// Which function a command means, when a folder's template declares several: `fgtk invoke DIR
// --function NAME`, `fgtk package`, `deploy` and `test` (cloud and testing), and launch
// configurations (`"function": "<folder>#<name>"`) all choose through selectFunction().
import * as path from 'node:path';
import { t } from '../l10n';
import { parseFunctionRef } from './functionKey';
import type { FunctionSpec } from './functionSpec';
import { loadFunctions } from './loadFunction';

/** How far above a code folder (CodeUri) we look for the config that names it. */
const MAX_CONFIG_LEVELS_ABOVE_CODE = 4;

/** The folder holds several functions and none (or an unknown one) was chosen; `names` lists the choices. */
export class FunctionChoiceError extends Error {
  constructor(message: string, readonly names: string[]) {
    super(message);
  }
}

/** The names a user may choose a function by: its logical ID under `Resources`, and its `Name`. */
export function functionNames(spec: FunctionSpec): string[] {
  return [...new Set([spec.logicalId, spec.name].filter((n): n is string => Boolean(n)))];
}

/** What the error lists for each function: the logical ID, with the Name when it differs. */
function describe(spec: FunctionSpec): string {
  const [first, second] = functionNames(spec);
  return second ? `${first} (${second})` : first ?? spec.name;
}

/**
 * The function called `name` among `specs` (the functions of one folder), or the only one when no
 * name is given. Throws FunctionChoiceError naming the choices otherwise; `how` tells the user how
 * to choose in their medium (e.g. "Pass --function NAME.").
 */
export function selectFunction(specs: readonly FunctionSpec[], name: string | undefined, where: string, how: string): FunctionSpec {
  if (name !== undefined && name !== '') {
    const hit = specs.find((s) => s.logicalId === name) ?? specs.find((s) => s.name === name);
    if (hit) return hit;
    throw new FunctionChoiceError(
      t('{0} has no function called "{1}". It declares: {2}.', where, name, specs.map(describe).join(', ')),
      specs.map((s) => s.logicalId ?? s.name),
    );
  }
  if (specs.length === 1) return specs[0];
  throw new FunctionChoiceError(
    t('{0} declares {1} functions: {2}. {3}', where, specs.length, specs.map(describe).join(', '), how),
    specs.map((s) => s.logicalId ?? s.name),
  );
}

/**
 * The functions a folder stands for: those its own config declares (or its bare bootstrap), else,
 * when it is a function's code folder (`CodeUri: ./src`), the function(s) whose CodeUri it is.
 */
export async function loadFunctionsAt(dir: string): Promise<FunctionSpec[]> {
  const abs = path.resolve(dir);
  const own = await loadFunctions(abs);
  if (own.length) return own;
  let parent = path.dirname(abs);
  for (let level = 0; level < MAX_CONFIG_LEVELS_ABOVE_CODE && parent !== path.dirname(parent); level++, parent = path.dirname(parent)) {
    const named = (await loadFunctions(parent)).filter((s) => s.codeDir === abs);
    if (named.length) return named;
  }
  return [];
}

/**
 * One function from a reference as users and launch configurations write it: a config folder, a
 * code folder, or either with `#name`; `name` (e.g. `--function`) wins over the reference's own.
 * Undefined when the folder holds no function; FunctionChoiceError when the choice is missing or wrong.
 */
export async function resolveFunctionRef(ref: string, options: { name?: string; base?: string; how: string }): Promise<FunctionSpec | undefined> {
  const { dir, name } = parseFunctionRef(ref, options.base);
  const specs = await loadFunctionsAt(dir);
  if (!specs.length) return undefined;
  return selectFunction(specs, options.name ?? name, specs[0].configFile ?? dir, options.how);
}
