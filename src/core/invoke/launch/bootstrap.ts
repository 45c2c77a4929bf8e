// How to start a `bootstrap` here so that it behaves as on the platform (contract section 9,
// PKG-2/PKG-3): no shebang → a shell; `#!/bin/sh` scripts written for the platform's bash-backed sh
// (the official sample uses `set -o pipefail`) run under `bash --posix` where /bin/sh is dash;
// interpreter paths under /opt/function/runtime/<runtime>/rtsp/... become local interpreters;
// the platform code root /opt/function/code becomes the function folder.
import { constants as fsc, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PLATFORM_RTSP_PATH, PLATFORM_RUNTIME_ROOT, platformInterpreterName, platformInterpreterPatterns, platformRuntimeOfDir, splitPlatformPath, type RuntimeFamily } from '../../config';
import { t } from '../../l10n';
import { which } from '../../process/which';
import { howToSetInterpreter, resolveInterpreter, wantedRuntime } from '../interpreters';
import type { InterpreterSettings, LaunchCommand } from '../types';
import type { LaunchModule } from './types';

export const PLATFORM_CODE_ROOT = '/opt/function/code';
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'zsh', 'mksh']);
/** Scripts up to this size run as `shell -c TEXT bootstrap` when rewritten (one argv string is limited to 128 KB). */
const MAX_INLINE_SCRIPT = 100 * 1024;

export interface BootstrapPlan {
  launch?: LaunchCommand;
  /** Emulator log lines: which shell or interpreter runs it, and why. */
  notes: string[];
  errors: string[];
  warnings: string[];
  /** The script's text (undefined for binaries): used to guess HTTP vs runtime-API functions. */
  text?: string;
}

/**
 * Custom runtimes and HTTP functions: the folder's `bootstrap`, as the platform runs it. An HTTP
 * function serves on port 8000; any other bootstrap is an event function or, undeclared, whichever
 * of the two it turns out to be. A custom debugger learns its port from FGTK_DEBUG_PORT.
 */
export const bootstrapLaunch: LaunchModule = {
  async plan({ spec, options, debugPort }, plan) {
    const b = await planBootstrap(spec.dir, options.interpreters, process.env as Record<string, string>, { http: spec.family === 'http', packageZip: options.packageZip });
    plan.errors.push(...b.errors);
    plan.warnings.push(...b.warnings);
    plan.notes.push(...b.notes);
    plan.launch = b.launch;
    plan.mode = spec.family === 'http' ? 'http' : 'detect';
    if (options.debug?.kind === 'custom' && debugPort && plan.launch) plan.launch.env.FGTK_DEBUG_PORT = String(debugPort);
  },
};

let shIsDash: Promise<boolean> | undefined;
/** Debian and Ubuntu link /bin/sh to dash, which rejects bash options (`set -o pipefail`) that the platform's sh accepts. */
export function localShIsDash(): Promise<boolean> {
  shIsDash ??= fs.realpath('/bin/sh').then((p) => path.basename(p) === 'dash', () => false);
  return shIsDash;
}

