// F5 to a breakpoint in a real VS Code, shared by the breakpoint suites of every runtime: the
// functiongraph session starts the function under its debugger, a child session attaches, VS Code
// stops on the line of the function's entry file that ends in a BREAKPOINT comment.
import assert from 'node:assert/strict';
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { captureDebugOutput, captureStops, screenshot, sleep, stepOf, waitFor, watchSessions, workspaceFolder, type StopEvent } from './helpers';

// What the functiongraph session sends after each invocation (RESULT_EVENT in src/shared/dapProtocol.ts).
export const RESULT_EVENT = 'functiongraph.result';
export interface ResultBody { status: string; outputText: string; requestId: string; error?: { errorType: string; errorMessage: string } }

export interface BreakpointTarget {
  /** The function's folder in the workspace. */
  dir: string;
  /** The file with the BREAKPOINT line, relative to `dir`. */
  entry: string;
  /** Session types that may report the stop (js-debug's, ours over debugpy or Delve). */
  childTypes: string[];
}

export interface StackFrame { id: number; name: string; line: number; source?: { path?: string } }

export interface BreakpointOptions {
  /** Stay paused this long, checking no result arrives (INV-1: no timeout while paused). */
  holdMs?: number;
  screenshotName?: string;
  /** How long until the stop (a first Go build compiles the standard library with -N -l). */
  stopWithinMs?: number;
  /** Runs while stopped, before the hold and the continue (to read variables, say). */
  whileStopped?: (stop: StopEvent, frame: StackFrame) => Promise<void>;
}

export interface BreakpointRun {
  stop: StopEvent;
  frame: StackFrame;
  result: ResultBody;
  /** The Debug Console of the functiongraph session up to the REPORT line. */
  output: string;
  /** Every session's output (ours and the child's, one console), to the end of the run. */
  allOutput: string;
  /** The function instance's process ("Started instance (pid N)"). */
  instancePid: number | undefined;
}

/**
 * A frame's source path as a local path. js-debug answers with the URI the workbench gave it, which
 * under code-server is `vscode-remote://<authority>/<path>`; debugpy and Delve answer with the path itself.
 */
export function localPath(sourcePath: string): string {
  return /^[a-z][\w+.-]+:\/\//i.test(sourcePath) ? vscode.Uri.parse(sourcePath).path : sourcePath;
}

/**
 * F5 on the function with a breakpoint on its BREAKPOINT line: waits for the stop, checks where it
 * is, runs `whileStopped`, stays paused for `holdMs`, continues, and returns the result. Whatever happens, every
 * session is stopped and the breakpoint removed before it returns or throws.
 */
