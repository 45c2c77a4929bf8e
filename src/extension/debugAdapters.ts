// The adapter glue: our session runs inline in the extension host; when the handler's runtime
// listens for a debugger, a child session attaches to it (js-debug for Node.js, debugpy itself
// for Python, the Java Debugger for a JVM, Delve's DAP server for Go); for PHP the child (PHP Debug) listens
// first and Xdebug connects to it. While a child is stopped at a breakpoint the parent's timeout is paused.
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CredentialProvider } from '../core/cloud/credentials';
import { FunctionGraphDebugSession } from '../debug/session';
import { PHP_DEBUG_TYPE, phpChildConfiguration } from '../shared/phpChildConfiguration';
import { endPhpChildrenWithParent } from './phpChildLifecycle';
import { CustomRequests, InvokeErrors, RESULT_EVENT, START_CHILD_EVENT, type ChildAttachedArguments, type ResultEventBody, type StartChildBody } from '../shared/dapProtocol';

export const DEBUG_TYPE = 'functiongraph';
export const PYTHON_CHILD_TYPE = 'functiongraph-python';
/** Microsoft's "Debugger for Java", which attaches to a JVM's JDWP port as a `java` debug session. */
export const JAVA_DEBUGGER_EXTENSION = 'vscjava.vscode-java-debug';
export const GO_CHILD_TYPE = 'functiongraph-go';

export function registerDebugAdapters(log: vscode.LogOutputChannel, extensionPath: string, credentialProviders: readonly CredentialProvider[] = []): vscode.Disposable[] {
  const buildProblems = vscode.languages.createDiagnosticCollection('functiongraph-build');
  return [
    buildProblems,
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, {
      // The function gets the signed-in account's keys when neither the environment nor the credentials file has any (API-2).
      createDebugAdapterDescriptor: () => new vscode.DebugAdapterInlineImplementation(new FunctionGraphDebugSession().withCredentialProviders(credentialProviders)),
    }),
    // debugpy speaks DAP on its listen port, so VS Code talks to it directly: no Python extension needed.
    vscode.debug.registerDebugAdapterDescriptorFactory(PYTHON_CHILD_TYPE, {
      createDebugAdapterDescriptor: (session) => {
        const { port, host } = session.configuration as { port?: number; host?: string };
        if (!port) throw new Error(vscode.l10n.t('No debugpy port in the configuration: this debug type is started by a FunctionGraph session.'));
        return new vscode.DebugAdapterServer(port, host ?? '127.0.0.1');
      },
    }),
    // Delve (dlv exec --headless) speaks DAP on its listen port too: no Go extension needed.
    vscode.debug.registerDebugAdapterDescriptorFactory(GO_CHILD_TYPE, {
      createDebugAdapterDescriptor: (session) => {
        const { port, host } = session.configuration as { port?: number; host?: string };
        if (!port) throw new Error(vscode.l10n.t('No Delve port in the configuration: this debug type is started by a FunctionGraph session.'));
        return new vscode.DebugAdapterServer(port, host ?? '127.0.0.1');
      },
    }),
    vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
      if (e.session.type !== DEBUG_TYPE) return;
      if (e.event === START_CHILD_EVENT) void startChild(e.session, e.body as StartChildBody, extensionPath, log);
      if (e.event === RESULT_EVENT) {
        showBuildProblems(buildProblems, e.session, e.body as ResultEventBody);
        offerPreflightFix(e.session, e.body as ResultEventBody);
      }
    }),
    vscode.debug.registerDebugAdapterTrackerFactory('*', { createDebugAdapterTracker: (s) => timeoutTracker(s, log) }),
    ...endPhpChildrenWithParent(DEBUG_TYPE, log),
  ];
}

function realPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function hasDebugger(type: string): boolean {
  return vscode.extensions.all.some((e) => (e.packageJSON as { contributes?: { debuggers?: { type?: string }[] } }).contributes?.debuggers?.some((d) => d.type === type));
}

