// Launch of a Java handler (Java8, Java11, Java17): the function's offline build when its sources
// changed, the shim compiled once per machine, and the JVM command that runs the shim, under JDWP
// when debugging. The shim then speaks the runtime API like every other instance (runtime-api mode).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { FunctionSpec } from '../../config';
import { buildJavaProject, formatDiagnostic, isJavaProject } from '../../java/build';
import { t } from '../../l10n';
import { findJavac, JAVA_SHIM_MAIN, javaShim } from '../../java/shim';
import { resolveInterpreter } from '../interpreters';
import type { InvokerOptions } from '../types';
import type { LaunchModule, LaunchPlan } from './types';

/** `package.Class.method` or `package.Class::method`, as the platform and Huawei's executor accept. */
const JAVA_HANDLER = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*(\.|::)[A-Za-z_$][\w$]*$/;

export function javaHandlerProblem(handler: string): string | undefined {
  if (!handler.trim()) return t('Handler is empty: a Java function names its handler as package.Class.method, e.g. Handler: com.example.Handler.handleRequest (PKG-4).');
  if (!JAVA_HANDLER.test(handler.trim())) {
    return t('Handler "{0}" is not in the form package.Class.method (e.g. com.example.Handler.handleRequest): the class name with its package, a dot, then the method name.', handler);
  }
  return undefined;
}

/** The JVM options of every instance: the smallest cold start that still runs user code at full speed. */
const JVM_OPTIONS = ['-XX:+UseSerialGC', '-XX:-UsePerfData', '-Xshare:auto', '-Dfile.encoding=UTF-8'];

export const javaLaunch: LaunchModule = {
  async plan({ spec, options, debugPort }, plan) {
    plan.mode = 'runtime-api';
    await planJava(spec, options, debugPort, plan);
  },
};

async function planJava(spec: FunctionSpec, options: InvokerOptions, debugPort: number | undefined, plan: LaunchPlan): Promise<void> {
  const handlerProblem = javaHandlerProblem(spec.handler);
  if (handlerProblem) plan.errors.push(handlerProblem);
  const runtimeName = spec.runtimeName ?? spec.runtime;
  const java = await resolveInterpreter(runtimeName, options.interpreters);
  if (!java) {
    plan.errors.push(t('No local Java was found for {0}. Install a JDK (on Debian or Ubuntu: sudo apt-get install openjdk-17-jdk-headless), or set its path in the settings (functiongraph.interpreters, e.g. {"{0}": "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"}).', runtimeName));
    return;
  }
  plan.interpreter = java;
  plan.notes.push(`Runtime ${java.note}`);
  if (java.mismatch) plan.warnings.push(java.mismatch);
  const javac = await findJavac(java.path);
  if (!javac) {
    plan.errors.push(t('Java handlers run through a small shim that is compiled once with javac, but {0} has no javac beside it and none is on PATH. Install a JDK, not only a JRE (on Debian or Ubuntu: sudo apt-get install openjdk-17-jdk-headless).', java.path));
    return;
  }
  let shim;
  try {
    shim = await javaShim(javac);
  } catch (err) {
    plan.errors.push((err as Error).message);
    return;
  }
  if (shim.compiledMs !== undefined) plan.notes.push(t('Compiled the Java runtime shim once for this machine with {0} ({1} ms), in {2}.', javac, Math.round(shim.compiledMs), path.dirname(shim.classes)));

  if (isJavaProject(spec.codeDir)) {
    const jarTool = path.join(path.dirname(javac), process.platform === 'win32' ? 'jar.exe' : 'jar');
    const build = await buildJavaProject(spec.codeDir, { javac, jar: existsSync(jarTool) ? jarTool : 'jar' }, spec.runtimeVersion || '8', shim.sdk);
    if (build.built) plan.notes.push(t('Built {0} from src/main/java with javac --release {1} (sources were newer than the JAR).', path.basename(build.jar), spec.runtimeVersion || '8'));
    const errors = build.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    if (errors.length > 0 || build.failure) {
      plan.errors.push(t('The Java build failed ({0} error(s)); fix them and start again:', errors.length), ...errors, ...(build.failure ? [build.failure] : []));
      return;
    }
  }
  if (plan.errors.length > 0) return;

  // The shim's settings are system properties: a Java program cannot remove environment variables,
  // and the function's environment must stay the platform's (ENV-1).
  const args = [...JVM_OPTIONS, `-Dfgtk.shimSdk=${shim.sdk}`];
  if (options.debug?.kind === 'java' && debugPort) {
    // suspend=y: the JVM waits for the debugger before the shim loads any of the user's classes, so
    // every breakpoint is set before the handler runs.
    args.push(`-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:${debugPort}`, '-Dfgtk.underDebugger=true');
  }
  args.push('-cp', shim.classes, JAVA_SHIM_MAIN);
  plan.launch = { command: java.path, args, env: {} };
}
