// Java test functions: sources compiled with the local JDK into a JAR (or a classes folder), laid out
// as a package the platform would get. Handlers compile against the Huawei SDK stand-in
// (test/fixtures/java/huawei-runtime-standin), which is left out of the JAR as Maven's `provided` scope does.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, promises as fs, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, type TestContext } from 'node:test';
import { makeFunction } from './harness';

export const HUAWEI_STANDIN = path.resolve(__dirname, '..', '..', 'fixtures', 'java', 'huawei-runtime-standin');
export const SHIM_SDK_SOURCES = path.resolve(__dirname, '..', '..', '..', 'src', 'core', 'shims', 'files', 'java', 'sdk');
/** Debian's libgoogle-gson-java (.ci/run installs it). */
export const GSON_JAR = ['/usr/share/java/gson.jar'].find((p) => existsSync(p));

/** jdb (OpenJDK 17) sometimes dies of its own race: a breakpoint hit on a thread it has not registered yet. */
export const JDB_THREAD_RACE = /NullPointerException: Cannot invoke "com\.sun\.tools\.example\.debug\.tty\.ThreadInfo\.getCurrentFrame\(\)"/;

/** Classes already compiled in this test process, by sources and options (javac costs seconds on a busy machine). */
const compiled = new Map<string, Promise<string>>();
let compileRoot: string | undefined;

/** Compiles `sources` (path → text) against `classPath`, to a classes folder it returns (shared by the tests of one file: never modify it). */
export function compileJava(sources: Record<string, string>, classPath: string[] = [], release = '8'): Promise<string> {
  const key = JSON.stringify([sources, classPath, release]);
  let hit = compiled.get(key);
  if (!hit) {
    if (!compileRoot) {
      compileRoot = mkdtempSync(path.join(os.tmpdir(), 'fgtk-java-classes-'));
      const root = compileRoot;
      process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    }
    hit = compileInto(mkdtempSync(path.join(compileRoot, 'c-')), sources, classPath, release);
    compiled.set(key, hit);
  }
  return hit;
}

async function compileInto(dir: string, sources: Record<string, string>, classPath: string[], release: string): Promise<string> {
  const files: string[] = [];
  for (const [rel, text] of Object.entries(sources)) {
    const file = path.join(dir, 'src', rel);
    mkdirSync(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
    files.push(file);
  }
  const out = path.join(dir, 'classes');
  mkdirSync(out);
  execFileSync('javac', ['--release', release, '-Xlint:-options', '-g', '-cp', classPath.join(path.delimiter), '-d', out, ...files], { stdio: 'pipe' });
  return out;
}

/** Sources of the stand-in SDK (Huawei) or the shim's OTC copy, for compiling against. */
export function sdkSources(which: 'huawei' | 'otc'): Record<string, string> {
  const base = which === 'huawei' ? HUAWEI_STANDIN : SHIM_SDK_SOURCES;
  const pkg = which === 'huawei' ? 'com/huawei/services/runtime' : 'com/opentelekomcloud/services/runtime';
  const out: Record<string, string> = {};
  for (const name of ['Context.java', 'RuntimeLogger.java']) out[`${pkg}/${name}`] = readFileSync(path.join(base, pkg, name), 'utf8');
  return out;
}

/** `jar cf` of a classes folder, leaving out the packages in `exclude` (e.g. the provided SDK). */
export function makeJar(classes: string, jarFile: string, exclude: string[] = []): void {
  mkdirSync(path.dirname(jarFile), { recursive: true });
  const args = ['cf', jarFile];
  // jar has no exclude option: every file is named, less the excluded packages'.
  const keep = listFiles(classes).filter((rel) => !exclude.some((e) => rel.startsWith(e)));
  if (keep.length === 0) throw new Error('nothing to jar');
  for (const rel of keep) args.push('-C', classes, rel);
  execFileSync('jar', args, { stdio: 'pipe' });
}

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, r));
    else out.push(r);
  }
  return out;
}

/** A user data folder of this test file's own, so the shim is compiled there and never into the developer's. */
export function ownUserData(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fgtk-java-userdata-'));
  before(() => {
    process.env.FGTK_USER_DATA = dir;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A function folder with `classes` as a JAR at the root (the SDK left out, as Maven's provided scope does). */
export async function javaFunction(t: TestContext, classes: string, props: Parameters<typeof makeFunction>[2], layout: { jarPath?: string; exclude?: string[] } = {}) {
  const spec = await makeFunction(t, {}, props);
  makeJar(classes, path.join(spec.codeDir, layout.jarPath ?? 'function.jar'), layout.exclude ?? ['com/huawei/', 'com/opentelekomcloud/']);
  return spec;
}
