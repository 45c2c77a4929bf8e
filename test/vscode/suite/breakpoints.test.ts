// Breakpoints in a handler really hit through F5, in a real VS Code: the functiongraph session
// starts the runtime shim under the inspector (Node.js) or debugpy (Python), a child session
// attaches, and VS Code stops on the user's line. Also: the function timeout does not fire while
// the user's code is paused (INV-1 counts the function's time, not the user's).
//
// The fixtures (test/vscode/fixtures/bp-*) are copied into the run's workspace first: the folder
// both runs open must keep its three functions for the Workspace Trust run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { activateExtension, inWorkspace, tidyWorkbench } from './helpers';
import { assertInstanceEnded, debugToBreakpoint, stopOnEntryIntoHandler, type BreakpointRun, type BreakpointTarget } from './breakpointRun';


interface Fixture {
  name: 'bp-node' | 'bp-python';
  entry: string;
  /** Session types that may report the stop: js-debug's for Node.js, ours over debugpy for Python. */
  childTypes: string[];
  /** Where stopOnEntry pauses: the handler itself (Node.js), or the shim's line that calls it (Python). */
  entryStop: RegExp;
  /** Step Intos from the stopOnEntry pause into the handler. */
  stepsIntoHandler: number;
}
const NODE: Fixture = { name: 'bp-node', entry: 'index.js', childTypes: ['pwa-node', 'node'], entryStop: /\/bp-node\/index\.js$/, stepsIntoHandler: 0 };
const PYTHON: Fixture = { name: 'bp-python', entry: 'index.py', childTypes: ['functiongraph-python'], entryStop: /\/shims\/python\/runtime\.py$/, stepsIntoHandler: 1 };
/** Longer than the fixtures' `Timeout: 3`. */
const PAUSED_LONGER_THAN_TIMEOUT_MS = 4_500;

/** A fixture as the function in the run's workspace that debugToBreakpoint runs. */
const target = (fixture: Fixture): BreakpointTarget => ({ dir: inWorkspace(fixture.name), entry: fixture.entry, childTypes: fixture.childTypes });

/** Copies the fixtures into the run's workspace (once). */
async function addFixtures() {
  const { ext } = await activateExtension();
  for (const name of [NODE.name, PYTHON.name]) {
    if (!existsSync(inWorkspace(name))) cpSync(path.join(ext.extensionPath, 'test', 'vscode', 'fixtures', name), inWorkspace(name), { recursive: true });
  }
}

/** The Debug Console shows the result the handler returned (JSON, possibly pretty-printed). */
function assertResultShown(run: BreakpointRun, runtime: string) {
  assert.equal(run.result.status, 'ok', `the invocation succeeded (${JSON.stringify(run.result)})`);
  const returned = JSON.parse(run.result.outputText) as { greeting?: string; runtime?: string };
  assert.deepEqual({ greeting: returned.greeting, runtime: returned.runtime }, { greeting: 'hello breakpoint', runtime });
  const squeeze = (text: string) => text.replace(/\s+/g, '');
  assert.ok(squeeze(run.output).includes(squeeze(run.result.outputText)),
    `the Debug Console shows the result before the REPORT line; it showed:\n${run.output}`);
}

// ------------------------------------------------------------------ Python interpreter
const execFileAsync = promisify(execFile);
const hasDebugpy = (python: string) => execFileAsync(python, ['-c', 'import debugpy'], { timeout: 10_000 }).then(() => true, () => false);

/**
 * The extension runs `python3` from PATH unless `functiongraph.interpreters` names another. When
 * that one lacks debugpy (here: pyenv's), point the setting at one that has it, as a user would;
 * undefined when the machine has none.
 */
async function pythonWithDebugpy(): Promise<{ path: string; configured: boolean } | undefined> {
  if (await hasDebugpy('python3')) return { path: 'python3', configured: false };
  for (const candidate of ['/usr/bin/python3', '/usr/local/bin/python3']) {
    if (existsSync(candidate) && await hasDebugpy(candidate)) return { path: candidate, configured: true };
  }
  return undefined;
}

let pythonReady: Promise<{ path: string; configured: boolean } | undefined> | undefined;
let savedInterpreters: { value: unknown } | undefined;

