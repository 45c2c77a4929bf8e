// Issue 14 in a real VS Code: test events are tests in the Test Explorer. A function fresh from a
// template has passing tests out of the box; a wrong expectation fails through VS Code's Testing API
// with a message naming what was expected and what came; "Save Result as Expected" fixes it; the
// items follow the files; a warm debug session restarts the instance after a code change.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, captureDebugOutput, inWorkspace, screenshot, stepOf, tidyWorkbench, waitFor, watchSessions, workspaceFolder } from './helpers';

interface Outcome { id: string; label: string; state: string; message?: string; expected?: string; actual?: string }
interface Item { id: string; label: string; description?: string; children: { id: string; label: string; description?: string }[] }

const NAME = 'tested-fn';
let dir: string;

const items = async () => (await vscode.commands.executeCommand<Item[]>('functiongraph.testing.items')).find((i) => i.label === NAME);
const lastRun = () => vscode.commands.executeCommand<Outcome[]>('functiongraph.testing.lastRun');

/** Runs the tests of one event file through VS Code (the Testing view's "Run Tests in Current File"), then reads what our run reported. */
async function runTestsOf(file: string): Promise<Outcome> {
  await vscode.window.showTextDocument(vscode.Uri.file(file));
  // A test item that was just added reaches VS Code's test tree a moment later; until then "Run Tests
  // in Current File" finds nothing to run. Ask again, as a person would, while nothing is reported.
  for (let attempt = 1; ; attempt++) {
    await vscode.commands.executeCommand('testing.runCurrentFile');
    try {
      return await waitFor(`a test result for ${path.basename(file)}`, async () => (await lastRun()).find((o) => o.id === file), 10_000, () => 'no result reported');
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

suite('Test Explorer: test events as tests', function () {
  // Several runs and a debug session per test: more than the default 30 s on a loaded machine.
  this.timeout(120_000);
  suiteSetup(async () => {
    await activateExtension();
    dir = inWorkspace(NAME);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    await vscode.commands.executeCommand('functiongraph.createFunction', { runtime: 'nodejs20.15', template: 'blank', name: NAME, folder: workspaceFolder().uri.fsPath });
  });
  suiteTeardown(() => rmSync(dir, { recursive: true, force: true }));

  test('a new function\'s test passes; a wrong expectation fails with expected and actual; Save Result as Expected fixes it', async () => {
    const blank = path.join(dir, 'events', 'blank.json');
    await stepOf('the Test Explorer lists the function with its event, not the expectation', async () => {
      assert.ok(existsSync(path.join(dir, 'events', 'blank.expected.json')), 'the template ships an expectation');
      await vscode.commands.executeCommand('workbench.view.testing.focus');
      const fn = await waitFor(`${NAME} in the test items`, items);
      assert.deepEqual(fn.children.map((c) => [c.label, c.description]), [['blank', 'expected result']]);
    });

    await stepOf('its test passes out of the box', async () => {
      const outcome = await runTestsOf(blank);
      assert.equal(outcome.state, 'passed', JSON.stringify(outcome));
    });

    const other = path.join(dir, 'events', 'other.json');
    await stepOf('a new event with a wrong expectation appears as a test', async () => {
      writeFileSync(other, '{"key": "value"}\n');
      writeFileSync(path.join(dir, 'events', 'other.expected.json'), '{"status": "ok", "output": {"message": "Goodbye"}}\n');
      await waitFor('other in the test items', async () => (await items())?.children.find((c) => c.label === 'other'), 15_000);
    });

    await stepOf('Run fails it with a message naming expected and actual', async () => {
      const outcome = await runTestsOf(other);
      assert.equal(outcome.state, 'failed', JSON.stringify(outcome));
      assert.equal(outcome.message, 'output.message: expected "Goodbye", got "Hello from FunctionGraph!"');
      assert.deepEqual(JSON.parse(outcome.expected!), { message: 'Goodbye' });
      assert.equal((JSON.parse(outcome.actual!) as { message: string }).message, 'Hello from FunctionGraph!');
      await vscode.commands.executeCommand('testing.showMostRecentOutput').then(undefined, () => undefined);
      await screenshot('test-explorer-failure');
    });

    await stepOf('Save Result as Expected writes the result; Run then passes', async () => {
      const written = await vscode.commands.executeCommand<string[]>('functiongraph.saveResultAsExpected', other);
      assert.deepEqual(written, [path.join(dir, 'events', 'other.expected.json')]);
      const saved = JSON.parse(readFileSync(written[0], 'utf8')) as { status: string; output: { message: string } };
      assert.equal(saved.status, 'ok');
      assert.equal(saved.output.message, 'Hello from FunctionGraph!');
      assert.equal((await runTestsOf(other)).state, 'passed');
    });

    await stepOf('deleting an event removes its test', async () => {
      rmSync(other);
      await waitFor('other gone from the test items', async () => ((await items())?.children.some((c) => c.label === 'other') === false ? true : undefined), 15_000);
    });
    await tidyWorkbench();
  });

  test('Debug runs an event\'s test under our debugger and judges its result', async () => {
    const sessions = watchSessions();
    try {
      const blank = path.join(dir, 'events', 'blank.json');
      await stepOf('Debug Tests in Current File on the event', async () => {
        await vscode.window.showTextDocument(vscode.Uri.file(blank));
        await vscode.commands.executeCommand('testing.debugCurrentFile');
      });
      const outcome = await stepOf('the test passed', () => waitFor('a debug test result', async () => (await lastRun()).find((o) => o.id === blank), 30_000));
      assert.equal(outcome.state, 'passed', JSON.stringify(outcome));
      assert.ok(sessions.started.some((s) => s.type === 'functiongraph'), 'it ran in a functiongraph debug session');
      await waitFor('the debug session to end by itself', () => sessions.live().length === 0, 15_000, () => sessions.live().map((s) => s.type).join(', '));
    } finally {
      await sessions.stopAll();
      sessions.dispose();
    }
  });

  test('a warm debug session restarts the instance after a code change: "code changed, restarting"', async () => {
    const sessions = watchSessions();
    const output = captureDebugOutput();
    try {
      await stepOf('F5 with the instance kept warm', async () => {
        assert.equal(await vscode.debug.startDebugging(workspaceFolder(), { type: 'functiongraph', request: 'launch', name: 'warm', function: dir, event: path.join(dir, 'events', 'blank.json'), noDebug: true }), true);
        await waitFor('the first REPORT', () => output.text().includes('REPORT RequestId:'), 20_000, () => output.text());
      });
      await stepOf('edit the handler, send the event again: the new code answers after a restart', async () => {
        const index = path.join(dir, 'index.js');
        writeFileSync(index, readFileSync(index, 'utf8').replace('Hello from FunctionGraph!', 'Hello after a change'));
        await waitFor('the change to be noticed', () => output.text().includes('index.js changed: the instance restarts before the next event.'), 10_000, () => output.text());
        // To this session itself: an earlier suite's session may still be winding down.
        const session = sessions.started.find((x) => x.type === 'functiongraph' && x.name === 'warm');
        assert.ok(session, 'our warm session started');
        await session.customRequest('sendEvent', { event: path.join(dir, 'events', 'blank.json') });
        await waitFor('the new result', () => output.text().includes('Hello after a change'), 20_000, () => output.text());
        assert.match(output.text(), /code changed, restarting: index\.js/);
      });
    } finally {
      output.dispose();
      await sessions.stopAll();
      sessions.dispose();
    }
  });
});
