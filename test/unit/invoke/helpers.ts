// Shared by the invoke tests: fixture functions, throwaway function folders, and process checks.
import { execFileSync } from 'node:child_process';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadFunction, type FunctionSpec } from '../../../src/core/config';

export const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'functions');
export const REPO = path.resolve(__dirname, '..', '..', '..');

export async function fixture(name: string): Promise<FunctionSpec> {
  const spec = await loadFunction(path.join(FIXTURES, name));
  if (!spec) throw new Error(`fixture ${name} is not a function`);
  return spec;
}

/** A function folder in a temp dir with the given files (mode 0755 for `bootstrap` unless told otherwise). */
export async function tempFunction(files: Record<string, string | Buffer>, modes: Record<string, number> = {}): Promise<{ dir: string; spec: () => Promise<FunctionSpec>; cleanup: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-test-fn-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
    await fs.chmod(file, modes[name] ?? (name === 'bootstrap' ? 0o755 : 0o644));
  }
  return {
    dir,
    spec: async () => {
      const s = await loadFunction(dir);
      if (!s) throw new Error('not a function');
      return s;
    },
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

/** True while `pid` exists and is not a zombie. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Process group of `pid` (from /proc), or undefined when it is gone. */
export function pgidOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return undefined;
  }
}

/** Live (non-zombie) processes whose process group is `pgid`. */
export function liveGroupMembers(pgid: number): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).filter((pid) => pgidOf(pid) === pgid && alive(pid));
}

/** Waits until `check` holds, up to `ms`; returns whether it did. */
export async function eventually(check: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/** Whether `python` can import debugpy (Debian's python3-debugpy belongs to /usr/bin/python3). */
export function canImportDebugpy(python: string): boolean {
  try {
    execFileSync(python, ['-c', 'import debugpy'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** A Python 3 on this machine that has debugpy, if any: on PATH first, then the system's. */
export const PYTHON_WITH_DEBUGPY = [...new Set([
  ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, 'python3')),
  '/usr/bin/python3',
  '/usr/local/bin/python3',
])].find(canImportDebugpy);
