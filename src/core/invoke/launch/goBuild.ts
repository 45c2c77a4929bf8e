// Go 1.x functions with their sources in the folder are built before they run (F5, fgtk invoke):
// `go build` for the platform (GOOS=linux GOARCH=amd64 CGO_ENABLED=0) to the handler's name, only
// when a source changed since the last build, with symbols kept (`-gcflags=all=-N -l`) for a
// debugger. A build error is a build error: callers show it as such and invoke nothing.
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { t } from '../../l10n';
import { startGroup } from '../../process/processGroup';
import { which } from '../../process/which';
import { LineSplitter } from '../lineSplitter';
import { goBuildCommand } from '../../config/goHandler';
import { goFiles, goLibraryProblem, localReplaces } from '../../handler/goModule';

export interface GoBuildRequest {
  /** The function's code folder (holds go.mod). */
  dir: string;
  handler: string;
  /** Keep symbols and turn optimisations off, for breakpoints. */
  debug: boolean;
  /** Each line go build prints. */
  onLine?: (text: string) => void;
  signal?: AbortSignal;
}

export type GoBuildResult =
  | { status: 'built'; command: string; durationMs: number }
  | { status: 'up-to-date' | 'no-sources' }
  | { status: 'failed'; message: string; output: string };

/** Whether the folder holds Go sources to build (a go.mod). */
export function hasGoSources(dir: string): boolean {
  return existsSync(path.join(dir, 'go.mod')); // synchronous: asked at every cold start, a stat takes microseconds
}

function stampFile(exe: string): string {
  return path.join(os.tmpdir(), 'fgtk-go-build', `${createHash('sha256').update(exe).digest('hex').slice(0, 24)}.json`);
}

interface Stamp { mode: 'debug' | 'release'; mtimeMs: number; size: number }

async function upToDate(dir: string, exe: string, mode: Stamp['mode']): Promise<boolean> {
  const st = await fs.stat(exe).catch(() => undefined);
  if (!st) return false;
  const stamp = await fs.readFile(stampFile(exe), 'utf8').then((s) => JSON.parse(s) as Stamp, () => undefined);
  const ours = stamp !== undefined && stamp.mtimeMs === st.mtimeMs && stamp.size === st.size;
  // A binary we did not build is trusted for running (its maker chose the flags), not for debugging.
  if (ours ? stamp.mode !== mode : mode === 'debug') return false;
  const goMod = await fs.readFile(path.join(dir, 'go.mod'), 'utf8').catch(() => '');
  const roots = [dir, ...localReplaces(goMod, dir).values()];
  for (const root of roots) {
    for (const f of await goFiles(root)) {
      const s = await fs.stat(f).catch(() => undefined);
      if (s && s.mtimeMs > st.mtimeMs) return false;
    }
  }
  return true;
}

/** Builds the function's executable when its sources changed (or the build mode did). */
export async function buildGoFunction(req: GoBuildRequest): Promise<GoBuildResult> {
  if (!hasGoSources(req.dir)) return { status: 'no-sources' };
  const exe = path.join(req.dir, req.handler);
  const mode = req.debug ? 'debug' : 'release';
  if (await upToDate(req.dir, exe, mode)) return { status: 'up-to-date' };
  const library = await goLibraryProblem(req.dir);
  if (library) return { status: 'failed', message: library, output: '' };
  const go = await which('go');
  if (!go) {
    return { status: 'failed', output: '', message: t('Go is not installed, so {0} cannot be built from its sources. Install Go 1.20 or newer (https://go.dev/dl/, or Debian\'s golang-go), or build it elsewhere ({1}) and put it in {2}.', req.handler, goBuildCommand(req.handler), req.dir) };
  }
  const args = ['build', ...(req.debug ? ['-gcflags=all=-N -l'] : []), '-o', req.handler, '.'];
  const command = `GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go ${args.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')}`;
  req.onLine?.(`> ${command}`);
  const started = performance.now();
  const output: string[] = [];
  const line = (text: string) => {
    output.push(text);
    req.onLine?.(text);
  };
  const group = await startGroup(go, args, {
    cwd: req.dir,
    env: { ...(process.env as Record<string, string>), GOOS: 'linux', GOARCH: 'amd64', CGO_ENABLED: '0', GOFLAGS: process.env.GOFLAGS ?? '-mod=mod' },
  });
  const out = new LineSplitter(line);
  const err = new LineSplitter(line);
  group.stdout.on('data', (c: Buffer) => out.push(c));
  group.stderr.on('data', (c: Buffer) => err.push(c));
  const onAbort = () => void group.stop(0);
  req.signal?.addEventListener('abort', onAbort, { once: true });
  const exit = await group.exited;
  req.signal?.removeEventListener('abort', onAbort);
  await Promise.race([Promise.all([ended(group.stdout), ended(group.stderr)]), new Promise((r) => setTimeout(r, 500))]);
  out.flush();
  err.flush();
  if (req.signal?.aborted) return { status: 'failed', message: t('The build was cancelled.'), output: output.join('\n') };
  if (exit.code !== 0) {
    return { status: 'failed', output: output.join('\n'), message: t('go build failed (exit code {0}); fix the errors above, then run again. Nothing was invoked.', String(exit.code ?? exit.signal)) };
  }
  const st = await fs.stat(exe);
  await fs.mkdir(path.dirname(stampFile(exe)), { recursive: true });
  await fs.writeFile(stampFile(exe), JSON.stringify({ mode, mtimeMs: st.mtimeMs, size: st.size } satisfies Stamp));
  return { status: 'built', command, durationMs: performance.now() - started };
}

function ended(stream: NodeJS.ReadableStream & { readableEnded?: boolean }): Promise<void> {
  if (stream.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
  });
}