function childConfiguration(body: StartChildBody, extensionPath: string): vscode.DebugConfiguration {
  const name = vscode.l10n.t('{0} handler', body.functionName);
  // PHP Debug matches skipFiles against the paths Xdebug reports, which have symbolic links resolved.
  if (body.kind === 'php') return phpChildConfiguration(body, name, realPath(path.join(extensionPath, 'dist', 'shims')));
  if (body.kind === 'node') {
    return {
      type: 'node',
      request: 'attach',
      name,
      address: body.host,
      port: body.port,
      // The shim waits for the debugger (not --inspect-brk) and, for stopOnEntry, pauses itself
      // right before calling the user's code: it must not be skipped then.
      skipFiles: body.stopOnEntry ? ['<node_internals>/**'] : ['<node_internals>/**', path.join(extensionPath, 'dist', 'shims', '**')],
      cwd: body.functionDir,
    };
  }
  if (body.kind === 'java') {
    return { type: 'java', request: 'attach', name, hostName: body.host, port: body.port, timeout: 30_000 };
  }
  if (body.kind === 'go') {
    // Delve started the program halted; attaching in remote mode and configurationDone let it run.
    return { type: GO_CHILD_TYPE, request: 'attach', mode: 'remote', name, host: body.host, port: body.port, stopOnEntry: body.stopOnEntry };
  }
  return {
    type: PYTHON_CHILD_TYPE, request: 'attach', name, host: body.host, port: body.port, justMyCode: true, subProcess: false, redirectOutput: false,
    // The runtime shim is ours, not the user's: stepping out of the handler should not land in it.
    // With stopOnEntry the shim pauses itself right before the handler, so it must not be excluded.
    rules: body.stopOnEntry ? [] : [{ path: path.join(extensionPath, 'dist', 'shims'), include: false }],
  };
}

async function startChild(parent: vscode.DebugSession, body: StartChildBody, extensionPath: string, log: vscode.LogOutputChannel): Promise<void> {
  if (body.kind === 'java' && !vscode.extensions.getExtension(JAVA_DEBUGGER_EXTENSION)) {
    // The session tells the user which extension to install and the port for any JDWP debugger.
    log.info(`No ${JAVA_DEBUGGER_EXTENSION}: the JVM of ${body.functionName} waits on ${body.host}:${body.port} for a JDWP debugger`);
    const args: ChildAttachedArguments = { attachByHand: JAVA_DEBUGGER_EXTENSION };
    await parent.customRequest(CustomRequests.childAttached, args).then(undefined, (err: Error) => log.warn(`childAttached: ${err.message}`));
    return;
  }
  const config = childConfiguration(body, extensionPath);
  const error = config.type === PHP_DEBUG_TYPE && !hasDebugger(PHP_DEBUG_TYPE)
    ? vscode.l10n.t('breakpoints in PHP handlers need the PHP Debug extension (xdebug.php-debug), which provides the "php" debugger. Install it from the Extensions view, then start debugging again.')
    : await startChildSession(parent, config);
  if (error) log.error(`Attaching to ${body.kind} on ${body.host}:${body.port} failed: ${error}`);
  else log.info(`Attached ${config.type} to ${body.host}:${body.port} for ${body.functionName}`);
  await parent.customRequest(CustomRequests.childAttached, (error ? { error } : {}) satisfies ChildAttachedArguments).then(undefined, (err: Error) => log.warn(`childAttached: ${err.message}`));
}

/** Starts `config` as a child of `parent`; the reason when it did not start. */
async function startChildSession(parent: vscode.DebugSession, config: vscode.DebugConfiguration): Promise<string | undefined> {
  try {
    const ok = await vscode.debug.startDebugging(parent.workspaceFolder, config, {
      parentSession: parent,
      lifecycleManagedByParent: true,
      compact: true,
      // One console: the handler's output beside our results and REPORT lines. (The Node.js shim keeps
      // console.* away from the inspector, so js-debug does not echo the lines we forward from stdout.)
      consoleMode: vscode.DebugConsoleMode.MergeWithParent,
    });
    return ok ? undefined : vscode.l10n.t('VS Code did not start the {0} debug session.', config.type);
  } catch (err) {
    return (err as Error).message;
  }
}

