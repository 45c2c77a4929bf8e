// Interpreter paths of the platform's built-in runtimes, as the product docs list them for
// bootstraps (seeds 004, table 1): /opt/function/runtime/<runtime>/rtsp/<dir>/bin/<exe>.
// The linter (bootstrap-platform-path) and the launcher (invoke/launch/bootstrap.ts) both read the
// layout from here.
import * as path from 'node:path';
import { KNOWN_RUNTIMES, type RuntimeFamily, type RuntimeInfo } from './runtimes';

export const PLATFORM_RUNTIME_ROOT = '/opt/function/runtime/';
/** Characters that end a path in a line of shell. */
const PATH_CHARS = '[^\\s"\'`;|&<>()$]*';
/** Matches one such path in a line of shell (group 1: the runtime folder). */
export const PLATFORM_INTERPRETER_PATH = new RegExp(`/opt/function/runtime/([A-Za-z0-9._-]+)/${PATH_CHARS}`, 'g');
/** Matches one path inside a runtime folder's `rtsp/`, where its interpreters are (group 1: the runtime folder). */
export const PLATFORM_RTSP_PATH = new RegExp(`/opt/function/runtime/([A-Za-z0-9._-]+)/rtsp/${PATH_CHARS}`, 'g');

/** Where each family's interpreter sits inside its runtime folder. */
const INTERPRETER_TAIL: Partial<Record<RuntimeFamily, (version: string) => string>> = {
  nodejs: () => 'rtsp/nodejs/bin/node',
  python: (version) => (version.startsWith('2') ? 'rtsp/python/bin/python' : 'rtsp/python/bin/python3'),
  java: () => 'rtsp/jre/bin/java',
};

/** The runtime folders the platform has: `nodejs18.15`, `python3.9`, `java11`... */
export function platformRuntimeDir(info: Pick<RuntimeInfo, 'family' | 'version'>): string | undefined {
  return INTERPRETER_TAIL[info.family] ? `${info.family}${info.version}` : undefined;
}

/** The interpreter path the docs give for a runtime folder. */
export function platformInterpreter(info: Pick<RuntimeInfo, 'family' | 'version'>): string | undefined {
  const dir = platformRuntimeDir(info);
  const tail = INTERPRETER_TAIL[info.family]?.(info.version);
  return dir && tail ? `${PLATFORM_RUNTIME_ROOT}${dir}/${tail}` : undefined;
}

/**
 * The executable name the docs give for a family's interpreter at `version`: `node`, `python3`
 * (`python` for 2.x), `java`; undefined for families the docs give no path for. The version may
 * be one the platform does not have (`99.1`).
 */
export function platformInterpreterName(family: RuntimeFamily, version: string): string | undefined {
  return INTERPRETER_TAIL[family]?.(version).split('/').pop();
}

/** The documented paths with `<version>` in place of the version, for messages. */
export function platformInterpreterPatterns(): string[] {
  return Object.keys(INTERPRETER_TAIL).map((family) => platformInterpreter({ family: family as RuntimeFamily, version: '<version>' })!);
}

const BY_DIR = new Map(KNOWN_RUNTIMES.flatMap((r) => {
  const dir = platformRuntimeDir(r);
  return dir ? [[dir, r] as const] : [];
}));

/** The runtime whose folder is `dir` (`nodejs18.15`, any case), when the platform has that folder. */
export function platformRuntimeOfDir(dir: string): RuntimeInfo | undefined {
  return BY_DIR.get(dir.toLowerCase());
}

/**
 * `/opt/function/runtime/nodejs18.15/rtsp/nodejs/bin/node` → the runtime folder it names
 * (`nodejs18.15`, the first one in the path) and its last segment (`node`); undefined when the path
 * names no runtime folder.
 */
export function splitPlatformPath(platformPath: string): { dir: string; exe: string } | undefined {
  const dir = /\/opt\/function\/runtime\/([A-Za-z0-9._-]+)\//.exec(platformPath)?.[1];
  return dir ? { dir, exe: path.posix.basename(platformPath) } : undefined;
}

export interface PlatformPathCheck {
  /** The runtime the folder belongs to, when the platform has that folder. */
  runtime?: RuntimeInfo;
  /** The documented interpreter path for that runtime (what the user probably meant). */
  expected?: string;
  /** True when the path is exactly a documented interpreter. */
  valid: boolean;
}

/** Is `/opt/function/runtime/nodejs12.13/rtsp/nodejs/bin/node` an interpreter the platform really has? */
export function checkPlatformPath(platformPath: string): PlatformPathCheck {
  const runtime = platformRuntimeOfDir(splitPlatformPath(platformPath)?.dir ?? '');
  const expected = runtime && platformInterpreter(runtime);
  // python3 and python3.9 both exist in the Python runtimes' bin folders.
  const valid = !!expected && (platformPath === expected || (runtime.family === 'python' && platformPath.replace(/python3(\.\d+)?$/, 'python3') === expected));
  return { runtime, expected, valid };
}

/** The folders the platform has, for messages. */
export function platformRuntimeDirs(): string[] {
  return [...BY_DIR.keys()];
}
