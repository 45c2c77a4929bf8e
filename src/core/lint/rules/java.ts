// Java packages (PKG-1, PKG-4, PKG-7): the platform puts every JAR at the package root and in lib/,
// and the root itself, on the class path. The handler's class must be in one of them; a JAR anywhere
// else is not loaded; class files compiled for a newer Java than the runtime fail to load
// (UnsupportedClassVersionError). JARs are read with adm-zip from their central directory.
import { AdmZip } from '../../lazy';
import { t } from '../../l10n';
import type { Finding, LintContext, Rule } from '../context';

/** Class-file major version of each Java runtime: 52 = Java 8, 55 = 11, 61 = 17, 65 = 21. */
const MAJOR_OF_RUNTIME: Record<string, number> = { '8': 52, '11': 55, '17': 61, '21': 65 };
/** A JAR larger than this is not opened by the linter (its classes are not listed). */
const MAX_JAR_BYTES = 64 * 1024 * 1024;
/** Class files per JAR whose version is read. */
const MAX_CLASSES_CHECKED = 200;

const javaVersionOfMajor = (major: number) => (major >= 53 ? String(major - 44) : `1.${major - 44}`);

interface ClassPathEntry {
  /** `app.jar`, `lib/dep.jar`, or `` for the root as a classes folder. */
  jar: string;
  /** Class file paths inside it (`com/example/Handler.class`). */
  classes: string[];
  read: (cls: string) => Buffer | undefined;
}

const classPaths = new WeakMap<LintContext, Promise<ClassPathEntry[]>>();

/** The class path the platform builds from this package (cached per lint run). */
function classPath(ctx: LintContext): Promise<ClassPathEntry[]> {
  let hit = classPaths.get(ctx);
  if (!hit) classPaths.set(ctx, (hit = readClassPath(ctx)));
  return hit;
}

const isClassPathJar = (p: string) => /\.jar$/i.test(p) && (!p.includes('/') || /^lib\/[^/]+$/.test(p));

async function readClassPath(ctx: LintContext): Promise<ClassPathEntry[]> {
  const out: ClassPathEntry[] = [];
  for (const e of ctx.view.entries()) {
    if (e.kind !== 'file' || !isClassPathJar(e.path) || e.size > MAX_JAR_BYTES) continue;
    const bytes = await ctx.view.read(e.path, MAX_JAR_BYTES);
    if (!bytes) continue;
    try {
      const zip = new (AdmZip())(bytes);
      const entries = new Map(zip.getEntries().filter((z) => !z.isDirectory && z.entryName.endsWith('.class')).map((z) => [z.entryName, z]));
      out.push({ jar: e.path, classes: [...entries.keys()], read: (cls) => entries.get(cls)?.getData() });
    } catch {
      // Not a readable JAR: the container rules and the JVM say so.
    }
  }
  const rootClasses = ctx.view.entries().filter((e) => e.kind === 'file' && e.path.endsWith('.class') && !e.path.startsWith('lib/')).map((e) => e.path);
  const cache = new Map<string, Buffer | undefined>();
  for (const cls of rootClasses.slice(0, MAX_CLASSES_CHECKED)) cache.set(cls, await ctx.view.read(cls, 16));
  out.push({ jar: '', classes: rootClasses, read: (cls) => cache.get(cls) });
  return out;
}

/** `com.example.Handler.handleRequest` (or `...Handler::handleRequest`) → `com/example/Handler.class`. */
export function handlerClassFile(handler: string): string | undefined {
  const h = handler.trim();
  const cut = h.lastIndexOf('::') >= 0 ? h.lastIndexOf('::') : h.lastIndexOf('.');
  if (cut <= 0) return undefined;
  return `${h.slice(0, cut).replace(/\./g, '/')}.class`;
}

const javaRule = (ctx: LintContext) => ctx.family === 'java' && !ctx.view.problems.some((p) => p.rule === 'zip-invalid');

