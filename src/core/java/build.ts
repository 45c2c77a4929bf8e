// The offline build of a Java function folder laid out as a Maven project (pom.xml, src/main/java):
// the JDK alone (`javac` + `jar`), no Maven and no network, writing the same JAR at the package root
// that the template's pom.xml writes (`<artifactId>.jar`), which is where the platform loads JARs
// from. F5 and `fgtk invoke` run it when a source is newer than the JAR.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runCapture } from '../process/execa';

export interface JavaDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface JavaBuildResult {
  /** False when nothing had to be built (the JAR is newer than every source). */
  built: boolean;
  jar: string;
  diagnostics: JavaDiagnostic[];
  /** javac's or jar's text when it failed without file diagnostics. */
  failure?: string;
}

const SOURCE_ROOT = path.join('src', 'main', 'java');
const RESOURCE_ROOT = path.join('src', 'main', 'resources');

/** Whether `dir` is a Java project folder this build understands. */
export function isJavaProject(dir: string): boolean {
  return existsSync(path.join(dir, SOURCE_ROOT));
}

/** The project's artifactId (its JAR's name), from pom.xml; the folder's name without one. */
export async function artifactId(dir: string): Promise<string> {
  const pom = await fs.readFile(path.join(dir, 'pom.xml'), 'utf8').catch(() => '');
  // The project's own artifactId: the first one outside <parent>, <dependencies>, <build> and similar blocks.
  const own = pom.replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(parent|dependencies|dependencyManagement|build|profiles|reporting)>[\s\S]*?<\/\1>/g, '');
  return /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(own)?.[1] ?? path.basename(dir);
}

async function filesUnder(dir: string, ext?: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && (!ext || e.name.endsWith(ext))).map((e) => path.join(e.parentPath, e.name)).sort();
}

async function newestMtime(files: string[]): Promise<number> {
  let newest = 0;
  for (const f of files) newest = Math.max(newest, (await fs.stat(f)).mtimeMs);
  return newest;
}

/**
 * Builds `<dir>/<artifactId>.jar` from src/main/java (+ src/main/resources) when it is missing or
 * older than a source, for Java `release` (8, 11, 17). `sdkClasses` stands in for the runtime jar
 * (scope `provided`: the platform supplies it); `lib/*.jar` are the function's own dependencies.
 */
export async function buildJavaProject(dir: string, tools: { javac: string; jar: string }, release: string, sdkClasses: string): Promise<JavaBuildResult> {
  const jar = path.join(dir, `${await artifactId(dir)}.jar`);
  const sources = await filesUnder(path.join(dir, SOURCE_ROOT), '.java');
  const resources = await filesUnder(path.join(dir, RESOURCE_ROOT));
  const jarTime = await fs.stat(jar).then((s) => s.mtimeMs, () => -1);
  const inputs = [...sources, ...resources, ...['pom.xml'].map((f) => path.join(dir, f)).filter((f) => existsSync(f))];
  if (jarTime >= 0 && (await newestMtime(inputs)) <= jarTime) return { built: false, jar, diagnostics: [] };
  if (sources.length === 0) return { built: false, jar, diagnostics: [], failure: `No .java files under ${path.join(dir, SOURCE_ROOT)}.` };

  const classes = path.join(dir, 'target', 'classes');
  await fs.rm(classes, { recursive: true, force: true });
  await fs.mkdir(classes, { recursive: true });
  const libJars = (await filesUnder(path.join(dir, 'lib'), '.jar'));
  const classPath = [sdkClasses, ...libJars].join(path.delimiter);
  const r = await runCapture(tools.javac, ['--release', release, '-Xlint:-options', '-g', '-encoding', 'UTF-8', '-cp', classPath, '-d', classes, ...sources], 300_000);
  const diagnostics = parseJavacOutput(r.stderr + '\n' + r.stdout, dir);
  if (r.exitCode !== 0) {
    return { built: false, jar, diagnostics, failure: diagnostics.some((d) => d.severity === 'error') ? undefined : (r.stderr || r.stdout).trim() };
  }
  for (const res of resources) {
    const dest = path.join(classes, path.relative(path.join(dir, RESOURCE_ROOT), res));
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.copyFile(res, dest);
  }
  const packed = await runCapture(tools.jar, ['cf', jar, '-C', classes, '.'], 120_000);
  if (packed.exitCode !== 0) return { built: false, jar, diagnostics, failure: (packed.stderr || packed.stdout).trim() };
  return { built: true, jar, diagnostics };
}

/** `Foo.java:12: error: message` + the source line + a caret line → file, line, column, message. */
export function parseJavacOutput(text: string, cwd: string): JavaDiagnostic[] {
  const lines = text.split(/\r?\n/);
  const out: JavaDiagnostic[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(.+\.java):(\d+): (error|warning): (.*)$/.exec(lines[i]);
    if (!m) continue;
    const message = [m[4]];
    let column = 1;
    for (let j = i + 1; j < lines.length && j <= i + 6; j++) {
      if (/^(.+\.java):(\d+): (error|warning): /.test(lines[j]) || /^\d+ (errors?|warnings?)$/.test(lines[j])) break;
      const caret = /^(\s*)\^\s*$/.exec(lines[j]);
      if (caret) {
        column = caret[1].length + 1;
        // "symbol: ..." and "location: ..." lines after the caret belong to the message.
        for (let k = j + 1; k < lines.length && /^\s+(symbol|location|required|found|reason):/.test(lines[k]); k++) message.push(lines[k].trim());
        break;
      }
    }
    out.push({ file: path.resolve(cwd, m[1]), line: Number(m[2]), column, severity: m[3] as 'error' | 'warning', message: message.join('; ') });
  }
  return out;
}

/** One line per diagnostic, `file:line:column: error: message` (terminals and VS Code link it; the extension lists it in Problems). */
export function formatDiagnostic(d: JavaDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}
