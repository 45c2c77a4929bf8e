// PKG-5: a module or package of the user's own at the root, named like a standard-library module,
// hides the real one from the runtime and from the user's own imports.
import { t } from '../../l10n';
import type { Finding, Rule } from '../context';
import py27 from '../data/python-stdlib/2.7.json';
import py36 from '../data/python-stdlib/3.6.json';
import py39 from '../data/python-stdlib/3.9.json';
import py310 from '../data/python-stdlib/3.10.json';
import py312 from '../data/python-stdlib/3.12.json';
import platformExtra from '../data/python-stdlib/platform-extra.json';

const LISTS: Record<string, ReadonlySet<string>> = Object.fromEntries(
  [py27, py36, py39, py310, py312].map((l) => [l.python, new Set([...l.modules, ...platformExtra.modules])]),
);

/** The runtime's own start-up imports these: shadowing them breaks every invocation, not just the user's import. */
const CRITICAL = new Set(['json', 'os', 'sys', 'logging', 'time', 'datetime', 'threading', 'traceback', 'socket', 'http',
  'urllib', 'base64', 'io', 're', 'types', 'typing', 'collections', 'functools', 'signal', 'select', 'struct', 'codecs',
  'encodings', 'abc', 'enum', 'string', 'copy', 'random', 'uuid', 'lib', 'importlib', 'inspect', 'queue', 'ssl', 'email']);

/** The standard-library module names of a platform Python version (`3.9`); the newest list for an unknown one. */
export function stdlibModules(version: string): ReadonlySet<string> {
  return LISTS[version] ?? LISTS['3.12'];
}

export const pythonStdlibShadow: Rule = {
  id: 'python-stdlib-shadow',
  contract: 'PKG-5',
  severity: 'warning',
  check(ctx) {
    if (ctx.family !== 'python') return [];
    const version = ctx.spec?.runtimeVersion ?? '3.12';
    const stdlib = stdlibModules(version);
    const out: Finding[] = [];
    for (const e of ctx.view.entries()) {
      if (e.path.includes('/') && !e.path.endsWith('/__init__.py')) continue;
      let name: string | undefined;
      if (e.kind === 'file' && /^[A-Za-z_]\w*\.(py|pyc)$/.test(e.path)) name = e.path.replace(/\.pyc?$/, '');
      else if (e.kind === 'file' && /^[A-Za-z_]\w*(\.[\w-]+)?\.so$/.test(e.path)) name = e.path.split('.')[0];
      else if (e.kind === 'file' && /^[A-Za-z_]\w*\/__init__\.py$/.test(e.path)) name = e.path.split('/')[0];
      if (!name || !stdlib.has(name)) continue;
      const isPackage = e.path.endsWith('/__init__.py');
      out.push({
        message: isPackage
          ? t('Your package "{0}/" has the name of the Python {1} standard-library module {0}: on the platform it hides the real one and imports break. Rename the folder (and its imports).', name, version)
          : t('Your module {0} has the name of the Python {1} standard-library module {2}: on the platform it hides the real one and imports break. Rename the file (and its imports).', e.path, version, name),
        file: ctx.entryFile(e.path),
        entry: ctx.view.kind === 'zip' ? e.path : undefined,
        severity: CRITICAL.has(name) ? 'error' : undefined,
      });
    }
    return out;
  },
};