export const javaClassMissing: Rule = {
  id: 'java-class-missing',
  contract: 'PKG-4',
  severity: 'error',
  async check(ctx) {
    if (!javaRule(ctx) || !ctx.spec) return [];
    const out: Finding[] = [];
    for (const [key, handler] of [['Handler', ctx.spec.handler], ['InitializerHandler', ctx.spec.initializer ?? '']] as const) {
      const cls = handlerClassFile(handler);
      if (!cls || !/^([A-Za-z_$][\w$]*\/)*[A-Za-z_$][\w$]*\.class$/.test(cls)) continue;
      const cp = await classPath(ctx);
      if (cp.some((c) => c.classes.includes(cls))) continue;
      const className = cls.slice(0, -'.class'.length).replace(/\//g, '.');
      const jars = cp.filter((c) => c.jar).map((c) => c.jar);
      const source = `src/main/java/${cls.replace(/\.class$/, '.java')}`;
      if (ctx.file(source)) {
        out.push({ ...ctx.anchor(key), severity: 'warning', message: t('Class {0} is in {1} but not built into a JAR yet: F5 and fgtk invoke build it (javac + jar), or run mvn package. Upload the JAR, not the sources.', className, source) });
        continue;
      }
      const searched = jars.length > 0 ? t('the JARs {0} or the package root', jars.join(', ')) : t('the package, which has no JAR at its root or in lib/ and no class folders at its root');
      out.push({ ...ctx.anchor(key), message: t('{0} {1} names class {2}, which is not in {3}. The platform loads every JAR at the root and in lib/, and classes at the root (e.g. {4}).', key, handler, className, searched, cls) });
    }
    return out;
  },
};

export const javaJarNested: Rule = {
  id: 'java-jar-nested',
  contract: 'PKG-1',
  severity: 'warning',
  check(ctx) {
    if (!javaRule(ctx)) return [];
    return ctx.view.entries()
      .filter((e) => e.kind === 'file' && /\.jar$/i.test(e.path) && !isClassPathJar(e.path))
      .map((e) => ({
        file: ctx.entryFile(e.path),
        entry: ctx.view.kind === 'zip' ? e.path : undefined,
        message: t('{0} is inside a folder, where the platform does not load JARs: only JARs at the package root and in lib/ are on the class path. Move it to the root (or to lib/ for a dependency).', ctx.where(e.path)),
      }));
  },
};

export const javaClassVersion: Rule = {
  id: 'java-class-version',
  contract: 'PKG-7',
  severity: 'error',
  async check(ctx) {
    if (!javaRule(ctx) || !ctx.spec) return [];
    const allowed = MAJOR_OF_RUNTIME[ctx.spec.runtimeVersion];
    if (!allowed) return [];
    const out: Finding[] = [];
    for (const entry of await classPath(ctx)) {
      let worst: { cls: string; major: number } | undefined;
      for (const cls of entry.classes.slice(0, MAX_CLASSES_CHECKED)) {
        if (cls.endsWith('module-info.class') || cls.startsWith('META-INF/versions/')) continue; // multi-release JARs keep newer classes apart on purpose
        const head = entry.read(cls);
        if (!head || head.length < 8 || head.readUInt32BE(0) !== 0xcafebabe) continue;
        const major = head.readUInt16BE(6);
        if (major > allowed && (!worst || major > worst.major)) worst = { cls, major };
      }
      if (!worst) continue;
      const where = entry.jar ? ctx.where(entry.jar) : ctx.where(worst.cls);
      out.push({
        file: ctx.entryFile(entry.jar || worst.cls),
        entry: ctx.view.kind === 'zip' ? entry.jar || worst.cls : undefined,
        message: t('{0} holds classes compiled for Java {1} (class-file version {2}, e.g. {3}), but {4} runs Java {5}: they fail with UnsupportedClassVersionError. Compile with --release {5} (maven.compiler.release) or choose a newer runtime.',
          where, javaVersionOfMajor(worst.major), worst.major, worst.cls, ctx.spec.runtime, ctx.spec.runtimeVersion),
      });
    }
    return out;
  },
};

export const JAVA_RULES: readonly Rule[] = [javaClassMissing, javaJarNested, javaClassVersion];