/** Sets the workspace's interpreter for Python once (if needed); suiteTeardown restores it. */
function preparePython() {
  pythonReady ??= (async () => {
    const python = await pythonWithDebugpy();
    if (python?.configured) {
      const config = vscode.workspace.getConfiguration('functiongraph');
      const current = config.inspect<Record<string, string>>('interpreters')?.workspaceValue;
      savedInterpreters = { value: current };
      await config.update('interpreters', { ...current, python: python.path }, vscode.ConfigurationTarget.Workspace);
      console.log(`    (python3 on PATH has no debugpy: functiongraph.interpreters.python = ${python.path} for this workspace)`);
    }
    return python;
  })();
  return pythonReady;
}

const NO_DEBUGPY = 'no Python 3 with debugpy on this machine (python3 on PATH, /usr/bin/python3, /usr/local/bin/python3): install python3-debugpy (Debian) or `pip install debugpy`';

async function restoreInterpreters() {
  if (!savedInterpreters) return;
  await vscode.workspace.getConfiguration('functiongraph').update('interpreters', savedInterpreters.value, vscode.ConfigurationTarget.Workspace);
  savedInterpreters = undefined;
}

// ------------------------------------------------------------------ tests
// Hooks inside a suite, not at the top level: Mocha would run top-level hooks around every file's
// tests (the journeys' tree would then show these fixtures).
suite('Debugging handlers through F5', () => {
  suiteSetup(addFixtures);
  suiteTeardown(restoreInterpreters);

  suite('Breakpoints in handlers hit through F5', () => {
    setup(() => tidyWorkbench());

    test('RT-1 Node.js: VS Code stops on the handler line through js-debug; after continue the result and REPORT follow', async () => {
      const run = await debugToBreakpoint(target(NODE), { screenshotName: 'breakpoint-in-handler' });
      assertResultShown(run, 'node');
      // js-debug shows console.* calls it sees through the inspector; the shim keeps them to stdout,
      // which our session shows: the line is in the Debug Console once, not twice.
      const said = run.allOutput.split('\n').filter((l) => l.includes('bp-node says hello to'));
      assert.equal(said.length, 1, `the handler's console.log line shows once in the Debug Console:\n${run.allOutput}`);
      assert.doesNotMatch(run.allOutput, /Debugger listening on|For help, see:/, 'the inspector\'s banner (we attach for the user) is not shown');
      assert.match(run.allOutput, /Init Duration: [\d.]+ ms \(including the wait for the debugger\)/, 'the cold start\'s init duration says it includes the attach');
      await assertInstanceEnded(run);
    });

    test('Node.js stopOnEntry: VS Code stops on the first line of the handler, once', async () => {
      await stopOnEntryIntoHandler({ ...target(NODE), ...NODE });
    });

    test('Python stopOnEntry: VS Code stops in the runtime shim on the handler call; Step Into enters it', async function () {
      if (!await preparePython()) {
        console.log(`    (skipped: ${NO_DEBUGPY})`);
        this.skip();
      }
      await stopOnEntryIntoHandler({ ...target(PYTHON), ...PYTHON });
    });

    test('RT-1 Python: VS Code stops on the handler line through debugpy; after continue the result and REPORT follow', async function () {
      const python = await preparePython();
      if (!python) {
        console.log(`    (skipped: ${NO_DEBUGPY})`);
        this.skip();
      }
      const run = await debugToBreakpoint(target(PYTHON));
      assertResultShown(run, 'python');
      await assertInstanceEnded(run);
    });
  });

  suite('INV-1: the timeout does not fire while the handler is paused', () => {
    setup(() => tidyWorkbench());

    test('Node.js: paused 4.5 s at a breakpoint with Timeout: 3, the invocation still succeeds', async () => {
      const run = await debugToBreakpoint(target(NODE), { holdMs: PAUSED_LONGER_THAN_TIMEOUT_MS });
      assertResultShown(run, 'node');
      assert.doesNotMatch(run.output, /ERROR \(timeout\)|timed out/i, 'no timeout in the Debug Console');
    });

    test('Python: paused 4.5 s at a breakpoint with Timeout: 3, the invocation still succeeds', async function () {
      const python = await preparePython();
      if (!python) {
        console.log(`    (skipped: ${NO_DEBUGPY})`);
        this.skip();
      }
      const run = await debugToBreakpoint(target(PYTHON), { holdMs: PAUSED_LONGER_THAN_TIMEOUT_MS });
      assertResultShown(run, 'python');
      assert.doesNotMatch(run.output, /ERROR \(timeout\)|timed out/i, 'no timeout in the Debug Console');
    });
  });
});
