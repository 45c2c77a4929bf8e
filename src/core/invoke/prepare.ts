// What a compiled runtime needs before its instance can start, run by F5 and `fgtk invoke` before
// they invoke anything: Go 1.x builds its handler from the folder's sources when they changed. A
// failure here is a build failure, reported as such; nothing is invoked.
import type { FunctionSpec } from '../config';
import { t } from '../l10n';
import { buildGoFunction } from './launch/goBuild';

export interface PrepareRequest {
  /** Build for a debugger (symbols kept, optimisations off). */
  debug: boolean;
  /** Each line of the build's output, and our line saying what ran. */
  onLine: (text: string) => void;
  signal?: AbortSignal;
}

export type PrepareResult = { ok: true; note?: string } | { ok: false; message: string };

export async function prepareFunction(spec: FunctionSpec, req: PrepareRequest): Promise<PrepareResult> {
  if (spec.family !== 'go') return { ok: true };
  const handler = spec.handler.trim();
  if (!handler || /[/\\]/.test(handler)) return { ok: true }; // pre-flight says what is wrong with it
  const r = await buildGoFunction({ dir: spec.codeDir, handler, debug: req.debug, onLine: req.onLine, signal: req.signal });
  switch (r.status) {
    case 'built':
      return { ok: true, note: t('Built {0} in {1} ms.', handler, String(Math.round(r.durationMs))) };
    case 'up-to-date':
      return { ok: true, note: t('{0} is up to date with its sources; not rebuilt.', handler) };
    case 'no-sources':
      return { ok: true };
    case 'failed':
      return { ok: false, message: r.message };
  }
}