export async function debugToBreakpoint(target: BreakpointTarget, { holdMs = 0, screenshotName, stopWithinMs = 20_000, whileStopped }: BreakpointOptions = {}): Promise<BreakpointRun> {
  const { dir, entry, childTypes } = target;
  const file = path.join(dir, entry);
  const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => /(\/\/|#) BREAKPOINT$/.test(l.trimEnd()));
  assert.ok(line >= 0, `${entry} of ${dir} has a line ending in a BREAKPOINT comment`);
  const breakpoint = new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(file), new vscode.Position(line, 0)));

  const sessions = watchSessions();
  const output = captureDebugOutput();
  const allOutput = captureDebugOutput('*');
  const stops = captureStops();
  const results: ResultBody[] = [];
  const resultEvents = vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
    if (e.session.type === 'functiongraph' && e.event === RESULT_EVENT) results.push(e.body as ResultBody);
  });
  const describe = () => `stops: ${JSON.stringify(stops.stops.map((s) => ({ type: s.session.type, reason: s.reason })))}; sessions: ${
    sessions.started.map((s) => s.type).join(', ') || 'none'}; Debug Console:\n${output.text()}`;
  try {
    vscode.debug.addBreakpoints([breakpoint]);
    await stepOf('startDebugging with a functiongraph launch configuration', async () => {
      const ok = await vscode.debug.startDebugging(workspaceFolder(), {
        type: 'functiongraph', request: 'launch', name: `Breakpoint in ${path.basename(dir)}`, function: dir, event: path.join(dir, 'events', 'default.json'),
      });
      assert.equal(ok, true, 'startDebugging resolves true (the session started)');
    });

    const stop = await stepOf(`a ${childTypes.join('/')} child session stops`, () =>
      waitFor('a stopped event', () => stops.stops[0], stopWithinMs, describe));
    assert.ok(childTypes.includes(stop.session.type), `the stop comes from a ${childTypes.join('/')} session (${describe()})`);
    assert.equal(stop.session.parentSession !== undefined, true, 'the stopped session is a child session (started by the functiongraph session)');

    const frame = await stepOf('the top stack frame is the BREAKPOINT line of the handler', async () => {
      const trace = await stop.session.customRequest('stackTrace', { threadId: stop.threadId, startFrame: 0, levels: 1 }) as
        { stackFrames: StackFrame[] };
      const top = trace.stackFrames[0];
      assert.ok(top, `a stack frame (got ${JSON.stringify(trace)})`);
      assert.ok(top.source?.path, `the frame has a source path (${JSON.stringify(top)})`);
      assert.equal(realpathSync(localPath(top.source.path)), realpathSync(file), `stopped in the handler's file (frame ${JSON.stringify(top)})`);
      assert.equal(top.line, line + 1, `stopped on line ${line + 1}, the BREAKPOINT line (frame ${JSON.stringify(top)}, reason ${stop.reason})`);
      return top;
    });

    if (screenshotName) {
      await stepOf(`screenshot: ${screenshotName}`, async () => {
        // VS Code reveals the stopped line in an editor by itself; wait for it, then show Run and Debug
        // (variables, call stack) and the Debug Console.
        await waitFor(`an editor on ${entry}`, () => vscode.window.activeTextEditor?.document.uri.fsPath === file, 10_000,
          () => `active editor: ${vscode.window.activeTextEditor?.document.uri.fsPath ?? 'none'}`);
        await vscode.commands.executeCommand('workbench.view.debug');
        await vscode.commands.executeCommand('workbench.debug.action.focusRepl');
        await screenshot(screenshotName);
      });
    }

    if (whileStopped) await whileStopped(stop, frame);

    if (holdMs > 0) {
      await stepOf(`stay paused for ${holdMs} ms: the invocation stays pending, no timeout`, async () => {
        await sleep(holdMs);
        assert.deepEqual(results.map((r) => r.status), [], `no result while paused (${describe()})`);
      });
    }

    await stepOf('continue', () => stop.session.customRequest('continue', { threadId: stop.threadId }));
    const result = await stepOf('the functiongraph session reports the result', () =>
      waitFor('the functiongraph.result event', () => results[0], 15_000, describe));
    const report = await stepOf('the Debug Console shows the REPORT RequestId: line', () =>
      waitFor('a "REPORT RequestId:" line', () => output.text().split('\n').find((l) => l.startsWith('REPORT RequestId:')), 5_000, describe));
    assert.ok(report.includes(result.requestId), `the REPORT line is this invocation's (${result.requestId}): ${report}`);
    const shown = output.text();
    const instancePid = Number(/Started instance \(pid (\d+)\)/.exec(shown)?.[1]) || undefined;
    return { stop, frame, result, output: shown.slice(0, shown.indexOf('REPORT RequestId:')), allOutput: allOutput.text(), instancePid };
  } finally {
    resultEvents.dispose();
    stops.dispose();
    output.dispose();
    allOutput.dispose();
    // Sessions first: removing the breakpoint from a session that is ending makes the workbench
    // log "Server disconnected unexpectedly" (its setBreakpoints races debugpy's exit).
    try {
      await sessions.stopAll();
    } finally {
      sessions.dispose();
      vscode.debug.removeBreakpoints([breakpoint]);
    }
  }
}

export interface StopOnEntryTarget extends BreakpointTarget {
  /** Where stopOnEntry pauses: the handler itself (Node.js, PHP), or the shim's line that calls it (Python). */
  entryStop: RegExp;
  /** Step Intos from the stopOnEntry pause into the handler. */
  stepsIntoHandler: number;
}

