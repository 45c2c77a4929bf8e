// Workspace Trust: the runner opens the same workspace with trust enabled and the folder not trusted
// (Restricted Mode). Running a function runs the workspace's code, so invoke and F5 must refuse and
// say why; nothing may start.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension, captureDebugOutput, codeOf, describeDiagnosticsUnder, diagnosticsUnder, inWorkspace, screenshot, showFunctionsView, sleep, stepOf, tidyWorkbench, waitFor, workspaceFolder,
} from './helpers';

suite('Workspace Trust: an untrusted workspace', () => {
  test('the runner opened the workspace untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'vscode.workspace.isTrusted');
  });

  test('the extension still loads (limited support in Restricted Mode)', async () => {
    const { ext } = await activateExtension();
    assert.equal(ext.isActive, true);
  });

  test('the tree and the linter keep working (they only read files)', async () => {
    const { api } = await activateExtension();
    const names = await stepOf('listFunctions() lists the workspace\'s functions', async () =>
      (await waitFor('three functions', async () => {
        const all = await api.listFunctions();
        return all.length >= 3 ? all : undefined;
      })).map((f) => f.name).sort());
    assert.deepEqual(names, ['broken-bootstrap', 'hello-node', 'missing-handler']);
    await stepOf('broken-bootstrap has its bootstrap-not-executable diagnostic', () => waitFor('the linter\'s diagnostic',
      () => diagnosticsUnder(inWorkspace('broken-bootstrap')).find(({ diagnostic }) => codeOf(diagnostic) === 'bootstrap-not-executable'),
      20_000, () => describeDiagnosticsUnder(inWorkspace('broken-bootstrap'))));
  });

  test('functiongraph.invoke refuses with a message about Workspace Trust', async () => {
    const dir = inWorkspace('hello-node');
    const outcome = await stepOf('run functiongraph.invoke on hello-node', async () => {
      try {
        return { value: await vscode.commands.executeCommand<unknown>('functiongraph.invoke', dir, inWorkspace('hello-node', 'events', 'default.json')) };
      } catch (err) {
        return { error: err instanceof Error ? err.message : String(err) };
      }
    });
    await stepOf('the refusal names Workspace Trust and nothing ran', () => {
      assert.ok(!('value' in outcome) || outcome.value === undefined,
        `no result from an untrusted workspace (got ${JSON.stringify(outcome)})`);
      assert.match(outcome.error ?? '', /Workspace Trust/, 'the command fails with a message containing "Workspace Trust"');
    });
    await stepOf('screenshot: Restricted Mode, the tree and the linter still working', async () => {
      await showFunctionsView();
      await screenshot('untrusted-restricted-mode');
    });
  });

  test('F5 starts nothing: VS Code asks for trust first', async () => {
    // In Restricted Mode VS Code's debug service asks "Do you trust the authors...?" before any
    // session. In extension-test mode its dialog service refuses to show dialogs, so the request
    // stays unanswered, as if the user had not said yes yet: nothing may run meanwhile.
    await tidyWorkbench();
    const output = captureDebugOutput();
    let settled: boolean | string | undefined;
    try {
      await stepOf('vscode.debug.startDebugging in an untrusted workspace', () => {
        vscode.debug.startDebugging(workspaceFolder(), {
          type: 'functiongraph', request: 'launch', name: 'untrusted F5',
          function: inWorkspace('hello-node'), event: inWorkspace('hello-node', 'events', 'default.json'),
        }).then((ok) => { settled = ok; }, (err: Error) => { settled = err.message; });
      });
      await sleep(3000);
      await stepOf('no session and no invocation', () => {
        assert.ok(settled === undefined || settled === false, `startDebugging did not start a session (settled: ${String(settled)})`);
        assert.equal(vscode.debug.activeDebugSession, undefined, 'no debug session');
        assert.doesNotMatch(output.text(), /REPORT RequestId:/, 'the function was not invoked');
        assert.equal(vscode.workspace.isTrusted, false, 'still untrusted');
      });
    } finally {
      output.dispose();
    }
  });
});
