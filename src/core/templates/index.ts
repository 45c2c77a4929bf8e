// The function template catalogue and scaffold(): runtimes in the order of Huawei's plugin, the
// templates of each, and the code that writes a new function folder. The catalogue and every
// file a template writes are data (catalogue.json, files/); this module only assembles them.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { expectationFileFor } from '../config/eventFiles';
import { dataDir } from '../dataDir';
import { eventTemplate, findEventTemplate } from '../events';
import { buildJavaProject, formatDiagnostic } from '../java/build';
import { javaShim } from '../java/shim';
import { goLibraryProblem } from '../handler/goModule';
import { which } from '../process/which';
import { t } from '../l10n';
import { loadExeca } from '../process/execa';
import catalogue from './catalogue.json';

export interface RuntimeChoice { id: string; label: string; description: string }
export interface TemplateChoice { id: string; label: string; description: string }

interface RuntimeEntry extends RuntimeChoice { kind: string; runtime: string }
interface TemplateEntry extends TemplateChoice {
  handler: string;
  /** The file a user edits first, relative to the function folder. */
  entry: string;
  /** Destination (relative to the function folder) → source under files/. */
  files: Record<string, string>;
  /** Event template ids written to events/<id>.json; the first one is the launch configuration's. */
  events: string[];
  /** Source under files/ of the first event's expectation (events/<id>.expected.json), so a new function's tests pass. */
  expected?: string;
  build?: 'go' | 'java';
}

