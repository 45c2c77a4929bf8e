// execa 9 is ESM-only; a dynamic import works both in the esbuild bundle and under tsx (whose
// require() path cannot load its ESM-only dependencies). Loaded once and early, so that a cold start
// does not pay for the module load.
import type { execa as ExecaFn } from 'execa';

let loading: Promise<typeof ExecaFn> | undefined;

export function loadExeca(): Promise<typeof ExecaFn> {
  loading ??= import('execa').then((m) => m.execa);
  return loading;
}

export interface CaptureResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  failed: boolean;
}

/** Runs a short helper command (an interpreter's version probe) and captures its output. */
export async function runCapture(command: string, args: string[], timeoutMs = 10_000, env?: Record<string, string>): Promise<CaptureResult> {
  const execa = await loadExeca();
  const r = await execa(command, args, { reject: false, timeout: timeoutMs, stdin: 'ignore', env, extendEnv: true, stripFinalNewline: true });
  return { exitCode: r.exitCode, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), failed: r.failed };
}
