// Interpreter paths of the platform's built-in runtimes, as the product docs list them for
// bootstraps (seeds 004, table 1): /opt/function/runtime/<runtime>/rtsp/<dir>/bin/<exe>.
import { KNOWN_RUNTIMES, type RuntimeInfo } from './runtimes';

export const PLATFORM_RUNTIME_ROOT = '/opt/function/runtime/';
/** Matches one such path in a line of shell. */
export const PLATFORM_INTERPRETER_PATH = /\/opt\/function\/runtime\/([A-Za-z0-9._-]+)\/[^\s"'`;|&<>()$]*/g;

/** The runtime folders the platform has: `nodejs18.15`, `python3.9`, `java11`... */
export function platformRuntimeDir(info: RuntimeInfo): string | undefined {
  if (info.family === 'nodejs') return `nodejs${info.version}`;
  if (info.family === 'python') return `python${info.version}`;
  if (info.family === 'java') return `java${info.version}`;
  return undefined;
}

/** The interpreter path the docs give for a runtime folder. */
export function platformInterpreter(info: RuntimeInfo): string | undefined {
  const dir = platformRuntimeDir(info);
  if (!dir) return undefined;
  const tail = info.family === 'nodejs' ? 'rtsp/nodejs/bin/node'
    : info.family === 'python' ? (info.version.startsWith('2') ? 'rtsp/python/bin/python' : 'rtsp/python/bin/python3')
      : 'rtsp/jre/bin/java';
  return `${PLATFORM_RUNTIME_ROOT}${dir}/${tail}`;
}

const BY_DIR = new Map(KNOWN_RUNTIMES.flatMap((r) => {
  const dir = platformRuntimeDir(r);
  return dir ? [[dir, r] as const] : [];
}));

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
  const dir = /^\/opt\/function\/runtime\/([^/]+)\//.exec(platformPath)?.[1] ?? '';
  const runtime = BY_DIR.get(dir.toLowerCase());
  const expected = runtime && platformInterpreter(runtime);
  // python3 and python3.9 both exist in the Python runtimes' bin folders.
  const valid = !!expected && (platformPath === expected || (runtime.family === 'python' && platformPath.replace(/python3(\.\d+)?$/, 'python3') === expected));
  return { runtime, expected, valid };
}

/** The folders the platform has, for messages. */
export function platformRuntimeDirs(): string[] {
  return [...BY_DIR.keys()];
}
