// Which local interpreter stands in for a platform runtime (`Node.js18.15`, `Python3.9`, the
// `/opt/function/runtime/nodejs12.13/...` folder names of bootstraps). Resolved once per process and
// cached: the pyenv `python3` on PATH is a shell script that costs ~100 ms per start, so we ask it
// for `sys.executable` once and run the real binary from then on.
import { constants as fsc, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseRuntime, type RuntimeFamily } from '../config';
import { runCapture } from '../process/execa';
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
  const explicit = settings?.paths?.[runtimeName] ?? settings?.paths?.[wanted.label] ?? settings?.paths?.[wanted.family]
    ?? (wanted.family === 'nodejs' ? settings?.paths?.node : undefined);
  const key = `${wanted.family}|${wanted.family === 'python' ? major(wanted.version) ?? '' : ''}|${explicit ?? ''}|${wanted.label}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = resolveUncached(wanted, explicit);
    cache.set(key, hit);
  }
  return hit;
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
        candidates.push({ cmd: 'node', source: 'from PATH' }, { cmd: 'nodejs', source: 'from PATH' });
        break;
      case 'python':
        if (major(wanted.version) === 2) candidates.push({ cmd: 'python2.7', source: 'from PATH' }, { cmd: 'python2', source: 'from PATH' });
        else candidates.push({ cmd: 'python3', source: 'from PATH' }, { cmd: `python${wanted.version}`, source: 'from PATH' }, { cmd: 'python', source: 'from PATH' });
        break;
      case 'java':
        candidates.push({ cmd: 'java', source: 'from PATH' });
        break;
      case 'php':
        candidates.push({ cmd: 'php', source: 'from PATH' });
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
    return describe(wanted, probed.path, probed.version, c.source);
  }
  return undefined;
}

function describe(wanted: Wanted, exe: string, version: string, source: string): ResolvedInterpreter {
  const name = { nodejs: 'Node.js', python: 'Python', java: 'Java', php: 'PHP', go: 'Go', csharp: 'C#' }[wanted.family];
  const want = major(wanted.version);
  const have = major(version);
  const mismatch = want !== undefined && have !== undefined && want !== have
    ? `${wanted.label} runs on ${name} ${wanted.version} on the platform, but the local interpreter is ${name} ${version}; code that depends on the version may behave differently.`
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

/** First executable named `cmd` on PATH. */
export async function which(cmd: string, envPath = process.env.PATH ?? ''): Promise<string | undefined> {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, cmd);
    try {
      await fs.access(candidate, fsc.X_OK);
      const st = await fs.stat(candidate);
      if (st.isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
