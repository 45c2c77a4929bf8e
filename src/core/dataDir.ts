import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Folder of a data directory shipped as plain files (`shims`, `templates`, `events`).
 * Bundled, every entry point lives in `dist/` and build.mjs copies the data to `dist/<name>`;
 * from source (tests under tsx) it is `src/core/<name>/files`.
 */
export function dataDir(name: 'shims' | 'templates' | 'events'): string {
  // Source layouts first: from src/core, `../<name>` is the module folder src/core/<name> itself,
  // which exists but holds index.ts, not the data.
  const candidates = [
    path.resolve(__dirname, name, 'files'),            // from src/core/
    path.resolve(__dirname, '..', name, 'files'),      // from src/core/<anything>/
    path.join(__dirname, name),                        // dist/<name> next to the bundle
    path.join(__dirname, '..', name),                  // dist/<name> from a nested bundle dir
    path.resolve(__dirname, '..', '..', 'src', 'core', name, 'files'), // from dist/, unbundled layout
  ];
  const hit = candidates.find((c) => existsSync(c));
  if (!hit) throw new Error(`FunctionGraph Toolkit data folder "${name}" not found (looked in ${candidates.join(', ')}). Run npm run build.`);
  return hit;
}

/**
 * The per-user folder for what the toolkit makes once per machine and reuses (the compiled Java
 * shim): `$FGTK_USER_DATA` when set (tests, CI), else the platform's user data folder.
 */
export function userDataDir(...parts: string[]): string {
  const base = process.env.FGTK_USER_DATA
    || (process.platform === 'win32'
      ? path.join(process.env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local'), 'functiongraph-toolkit')
      : process.platform === 'darwin'
        ? path.join(os.homedir(), 'Library', 'Application Support', 'functiongraph-toolkit')
        : path.join(process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'functiongraph-toolkit'));
  return path.join(base, ...parts);
}