/** The FunctionGraph session above `session`, if any (js-debug adds a level of its own). */
function functionGraphAncestor(session: vscode.DebugSession): vscode.DebugSession | undefined {
  for (let s = session.parentSession; s; s = s.parentSession) if (s.type === DEBUG_TYPE) return s;
  return undefined;
}

const RESUMING_REQUESTS = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'goto']);

function timeoutTracker(session: vscode.DebugSession, log: vscode.LogOutputChannel): vscode.DebugAdapterTracker | undefined {
  const parent = functionGraphAncestor(session);
  if (!parent) return undefined;
  let stopped = false;
  const tell = (command: string) => {
    parent.customRequest(command).then(undefined, (err: Error) => log.warn(`${command}: ${err.message}`));
  };
  return {
    onDidSendMessage: (m: { type?: string; event?: string }) => {
      if (m.type !== 'event') return;
      if (m.event === 'stopped' && !stopped) {
        stopped = true;
        tell(CustomRequests.pauseTimeout);
      } else if (m.event === 'continued' && stopped) {
        stopped = false;
        tell(CustomRequests.resumeTimeout);
      }
    },
    onWillReceiveMessage: (m: { type?: string; command?: string }) => {
      if (m.type === 'request' && m.command && RESUMING_REQUESTS.has(m.command) && stopped) {
        stopped = false;
        tell(CustomRequests.resumeTimeout);
      }
    },
  };
}

/**
 * A function that could not start (no interpreter, no debugpy, bootstrap not executable...) fails
 * before any code runs; the Debug Console says why, and this offers the fixes as buttons.
 */
function offerPreflightFix(session: vscode.DebugSession, result: ResultEventBody): void {
  if (result.status === 'ok' || result.error?.errorType !== InvokeErrors.preflight) return;
  const interpreters = vscode.l10n.t('Configure Interpreters');
  const noDebug = vscode.l10n.t('Run Without Debugging');
  const debugging = !session.configuration.noDebug;
  void vscode.window.showErrorMessage(result.error.errorMessage, interpreters, ...(debugging ? [noDebug] : [])).then(async (choice) => {
    if (choice === interpreters) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'functiongraph.interpreters');
    } else if (choice === noDebug) {
      const { __fgtk: _settings, ...config } = session.configuration;
      await vscode.debug.stopDebugging(session);
      await vscode.debug.startDebugging(session.workspaceFolder, { ...config, noDebug: true });
    }
  });
}

/**
 * A compiled runtime's build errors (the Java build's `file:line:column: error: message` lines in a
 * pre-flight failure) go to the Problems view, on the source line; the next result of the same
 * function clears them.
 */
function showBuildProblems(collection: vscode.DiagnosticCollection, session: vscode.DebugSession, result: ResultEventBody): void {
  const functionDir = (session.configuration as { function?: string }).function;
  collection.forEach((uri) => {
    if (functionDir && uri.fsPath.startsWith(functionDir)) collection.delete(uri);
  });
  if (result.status === 'ok' || result.error?.errorType !== InvokeErrors.preflight) return;
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const line of result.error.errorMessage.split('\n')) {
    const m = /^(.+\.java):(\d+):(\d+): (error|warning): (.*)$/.exec(line);
    if (!m) continue;
    const at = new vscode.Position(Number(m[2]) - 1, Number(m[3]) - 1);
    const d = new vscode.Diagnostic(new vscode.Range(at, at.translate(0, 1)), m[5], m[4] === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
    d.source = 'javac';
    byFile.set(m[1], [...(byFile.get(m[1]) ?? []), d]);
  }
  for (const [file, diagnostics] of byFile) collection.set(vscode.Uri.file(file), diagnostics);
}