/** F5 with `stopOnEntry`: the first stop is right before the user's code runs; then Step Into reaches the handler's first line. */
export async function stopOnEntryIntoHandler(fixture: StopOnEntryTarget) {
  const { dir } = fixture;
  const handlerFile = path.join(dir, fixture.entry);
  const sessions = watchSessions();
  const stops = captureStops();
  const results: ResultBody[] = [];
  const resultEvents = vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
    if (e.session.type === 'functiongraph' && e.event === RESULT_EVENT) results.push(e.body as ResultBody);
  });
  const describe = () => `stops: ${JSON.stringify(stops.stops.map((s) => ({ type: s.session.type, reason: s.reason })))}`;
  const topFrame = async (stop: StopEvent) => {
    const trace = await stop.session.customRequest('stackTrace', { threadId: stop.threadId, startFrame: 0, levels: 1 }) as
      { stackFrames: { line: number; source?: { path?: string } }[] };
    return trace.stackFrames[0];
  };
  try {
    await stepOf('startDebugging with stopOnEntry', async () => {
      const ok = await vscode.debug.startDebugging(workspaceFolder(), {
        type: 'functiongraph', request: 'launch', name: 'Stop on entry', function: dir, event: path.join(dir, 'events', 'default.json'), stopOnEntry: true,
      });
      assert.equal(ok, true, 'startDebugging resolves true');
    });
    const entry = await stepOf('the first stop', () => waitFor('a stopped event', () => stops.stops[0], 20_000, describe));
    assert.ok(fixture.childTypes.includes(entry.session.type), `stopped in the child session (${describe()})`);
    const entryFrame = await topFrame(entry);
    assert.match(localPath(entryFrame?.source?.path ?? ''), fixture.entryStop, `the entry stop (${JSON.stringify(entryFrame)})`);
    for (let step = 1; step <= fixture.stepsIntoHandler; step++) {
      await stepOf(`Step Into #${step}`, async () => {
        await entry.session.customRequest('stepIn', { threadId: entry.threadId });
        await waitFor(`stop #${step + 1}`, () => stops.stops[step], 10_000, describe);
      });
    }
    const inHandler = await topFrame(stops.stops[fixture.stepsIntoHandler]);
    assert.equal(realpathSync(localPath(inHandler?.source?.path ?? '')), realpathSync(handlerFile), `in the handler (${JSON.stringify(inHandler)})`);
    // 1-based: the line after `exports.handler = ... {` / `def handler(...):` / `function handler(...) {`.
    const firstLine = readFileSync(handlerFile, 'utf8').split('\n').findIndex((l) => /^(exports\.handler|def handler|function handler)\b/.test(l)) + 2;
    assert.equal(inHandler?.line, firstLine, `on the handler's first line, ${firstLine} (${JSON.stringify(inHandler)})`);
    assert.equal(results.length, 0, 'no result while paused');
    await stepOf('continue', () => entry.session.customRequest('continue', { threadId: entry.threadId }));
    const result = await stepOf('the result', () => waitFor('the functiongraph.result event', () => results[0], 15_000, describe));
    assert.equal(result.status, 'ok', JSON.stringify(result));
    assert.equal(stops.stops.length, fixture.stepsIntoHandler + 1, `no other stop (${describe()})`);
  } finally {
    resultEvents.dispose();
    stops.dispose();
    try {
      await sessions.stopAll();
    } finally {
      sessions.dispose();
    }
  }
}

/** Once the sessions are stopped, the function's process is gone too (no orphan debuggee). */
export async function assertInstanceEnded(run: BreakpointRun) {
  assert.ok(run.instancePid, 'the Debug Console names the instance\'s pid ("Started instance (pid N)")');
  const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
  await stepOf('stopping the session ends the function instance', () =>
    waitFor(`instance pid ${run.instancePid} to exit`, () => !alive(run.instancePid!), 5_000));
}
