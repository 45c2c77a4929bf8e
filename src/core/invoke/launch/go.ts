// Go 1.x launch (builtin-runtimes.md 1.1, 1.2, 1.10): the handler is the name of an executable at the
// package root; it is started as it is, with RUNTIME_API_ADDR set to a free loopback port on which
// it serves net/rpc. No Go toolchain is needed to run a prebuilt binary.
import { closeSync, constants as fsConstants, openSync, promises as fs, readSync, statSync, type Stats } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FunctionSpec } from '../../config';
import { goBuildCommand, goHandlerProblem } from '../../config/goHandler';
import { t } from '../../l10n';
import { binaryFormat, wrongPlatform } from '../../process/executableFormat';
import { which } from '../../process/which';
import { freePort } from '../../process/ports';
import type { LaunchCommand } from '../types';
import { buildGoFunction, hasGoSources } from './goBuild';
import type { LaunchModule, PrepareStep } from './types';

/**
 * Problems with the executable itself (missing, not a program, another platform, not executable), each
 * with its fix. Synchronous: one stat and a 64-byte read of a local file cost microseconds, while each
 * asynchronous call is a thread-pool round trip on every cold start.
 */
export function goExecutableProblems(codeDir: string, handler: string): string[] {
  const exe = path.join(codeDir, handler);
  const st = statIfAny(exe);
  if (!st) {
    return [hasGoSources(codeDir)
      ? t('No executable named {0} in {1}: Go 1.x runs the program named like the handler. Build it ({2}); F5 and fgtk invoke build it for you when the sources change.', handler, codeDir, goBuildCommand(handler))
      : t('No executable named {0} in {1}: Go 1.x runs the program named like the handler. Build it where its sources are ({2}) and put it here, or set Handler to the executable\'s name.', handler, codeDir, goBuildCommand(handler))];
  }
  if (!st.isFile()) return [t('{0} is a folder, not the executable the handler names. Build the program to {0} ({1}).', exe, goBuildCommand(handler))];
  const head = Buffer.alloc(64);
  const fd = openSync(exe, 'r');
  try {
    readSync(fd, head, 0, 64, 0);
  } finally {
    closeSync(fd);
  }
  const format = binaryFormat(head);
  if (!format) return [t('{0} is not a compiled program (no ELF header). Build it: {1}', handler, goBuildCommand(handler))];
  const wrong = wrongPlatform(format);
  if (wrong) return [t('{0} is {1}; FunctionGraph (and this emulator) run Linux x86_64 programs. Rebuild it: {2}', handler, wrong, goBuildCommand(handler))];
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return [t('{0} is a Linux x86_64 program and this machine is {1}/{2}: Go 1.x functions run locally on Linux x86_64 only (e.g. in WSL or a Linux VM).', handler, process.platform, process.arch)];
  }
  if ((st.mode & 0o111) === 0) return [t('{0} is not executable. Run chmod +x {0}; fgtk package keeps the bit in the .zip.', handler)];
  return [];
}

/** The file's stat, or undefined when it cannot be read (missing, a broken path, no permission). */
function statIfAny(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

export interface GoLaunch {
  errors: string[];
  launch?: LaunchCommand;
}

/** Where Delve is: on PATH, or where `go install` puts it (GOBIN, GOPATH/bin, ~/go/bin). */
export async function findDelve(): Promise<string | undefined> {
  const onPath = await which('dlv');
  if (onPath) return onPath;
  const candidates = [process.env.GOBIN, ...(process.env.GOPATH ?? '').split(path.delimiter).filter(Boolean).map((p) => path.join(p, 'bin')), path.join(os.homedir(), 'go', 'bin')];
  for (const dir of candidates) {
    if (!dir) continue;
    const dlv = path.join(dir, 'dlv');
    if (await fs.access(dlv, fsConstants.X_OK).then(() => true, () => false)) return dlv;
  }
  return undefined;
}

/**
 * Plans the start of a Go 1.x instance that serves net/rpc on 127.0.0.1:`port`; under Delve when
 * `debugPort` is given. With Go sources in the folder the executable is checked after the build (goPrepare).
 */
export async function planGoLaunch(spec: FunctionSpec, port: number, debugPort?: number): Promise<GoLaunch> {
  const handler = spec.handler.trim();
  const problem = goHandlerProblem(handler);
  if (problem) return { errors: [problem] };
  const errors = hasGoSources(spec.codeDir) ? [] : goExecutableProblems(spec.codeDir, handler);
  if (errors.length > 0) return { errors };
  const exe = path.join(spec.codeDir, handler);
  const env = { RUNTIME_API_ADDR: `127.0.0.1:${port}` };
  if (debugPort === undefined) return { errors, launch: { command: exe, args: [], env } };
  const dlv = await findDelve();
  if (!dlv) {
    return { errors: [t('Breakpoints in a Go function need Delve, which was not found (on PATH or in ~/go/bin). Install it with go install github.com/go-delve/delve/cmd/dlv@latest (or Debian\'s delve package), or run without debugging.')] };
  }
  // Headless Delve speaks DAP to the child session and keeps the program halted until it is configured.
  return { errors, launch: { command: dlv, args: ['exec', exe, '--headless', `--listen=127.0.0.1:${debugPort}`, '--api-version=2', '--accept-multiclient'], env } };
}

/** With Go sources in the folder: go build when a source changed (goBuild.ts), then the executable's checks. */
async function goPrepare(spec: FunctionSpec, debug: boolean): Promise<PrepareStep | undefined> {
  const handler = spec.handler.trim();
  if (goHandlerProblem(handler) || !hasGoSources(spec.codeDir)) return undefined; // planGoLaunch says what is wrong
  return {
    outputs: [path.join(spec.codeDir, handler), path.join(spec.codeDir, 'go.sum')], // -mod=mod may complete go.sum
    async run(log, signal) {
      const r = await buildGoFunction({ dir: spec.codeDir, handler, debug, onLine: log, signal });
      if (r.status === 'failed') return { error: r.message };
      const problems = goExecutableProblems(spec.codeDir, handler);
      if (problems.length > 0) return { error: problems.join('\n') };
      return r.status === 'built'
        ? { changed: true, note: t('Built {0} in {1} ms.', handler, String(Math.round(r.durationMs))) }
        : { changed: false, note: t('{0} is up to date with its sources; not rebuilt.', handler) };
    },
  };
}

/** The Go 1.x launch module: the handler's executable on a free loopback port, under Delve when debugging. */
export const goLaunch: LaunchModule = {
  async plan({ spec, options, debugPort }, plan) {
    const r = await planGoLaunch(spec, await freePort(), options.debug?.kind === 'go' ? debugPort : undefined);
    plan.errors.push(...r.errors);
    plan.launch = r.launch;
    plan.mode = 'go-rpc';
  },
  prepare: goPrepare,
};
