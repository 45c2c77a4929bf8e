// Which local interpreter stands in for a platform runtime (`Node.js18.15`, `Python3.9`, the
// `/opt/function/runtime/nodejs12.13/...` folder names of bootstraps). Resolved once per process and
// cached: the pyenv `python3` on PATH is a shell script that costs ~100 ms per start, so we ask it
// for `sys.executable` once and run the real binary from then on.
import { constants as fsc, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseRuntime, type RuntimeFamily } from '../config';
import { t } from '../l10n';
import { runCapture } from '../process/execa';
import { which } from '../process/which';
import type { InterpreterSettings, ResolvedInterpreter } from './types';

type Family = ResolvedInterpreter['family'];
const INTERPRETED: ReadonlySet<RuntimeFamily> = new Set(['nodejs', 'python', 'java', 'php']);

const cache = new Map<string, Promise<ResolvedInterpreter | undefined>>();

/** Forget cached answers (tests, or after the user changed interpreter settings). */
export function clearInterpreterCache(): void {
  cache.clear();
}

interface Wanted {
  family: Family;
  /** Platform spelling for messages, e.g. `Node.js12.13`. */
  label: string;
  /** `12.13`, `3.6`, `8`; empty if unknown. */
  version: string;
}

/** `Node.js18.15`, `nodejs12.13`, `python3.6`, `java8`, `Python3.9` → family and version. */
export function wantedRuntime(runtimeName: string): Wanted | undefined {
  const info = parseRuntime(runtimeName);
  if (info && INTERPRETED.has(info.family)) return { family: info.family as Family, label: info.name, version: info.version };
  const m = /^(node(?:\.?js)?|python|java|php)[\s._-]*(\d+(?:\.\d+)*)?$/i.exec(runtimeName.trim());
  if (!m) return undefined;
  const word = m[1].toLowerCase();
  const family: Family = word.startsWith('node') ? 'nodejs' : (word as Family);
  return { family, label: runtimeName, version: m[2] ?? '' };
}

const major = (v: string): number | undefined => {
  const m = /^(\d+)/.exec(v);
  return m ? Number(m[1]) : undefined;
};

/**
 * The local interpreter for `runtimeName`, or undefined when none fits (the caller says so, with
 * the setting that fixes it). Explicit paths in `settings.paths` win, by runtime name then family.
 */