const shQuote = (s: string) => (/^[A-Za-z0-9_/.+@%:=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export interface BootstrapContext {
  /** An HTTP function: the platform starts a non-executable bootstrap through a shell (PKG-2 narrowed, docs/platform-notes.md). */
  http?: boolean;
  /** The .zip the folder was unpacked from: fixes name the ZIP, not the temporary folder. */
  packageZip?: string;
}

export async function planBootstrap(dir: string, settings?: InterpreterSettings, env: Record<string, string> = {}, context: BootstrapContext = {}): Promise<BootstrapPlan> {
  const file = path.join(dir, 'bootstrap');
  const plan: BootstrapPlan = { notes: [], errors: [], warnings: [] };
  let st;
  try {
    st = await fs.stat(file);
  } catch {
    plan.errors.push(t('No bootstrap file in {0}. A Custom runtime or HTTP function starts the executable file named exactly "bootstrap" at the root of the package (PKG-2): create it (for example a shell script that polls GET http://$RUNTIME_API_ADDR/v1/runtime/invocation/request), or set Runtime to a Node.js or Python runtime to run a handler instead.', dir));
    return plan;
  }
  if (!st.isFile()) {
    plan.errors.push(t('{0} is not a file. The bootstrap must be an executable file (PKG-2).', file));
    return plan;
  }
  const executable = (st.mode & 0o111) !== 0;
  if (!executable && context.http) {
    plan.warnings.push(t('bootstrap is not executable; as on the platform, this HTTP function\'s bootstrap runs through a shell. Custom runtimes need it executable (chmod +x bootstrap).'));
  } else if (!executable) {
    plan.errors.push(context.packageZip
      ? t('bootstrap in {0} is not executable, so the platform cannot start it (PKG-2). Rebuild the ZIP with the executable bit set: chmod +x bootstrap in the function folder, then fgtk package (ZIPs made on Windows lose the bit; fgtk package sets it).', context.packageZip)
      : t('bootstrap is not executable, so the platform cannot start it (PKG-2). Run: chmod +x "{0}" (ZIPs made on Windows lose the executable bit; fgtk package sets it).', file));
  }
  try {
    await fs.access(file, fsc.R_OK);
  } catch {
    plan.errors.push(t('bootstrap cannot be read (permissions of {0}).', file));
    return plan;
  }
  const bytes = await fs.readFile(file);
  if (bytes.length >= 4 && bytes[0] === 0x7f && bytes.subarray(1, 4).toString('latin1') === 'ELF') {
    plan.notes.push(t('bootstrap is a Linux executable; it runs as it is.'));
    plan.launch = { command: file, args: [], env: {} };
    return plan;
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    plan.notes.push(t('bootstrap is a binary file; it runs as it is.'));
    plan.launch = { command: file, args: [], env: {} };
    return plan;
  }
  const text = bytes.toString('utf8');
  plan.text = text;
  if (text.includes('\r\n')) {
    plan.errors.push(t('bootstrap has Windows line endings (CRLF); Linux reads "\\r" as part of each command and the function fails to start (PKG-3). Convert it to LF: sed -i \'s/\\r$//\' "{0}" (or choose "LF" in your editor\'s status bar).', file));
  }

  const firstLine = text.split('\n', 1)[0];
  const shebang = firstLine.startsWith('#!') ? firstLine.slice(2).trim().split(/\s+/) : undefined;
  let interp = shebang?.[0];
  let interpArgs = shebang?.slice(1) ?? [];
  if (interp && path.basename(interp) === 'env' && interpArgs.length > 0) {
    interp = interpArgs[0];
    interpArgs = interpArgs.slice(1);
  }
  const interpName = interp ? path.basename(interp) : 'sh';
  const dash = await localShIsDash();

  // A script run by an interpreter other than a shell: only its shebang may need translating.
  if (interp && !SHELLS.has(interpName)) {
    if (interp.startsWith(PLATFORM_RUNTIME_ROOT)) {
      const local = await localInterpreter(interp, settings, plan);
      if (!local) return plan;
      plan.launch = { command: local, args: [...interpArgs, file], env: {} };
      return plan;
    }
    if (/^(node|nodejs|python3?|python2(\.7)?)$/.test(interpName)) {
      // `#!/usr/bin/env python3` would go through a pyenv shim on every start: run the real binary.
      const r = await resolveInterpreter(interpName.startsWith('node') ? 'nodejs' : interpName === 'python' ? 'python3' : interpName, settings);
      if (r) {
        plan.notes.push(t('bootstrap runs with {0} ({1} {2}) from its shebang "{3}".', r.path, r.family === 'nodejs' ? 'Node.js' : 'Python', r.version, firstLine));
        plan.launch = { command: r.path, args: [...interpArgs, file], env: {} };
        if (text.includes(PLATFORM_CODE_ROOT)) plan.warnings.push(t('bootstrap refers to {0}, the platform\'s code folder; locally the code is in {1}. Use the RUNTIME_CODE_ROOT environment variable instead of the fixed path.', PLATFORM_CODE_ROOT, dir));
        return plan;
      }
    }
    plan.launch = executable ? { command: file, args: [], env: {} } : { command: interp, args: [...interpArgs, file], env: {} };
    return plan;
  }

  // A shell script (with or without a shebang).
  let shell: string;
  const shellArgs: string[] = [];
  if (!interp) {
    plan.notes.push(t('bootstrap has no shebang line ("#!/bin/sh"); it runs through a shell, as on the platform.'));
  }
  if (interpName === 'sh' || !interp) {
    if (dash) {
      shell = (await which('bash', env.PATH ?? process.env.PATH)) ?? '/bin/bash';
      shellArgs.push('--posix');
      plan.notes.push(t('The local /bin/sh is dash, which rejects bash options the platform\'s sh accepts (such as "set -o pipefail"); bootstrap runs with {0} --posix instead.', shell));
    } else {
      shell = '/bin/sh';
    }
  } else {
    shell = interp.startsWith('/') ? interp : (await which(interp, env.PATH ?? process.env.PATH)) ?? interp;
  }
  shellArgs.push(...interpArgs);

  // Rewrite platform paths in the text; the script then runs as `shell -c TEXT bootstrap` so that $0 stays the bootstrap.
  let rewritten = text;
  // Only paths below a runtime's rtsp/ are rewritten: the documented interpreters live there.
  const runtimePaths = [...new Set(text.match(PLATFORM_RTSP_PATH) ?? [])];
  for (const p of runtimePaths) {
    const local = await localInterpreter(p, settings, plan);
    if (!local) continue;
    rewritten = rewritten.split(p).join(shQuote(local));
  }
  if (text.includes(PLATFORM_CODE_ROOT)) {
    rewritten = rewritten.split(PLATFORM_CODE_ROOT).join(/^[A-Za-z0-9_/.+@%:=,-]+$/.test(dir) ? dir : '${RUNTIME_CODE_ROOT}');
    plan.notes.push(t('bootstrap refers to {0}, the platform\'s code folder; it runs with {1} in its place.', PLATFORM_CODE_ROOT, dir));
  }
  if (rewritten !== text) {
    if (Buffer.byteLength(rewritten) > MAX_INLINE_SCRIPT) {
      plan.errors.push(t('bootstrap is larger than {0} KB and refers to platform paths (/opt/function/...); use $RUNTIME_CODE_ROOT and interpreters on PATH instead so it can run locally unchanged.', MAX_INLINE_SCRIPT / 1024));
      return plan;
    }
    plan.launch = { command: shell, args: [...shellArgs, '-c', rewritten, file], env: {} };
  } else if (!interp || (interpName === 'sh' && dash) || !executable) {
    plan.launch = { command: shell, args: [...shellArgs, file], env: {} };
  } else {
    plan.launch = { command: file, args: [], env: {} };
  }
  return plan;
}

/** What the launcher runs beyond the documented interpreter names: any `python3.9`-like name, and PHP (the docs give no path for it). */
const ALSO_RUNS: Partial<Record<RuntimeFamily, RegExp>> = { python: /^python[\d.]*$/, php: /^php$/ };
const KNOWN_LAYOUT = platformInterpreterPatterns().map((p) => p.replace(PLATFORM_RUNTIME_ROOT, '.../')).join(', ');

/** `/opt/function/runtime/nodejs12.13/rtsp/nodejs/bin/node` → a local interpreter, noted in the plan. */
async function localInterpreter(platformPath: string, settings: InterpreterSettings | undefined, plan: BootstrapPlan): Promise<string | undefined> {
  const { dir: runtimeDir, exe } = splitPlatformPath(platformPath) ?? { dir: '', exe: '' };
  // A folder the platform has names its runtime; another one (`nodejs99.1`) still runs, with the family its name says.
  const known = platformRuntimeOfDir(runtimeDir);
  const wanted = known ? { family: known.family, label: known.name, version: known.version } : wantedRuntime(runtimeDir);
  const exeFits = wanted && (exe === platformInterpreterName(wanted.family, wanted.version) || ALSO_RUNS[wanted.family]?.test(exe));
  if (!wanted || !exeFits) {
    plan.errors.push(t('bootstrap calls {0}, which is not an interpreter we know how to run locally (known: {1}). Call an interpreter on PATH instead.', platformPath, KNOWN_LAYOUT));
    return undefined;
  }
  const r = await resolveInterpreter(runtimeDir, settings);
  if (!r) {
    const tool = wanted.family === 'nodejs' ? 'node' : wanted.family === 'python' ? (wanted.version.startsWith('2') ? 'python2' : 'python3') : wanted.family;
    plan.errors.push(t('bootstrap calls {0} (the platform\'s {1}), but no local {2} was found. Install it, or {3}.', platformPath, wanted.label, tool, howToSetInterpreter(settings, wanted.label, `/usr/bin/${tool}`)));
    return undefined;
  }
  plan.notes.push(`bootstrap: ${platformPath} → ${r.path} (${r.note.split('(')[1]?.replace(/\)$/, '') ?? r.version})`);
  if (r.mismatch) plan.warnings.push(r.mismatch);
  return r.path;
}
