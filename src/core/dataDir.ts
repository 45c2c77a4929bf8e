import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Folder of a data directory shipped as plain files (`shims`, `templates`, `events`).
 * Bundled, every entry point lives in `dist/` and build.mjs copies the data to `dist/<name>`;
 * from source (tests under tsx) it is `src/core/<name>/files`.
 */
export function dataDir(name: 'shims' | 'templates' | 'events'): string {
  const candidates = [
    path.join(__dirname, name),                        // dist/<name> next to the bundle
    path.join(__dirname, '..', name),                  // dist/<name> from a nested bundle dir
    path.resolve(__dirname, '..', '..', 'src', 'core', name, 'files'), // from dist/, unbundled layout
    path.resolve(__dirname, '..', name, 'files'),      // from src/core/<anything>/
    path.resolve(__dirname, name, 'files'),            // from src/core/
  ];
  const hit = candidates.find((c) => existsSync(c));
  if (!hit) throw new Error(`FunctionGraph Toolkit data folder "${name}" not found (looked in ${candidates.join(', ')}). Run npm run build.`);
  return hit;
}
