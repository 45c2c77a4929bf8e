// What the platform's runtimes carry besides the language's own library (data generated from the
// OpenTelekomCloud runtime repositories' published lists; see data/bundled-modules/generate.mjs).
import nodejs from '../data/bundled-modules/nodejs.json';
import python from '../data/bundled-modules/python.json';

const LISTS = { nodejs, python } as const;

/** Packages (Node.js) or top-level modules (Python) a runtime version bundles; empty when unknown. */
export function bundledModules(family: 'nodejs' | 'python', version: string): ReadonlySet<string> {
  const runtimes: Record<string, string[]> = LISTS[family].runtimes;
  return new Set(runtimes[version] ?? []);
}

/** Where the lists come from, for messages and docs. */
export function bundledModulesSource(family: 'nodejs' | 'python'): string {
  return LISTS[family].source;
}
