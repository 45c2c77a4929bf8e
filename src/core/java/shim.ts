// The Java shim is shipped as sources (src/core/shims/files/java) and compiled once per machine with
// the local JDK (`javac --release 8`, so it runs on every Java runtime from 8 up) into the user data
// folder, under a hash of its sources: a new toolkit version with a changed shim compiles again, an
// unchanged one reuses the classes. Concurrent first runs (CLI and extension) each compile into a
// folder of their own and the first rename wins.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { dataDir, userDataDir } from '../dataDir';
import { which } from '../process/which';
import { t } from '../l10n';
import { runCapture } from '../process/execa';

export interface JavaShimBuild {
  /** Class folder of the shim itself (`fgtk.Shim`). */
  classes: string;
  /** Class folder of the shim's copies of the runtime SDK interfaces (never on the shim's own class path). */
  sdk: string;
  /** Set when this call compiled the shim (a first run, or changed sources): how long javac took. */
  compiledMs?: number;
}

export const JAVA_SHIM_MAIN = 'fgtk.Shim';

async function javaSources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.java')) out.push(path.join(entry.parentPath, entry.name));
  }
  return out.sort();
}

/** The hash that names a compiled shim: every source file's path and bytes. */
export async function javaShimHash(sourceDir = path.join(dataDir('shims'), 'java')): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await javaSources(sourceDir)) {
    hash.update(path.relative(sourceDir, file)).update('\0').update(await fs.readFile(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** `javac` of the same JDK as `java` (a JRE has none: then the first javac on PATH). */
export async function findJavac(java: string): Promise<string | undefined> {
  const beside = path.join(path.dirname(await fs.realpath(java).catch(() => java)), process.platform === 'win32' ? 'javac.exe' : 'javac');
  if (existsSync(beside)) return beside;
  return which('javac');
}

const building = new Map<string, Promise<JavaShimBuild>>();

/** The compiled shim for this machine, compiling it first when needed (once per process and per sources). */
export async function javaShim(javac: string, sourceDir = path.join(dataDir('shims'), 'java')): Promise<JavaShimBuild> {
  // Hashing the sources (a few files) on every cold start is what makes an updated shim compile again.
  const hash = await javaShimHash(sourceDir);
  const key = `${javac}|${userDataDir()}|${hash}`;
  const hit = building.get(key);
  // Only the call that compiled reports it.
  if (hit) return hit.then(({ classes, sdk }) => ({ classes, sdk }));
  const compiling = compileIfNeeded(javac, sourceDir, hash);
  building.set(key, compiling);
  compiling.catch(() => building.delete(key)); // a failed compile (no JDK yet) is tried again next time
  return compiling;
}

/** Forget what this process compiled or found (tests: the next call looks at the user data folder again). */
export function forgetJavaShim(): void {
  building.clear();
}

async function compileIfNeeded(javac: string, sourceDir: string, hash: string): Promise<JavaShimBuild> {
  const target = userDataDir('java-shim', hash);
  const built = { classes: path.join(target, 'classes'), sdk: path.join(target, 'sdk') };
  if (existsSync(path.join(target, 'complete'))) return built;
  const started = performance.now();
  await fs.mkdir(path.dirname(target), { recursive: true });
  const work = `${target}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    const sources = await javaSources(sourceDir);
    const sdkPrefix = path.join(sourceDir, 'sdk') + path.sep;
    await javacInto(javac, path.join(work, 'classes'), sources.filter((f) => !f.startsWith(sdkPrefix)));
    await javacInto(javac, path.join(work, 'sdk'), sources.filter((f) => f.startsWith(sdkPrefix)));
    await fs.writeFile(path.join(work, 'complete'), `${new Date().toISOString()}\n`);
    try {
      await fs.rename(work, target);
    } catch (err) {
      // Another process finished first: its classes are the same.
      if (!existsSync(path.join(target, 'complete'))) throw err;
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
  return { ...built, compiledMs: performance.now() - started };
}

async function javacInto(javac: string, out: string, files: string[]): Promise<void> {
  await fs.mkdir(out, { recursive: true });
  // -Xlint:-options: JDK 17 warns that release 8 is old; -g: the debugger shows the shim's frames sensibly.
  const common = ['-Xlint:-options', '-g', '-encoding', 'UTF-8', '-d', out, ...files];
  let r = await runCapture(javac, ['--release', '8', ...common], 120_000);
  // A JDK 8 javac has no --release; its -source/-target 8 are the same thing there.
  if (r.exitCode !== 0 && /--release/.test(r.stderr)) r = await runCapture(javac, ['-source', '8', '-target', '8', ...common], 120_000);
  if (r.exitCode !== 0) {
    throw new Error(t('Compiling the Java runtime shim with {0} failed: {1}', javac, (r.stderr || r.stdout || String(r.exitCode)).trim()));
  }
}
