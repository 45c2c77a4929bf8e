// How a function is identified everywhere (launch configurations, commands, the tree, CodeLens,
// the language server): by the folder of its config, plus its logical ID when that config declares
// several functions (`/w/api#orders`). The one place this is derived; everything else reads spec.key.
import * as path from 'node:path';

/** Separates the config folder from the function's name in a key or a launch configuration's `"function"`. */
export const FUNCTION_NAME_SEPARATOR = '#';

export interface KeyParts {
  configDir: string;
  logicalId?: string;
  name?: string;
  /** How many functions the config declares. */
  siblings?: number;
}

/** The key of a function: its config folder, or `<config folder>#<logical ID>` when the config declares several. */
export function functionKey(parts: KeyParts): string {
  if ((parts.siblings ?? 1) <= 1) return parts.configDir;
  return `${parts.configDir}${FUNCTION_NAME_SEPARATOR}${parts.logicalId ?? parts.name ?? ''}`;
}

/**
 * Splits what a user or a launch configuration gives, `folder` or `folder#name`, into the folder
 * (absolute) and the function's name. A `#` inside a folder name is kept when what follows it has a
 * path separator (it cannot be a function name).
 */
export function parseFunctionRef(ref: string, base = process.cwd()): { dir: string; name?: string } {
  const at = ref.lastIndexOf(FUNCTION_NAME_SEPARATOR);
  const name = at >= 0 ? ref.slice(at + 1) : '';
  if (at < 0 || !name || /[\\/]/.test(name)) return { dir: path.resolve(base, ref) };
  return { dir: path.resolve(base, ref.slice(0, at)), name };
}