const RUNTIMES = catalogue.runtimes as RuntimeEntry[];
const squashRuntime = (s: string) => s.trim().toLowerCase().replace(/[\s._()#-]/g, '');
const TEMPLATES = catalogue.templates as Record<string, TemplateEntry[]>;

/** Function names as the platform accepts them: a letter, then letters, digits, `_` or `-`, at most 60. */
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;
const EXECUTABLE = (file: string) => path.basename(file) === 'bootstrap' || file.endsWith('.sh');

export interface ScaffoldOptions {
  runtime: string;
  template: string;
  name: string;
  /** The parent folder; the function is written to `<folder>/<name>`. */
  folder: string;
  /** Defaults of the config; the platform's minimums (ENV-4/ENV-5) when absent. */
  memoryMB?: number;
  timeoutS?: number;
}

/** A `functiongraph` debug configuration (contract, extension section). */
export interface FunctionLaunchConfiguration {
  type: 'functiongraph';
  request: 'launch';
  name: string;
  function: string;
  event: string;
}

export interface ScaffoldResult {
  dir: string;
  /** Absolute path of the file to open first. */
  entryFile: string;
  /** Absolute paths of every file written, sorted. */
  files: string[];
  launchConfiguration: FunctionLaunchConfiguration;
  /** What the user should know: a Go bootstrap that could not be built, and why. */
  notes: string[];
}

/** Runtimes in the order Huawei's plugin shows them: Node.js newest first, Python 3, custom runtime, HTTP function. */
export function listRuntimes(): RuntimeChoice[] {
  return RUNTIMES.map(({ id, label, description }) => ({ id, label: t(label), description: t(description) })); // l10n-keys: src/core/templates/catalogue.json
}

/** Templates of a runtime (`nodejs18.15`, `python3.9`, `custom-go`, `http-python`, ...). */
export function listTemplates(runtimeId: string): TemplateChoice[] {
  const runtime = findRuntime(runtimeId);
  return TEMPLATES[runtime.kind].map(({ id, label, description }) => ({ id, label: t(label), description: t(description) })); // l10n-keys: src/core/templates/catalogue.json
}

/**
 * A runtime by catalogue id, platform name (`Node.js18.15`, `Python3.9`) or family (`nodejs`,
 * `python`, `custom`, `http`: the first of that kind, newest first). Throws listing the known ids.
 */
function findRuntime(value: string): RuntimeEntry {
  const key = squashRuntime(value);
  const hit = RUNTIMES.find((r) => squashRuntime(r.id) === key)
    ?? RUNTIMES.find((r) => squashRuntime(r.runtime) === key && r.runtime !== 'Custom' && r.runtime !== 'http')
    ?? RUNTIMES.find((r) => squashRuntime(r.kind.split('-')[0]) === key || squashRuntime(r.kind) === key)
    ?? RUNTIMES.find((r) => (key === 'node' && r.kind === 'nodejs') || (key === 'python3' && r.kind === 'python'));
  if (!hit) {
    throw new Error(t('Unknown runtime "{0}". Choose one of: {1}.', value, RUNTIMES.map((r) => r.id).join(', ')));
  }
  return hit;
}

function findTemplate(runtime: RuntimeEntry, id: string): TemplateEntry {
  const list = TEMPLATES[runtime.kind];
  const hit = list.find((tpl) => tpl.id === id.trim().toLowerCase());
  if (!hit) {
    throw new Error(t('Unknown template "{0}" for {1}. Choose one of: {2}.', id, runtime.label, list.map((tpl) => tpl.id).join(', ')));
  }
  return hit;
}

/** Writes a new function folder `<folder>/<name>` from a template; refuses to touch a non-empty folder. */
export async function scaffold(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const runtime = findRuntime(options.runtime);
  const template = findTemplate(runtime, options.template);
  const name = options.name.trim();
  if (!NAME.test(name)) {
    throw new Error(t('"{0}" is not a valid function name: start with a letter, then use letters, digits, "_" or "-", at most 60 characters (e.g. hello-world).', options.name));
  }
  if (!options.folder) throw new Error(t('Choose the folder to create the function in.'));
  const dir = path.resolve(options.folder, name);
  const existed = await checkTarget(dir);

  const written: string[] = [];
  const write = async (rel: string, content: string | Buffer, mode?: number) => {
    const file = path.join(dir, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content, { flag: 'wx', mode });
    if (mode !== undefined) await fs.chmod(file, mode); // the umask must not drop the executable bit (PKG-2)
    written.push(file);
  };

  try {
    await fs.mkdir(dir, { recursive: true });
    const source = dataDir('templates');
    for (const [dest, src] of Object.entries(template.files)) {
      // Templates ship with LF; a checkout with autocrlf must not turn a bootstrap into CRLF (PKG-3).
      let text = (await fs.readFile(path.join(source, src), 'utf8')).replace(/\r\n/g, '\n');
      if (src.endsWith('.tpl')) text = fill(text, fileValues(runtime));
      await write(dest, text, EXECUTABLE(dest) ? 0o755 : undefined);
    }
    const yml = (await fs.readFile(path.join(source, 'common', 'template.yml.tpl'), 'utf8')).replace(/\r\n/g, '\n');
    await write('template.yml', fill(yml, {
      name,
      description: JSON.stringify(template.label + ' (' + runtime.label + ')'),
      handler: template.handler,
      runtime: runtime.runtime,
      memory: String(options.memoryMB ?? 128),
      timeout: String(options.timeoutS ?? 3),
    }));
    const eventFiles: string[] = [];
    for (const id of template.events) {
      const info = findEventTemplate(id);
      if (!info) throw new Error(`Template ${template.id} refers to unknown event template ${id}.`);
      await write(path.join('events', `${info.id}.json`), eventTemplate(info.id));
      eventFiles.push(path.join(dir, 'events', `${info.id}.json`));
    }
    if (template.expected && eventFiles.length > 0) {
      const text = (await fs.readFile(path.join(source, template.expected), 'utf8')).replace(/\r\n/g, '\n');
      await write(path.relative(dir, expectationFileFor(eventFiles[0])), text);
    }
    const notes: string[] = [];
    if (template.build === 'go') notes.push(...await buildGo(dir, written));
    if (template.build === 'java') notes.push(...await buildJavaTemplate(dir, runtime.runtime, written));
    // Go 1.x: F5 builds the handler; the library it needs comes from the user (the template's README).
    if (runtime.kind === 'go') {
      const library = await goLibraryProblem(dir);
      if (library) notes.push(library);
    }
    return {
      dir,
      entryFile: path.join(dir, template.entry),
      files: [...written].sort(),
      launchConfiguration: {
        type: 'functiongraph',
        request: 'launch',
        name: t('Invoke {0}', name),
        function: dir,
        event: eventFiles[0],
      },
      notes,
    };
  } catch (err) {
    // Leave nothing half-written behind, but never remove what was there before.
    if (!existed) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    else await Promise.all(written.map((f) => fs.rm(f, { force: true }).catch(() => undefined)));
    throw err;
  }
}

/** Whether `dir` exists (empty); throws when it is a file or a folder with anything in it. */
async function checkTarget(dir: string): Promise<boolean> {
  let st;
  try {
    st = await fs.stat(dir);
  } catch {
    return false;
  }
  if (!st.isDirectory()) throw new Error(t('{0} already exists and is a file. Choose another name or folder.', dir));
  const entries = await fs.readdir(dir);
  if (entries.length > 0) {
    throw new Error(t('{0} already exists and is not empty; nothing was written. Choose another name or folder, or empty it first.', dir));
  }
  return true;
}

/** Values for a template's `.tpl` files: `{{javaVersion}}` is Maven's compiler level (1.8, 11, 17). */
function fileValues(runtime: RuntimeEntry): Record<string, string> {
  const java = /^Java(\d+)$/.exec(runtime.runtime)?.[1];
  return java ? { javaVersion: java === '8' ? '1.8' : java } : {};
}

/** `{{key}}` placeholders; a dozen lines do not justify a template engine dependency. */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Builds the Go template's `bootstrap` for the platform (Linux x86_64, static) when Go is installed. */
async function buildGo(dir: string, written: string[]): Promise<string[]> {
  const go = await which('go');
  if (!go) {
    return [t('Go is not installed, so bootstrap was not built. Install Go 1.19 or newer, then run ./build.sh in {0}.', dir)];
  }
  const execa = await loadExeca();
  const r = await execa(go, ['build', '-o', 'bootstrap', '.'], {
    cwd: dir, reject: false, timeout: 300_000, stdin: 'ignore', all: true,
    env: { CGO_ENABLED: '0', GOOS: 'linux', GOARCH: 'amd64', GOFLAGS: '-mod=mod' },
  });
  if (r.failed) {
    return [t('go build failed, so bootstrap was not built; fix the error and run ./build.sh in {0}:\n{1}', dir, String(r.all ?? r.message).trim())];
  }
  const bootstrap = path.join(dir, 'bootstrap');
  await fs.chmod(bootstrap, 0o755);
  written.push(bootstrap);
  return [];
}

/** Builds a Java template's function.jar once (the JDK alone), so that it lints and runs as written. */
async function buildJavaTemplate(dir: string, runtimeName: string, written: string[]): Promise<string[]> {
  const javac = await which('javac');
  if (!javac) {
    return [t('No JDK was found, so function.jar was not built. Install one (on Debian or Ubuntu: sudo apt-get install openjdk-17-jdk-headless); F5 and fgtk invoke then build it.')];
  }
  const shim = await javaShim(javac);
  const jarTool = path.join(path.dirname(javac), 'jar');
  const release = /^Java(\d+)$/.exec(runtimeName)?.[1] ?? '8';
  const r = await buildJavaProject(dir, { javac, jar: jarTool }, release, shim.sdk);
  if (r.built) {
    written.push(r.jar);
    return [];
  }
  return [t('javac could not build function.jar: {0}', [...r.diagnostics.map(formatDiagnostic), r.failure ?? ''].join('\n').trim())];
}