export function resolveInterpreter(runtimeName: string, settings?: InterpreterSettings): Promise<ResolvedInterpreter | undefined> {
  const wanted = wantedRuntime(runtimeName);
  if (!wanted) return Promise.resolve(undefined);
  const explicit = explicitPath(runtimeName, wanted, settings);
  const key = `${wanted.family}|${wanted.family === 'python' ? major(wanted.version) ?? '' : ''}|${explicit ?? ''}|${wanted.label}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = resolveUncached(wanted, explicit);
    cache.set(key, hit);
  }
  return hit;
}

/**
 * How the user of this host names an interpreter for `runtime` (the CLI's option and environment
 * variable, or the extension's setting), for the messages that say no interpreter fits.
 */
export function howToSetInterpreter(settings: InterpreterSettings | undefined, runtime: string, examplePath: string): string {
  return settings?.host === 'cli'
    ? t('pass --interpreter {0}={1} (or set {2}="{0}={1}")', runtime, examplePath, INTERPRETERS_ENV)
    // The JSON example is filled in outside the message: l10n reads `{"{0}"...}` as one unknown placeholder.
    : t('set its path in the settings (functiongraph.interpreters, e.g. {0})', JSON.stringify({ [runtime]: examplePath }).replace(/":"/, '": "'));
}

/** The CLI's environment variable: `Python3.9=/usr/bin/python3.9,Node.js20.15=/opt/node20/bin/node`. */
export const INTERPRETERS_ENV = 'FGTK_INTERPRETERS';

/** `RUNTIME=PATH` pairs (from --interpreter options, or the environment variable split at commas); throws on a malformed one. */
export function parseInterpreterPairs(pairs: readonly string[]): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const pair of pairs.flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new Error(t('An interpreter is given as RUNTIME=PATH (e.g. Python3.9=/usr/bin/python3.9), got "{0}".', pair));
    paths[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return paths;
}

function explicitPath(runtimeName: string, wanted: Wanted, settings: InterpreterSettings | undefined): string | undefined {
  return settings?.paths?.[runtimeName] ?? settings?.paths?.[wanted.label] ?? settings?.paths?.[wanted.family]
    ?? (wanted.family === 'nodejs' ? settings?.paths?.node : undefined);
}

async function resolveUncached(wanted: Wanted, explicit: string | undefined): Promise<ResolvedInterpreter | undefined> {
  const candidates: { cmd: string; source: string }[] = [];
  if (explicit) candidates.push({ cmd: explicit, source: 'from settings' });
  else {
    switch (wanted.family) {
      case 'nodejs':
        // Our own Node.js, when we are Node.js (not VS Code's Electron), costs no probe at all.
        if (!process.versions.electron && /^node(\.exe)?$/i.test(path.basename(process.execPath))) {
          return describe(wanted, process.execPath, process.versions.node, 'the Node.js running fgtk');
        }
        candidates.push({ cmd: 'node', source: t('from PATH') }, { cmd: 'nodejs', source: t('from PATH') });
        break;
      case 'python':
        if (major(wanted.version) === 2) candidates.push({ cmd: 'python2.7', source: t('from PATH') }, { cmd: 'python2', source: t('from PATH') });
        // The platform's exact minor version first (python3.9 for Python3.9), then any Python 3.
        else candidates.push(...(wanted.version.includes('.') ? [{ cmd: `python${wanted.version}`, source: t('from PATH') }] : []), { cmd: 'python3', source: t('from PATH') }, { cmd: 'python', source: t('from PATH') });
        break;
      case 'java':
        candidates.push({ cmd: 'java', source: t('from PATH') });
        break;
      case 'php':
        candidates.push({ cmd: 'php', source: t('from PATH') });
        break;
      default:
        break;
    }
  }
  for (const c of candidates) {
    const found = c.cmd.includes('/') ? c.cmd : await which(c.cmd);
    if (!found) continue;
    const probed = await probe(wanted.family, found);
    if (!probed) continue;
    if (wanted.family === 'python' && major(wanted.version) !== undefined && major(probed.version) !== major(wanted.version)) continue;
    // A php named in the settings runs as named: it may be a wrapper that sets ini options (`php -n`,
    // `-c my.ini`), which PHP_BINARY would skip. On PATH, PHP_BINARY skips version managers' shell shims.
    const exe = wanted.family === 'php' && explicit ? found : probed.path;
    return describe(wanted, exe, probed.version, c.source);
  }
  return undefined;
}

function describe(wanted: Wanted, exe: string, version: string, source: string): ResolvedInterpreter {
  const name = { nodejs: 'Node.js', python: 'Python', java: 'Java', php: 'PHP', go: 'Go', csharp: 'C#' }[wanted.family];
  // Major.minor, as far as the runtime names it: Python3.9 on 3.11 accepts syntax the platform rejects.
  const wantParts = wanted.version.split('.').filter((p) => /^\d+$/.test(p)).slice(0, 2);
  const haveParts = version.split('.').slice(0, wantParts.length);
  const mismatch = wantParts.length > 0 && wantParts.join('.') !== haveParts.join('.')
    ? t('{0} runs on {1} {2} on the platform, but the local interpreter is {1} {3}; code that depends on the version (syntax, library functions) may pass here and fail there.', wanted.label, name, wanted.version, version)
    : undefined;
  return { path: exe, version, family: wanted.family, note: `${wanted.label} → ${exe} (${name} ${version}, ${source})`, mismatch };
}

/** Asks the interpreter for its real executable (resolving pyenv/asdf shims) and its version. */
async function probe(family: Family, exe: string): Promise<{ path: string; version: string } | undefined> {
  try {
    if (family === 'nodejs') {
      const r = await runCapture(exe, ['-p', 'process.execPath + "\\n" + process.versions.node']);
      const [p, v] = r.stdout.trim().split('\n');
      return r.exitCode === 0 && p && v ? { path: p, version: v } : undefined;
    }
    if (family === 'python') {
      const r = await runCapture(exe, ['-c', 'import sys, platform; print(sys.executable); print(platform.python_version())']);
      const [p, v] = r.stdout.trim().split('\n');
      return r.exitCode === 0 && p && v ? { path: p.trim(), version: v.trim() } : undefined;
    }
    if (family === 'java') {
      const r = await runCapture(exe, ['-version']);
      const m = /version "([^"]+)"/.exec(r.stderr + r.stdout);
      if (r.exitCode !== 0 || !m) return undefined;
      const v = m[1].startsWith('1.') ? m[1].slice(2) : m[1]; // 1.8.0_392 → 8.0_392
      return { path: await fs.realpath(exe).catch(() => exe), version: v };
    }
    if (family === 'php') {
      const r = await runCapture(exe, ['-r', 'echo PHP_BINARY, "\\n", PHP_VERSION;']);
      const [p, v] = r.stdout.trim().split('\n');
      return r.exitCode === 0 && p && v ? { path: p, version: v } : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

// ---- Python under a debugger -------------------------------------------------------------------
// The first `python3` on PATH often cannot import debugpy (a pyenv or venv Python) while another
// local Python 3 can (Debian's /usr/bin/python3 with python3-debugpy). Each probe costs a process
// spawn, so every interpreter is asked once per process, and only for debug launches.

const debugpyProbes = new Map<string, Promise<boolean>>();
/** Settled answers, readable synchronously (shimLaunch checks before it starts debugpy). */
const debugpyKnown = new Map<string, boolean>();

/** Whether `python` can `import debugpy` (one spawn per interpreter path, cached). */
export function canImportDebugpy(python: string): Promise<boolean> {
  let hit = debugpyProbes.get(python);
  if (!hit) {
    hit = runCapture(python, ['-c', 'import debugpy']).then((r) => r.exitCode === 0, () => false).then((ok) => {
      debugpyKnown.set(python, ok);
      return ok;
    });
    debugpyProbes.set(python, hit);
  }
  return hit;
}

/** What an earlier probe found for `python`: true/false, or undefined when it was never asked. */
export function knownDebugpy(python: string): boolean | undefined {
  return debugpyKnown.get(python);
}

/** Records a debugpy answer found another way (a combined probe, or shimLaunch's own check). */
export function rememberDebugpy(paths: string[], ok: boolean): void {
  for (const p of paths) {
    debugpyKnown.set(p, ok);
    if (!debugpyProbes.has(p)) debugpyProbes.set(p, Promise.resolve(ok));
  }
}

const debugCache = new Map<string, Promise<ResolvedInterpreter | undefined>>();

/**
 * The interpreter for a Python handler started under debugpy, in this order:
 * 1. the one the settings name explicitly — never overridden (shimLaunch says if it lacks debugpy);
 * 2. the one `resolveInterpreter` picks, if it can import debugpy;
 * 3. another local Python of the same major version that can, with a note saying why it stands
 *    in: `python3.X` when the runtime names X, then `python3`, then other `python3.Y`, each looked
 *    up in PATH and then in `alsoIn` (the system's own folders, where python3-debugpy installs);
 * 4. else the resolved one, unchanged: shimLaunch then fails with how to install debugpy.
 */
export function resolveDebugInterpreter(runtimeName: string, settings?: InterpreterSettings, alsoIn: readonly string[] = ['/usr/bin', '/usr/local/bin']): Promise<ResolvedInterpreter | undefined> {
  const wanted = wantedRuntime(runtimeName);
  if (!wanted || wanted.family !== 'python' || explicitPath(runtimeName, wanted, settings)) return resolveInterpreter(runtimeName, settings);
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...alsoIn].filter(Boolean);
  const key = `${wanted.label}|${dirs.join(path.delimiter)}`;
  let hit = debugCache.get(key);
  if (!hit) {
    hit = chooseDebugPython(runtimeName, wanted, settings, dirs);
    debugCache.set(key, hit);
  }
  return hit;
}

/** Forget the debugpy probes too (tests, or after the user installed debugpy). */
export function clearDebugpyCache(): void {
  debugpyProbes.clear();
  debugpyKnown.clear();
  debugCache.clear();
}

async function chooseDebugPython(runtimeName: string, wanted: Wanted, settings: InterpreterSettings | undefined, dirs: string[]): Promise<ResolvedInterpreter | undefined> {
  const resolved = await resolveInterpreter(runtimeName, settings);
  if (resolved && (await canImportDebugpy(resolved.path))) return resolved;
  const want = major(wanted.version) ?? 3;
  const seen = new Set<string>(resolved ? [resolved.path] : []);
  for (const candidate of await debugCandidates(wanted, want, dirs)) {
    const real = await fs.realpath(candidate).catch(() => undefined);
    if (!real || seen.has(real)) continue;
    seen.add(real);
    // One spawn answers all three: the real executable (behind pyenv-style shims), its version, debugpy.
    const r = await runCapture(candidate, ['-c', 'import sys, platform; print(sys.executable); print(platform.python_version()); import debugpy']).catch(() => undefined);
    const [exe, version] = (r?.stdout ?? '').trim().split('\n').map((l) => l.trim());
    if (!exe || !version || major(version) !== want) continue;
    const ok = r?.exitCode === 0;
    rememberDebugpy([candidate, exe], ok);
    seen.add(exe);
    if (!ok) continue;
    const chosen = describe(wanted, exe, version, '');
    const instead = resolved ? `; ${resolved.path} (Python ${resolved.version}) cannot import debugpy` : '';
    return { ...chosen, note: `${wanted.label} → ${exe} (Python ${version}), the first python${want} with debugpy${instead}` };
  }
  return resolved;
}

/** Every local Python that might stand in, in order of preference (by name, then folder); each path once. */
async function debugCandidates(wanted: Wanted, want: number, dirs: string[]): Promise<string[]> {
  const minors = new Set<string>();
  await Promise.all(dirs.map(async (dir) => {
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      if (new RegExp(`^python${want}\\.\\d+$`).test(name)) minors.add(name);
    }
  }));
  const byMinor = [...minors].sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]));
  const names = [...new Set([...(/\./.test(wanted.version) ? [`python${wanted.version}`] : []), `python${want}`, ...byMinor])];
  const out: string[] = [];
  for (const name of names) {
    for (const dir of dirs) out.push(path.join(dir, name));
  }
  const usable: string[] = [];
  for (const p of [...new Set(out)]) {
    try {
      await fs.access(p, fsc.X_OK);
      if ((await fs.stat(p)).isFile()) usable.push(p);
    } catch {
      // not here
    }
  }
  return usable;
}
