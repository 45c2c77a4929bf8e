// Java in a real VS Code: a Java template created with the command, the CodeLens above the handler
// method, F5 building function.jar and invoking it; a compile error lands in Problems on its line
// (source javac) and goes away once fixed. The function folder is this suite's own.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, captureDebugOutput, stepOf, tidyWorkbench, waitFor, workspaceFolder } from './helpers';

const NAME = 'java-journey';
let dir: string;

suiteSetup(async () => {
  await activateExtension();
  rmSync(path.join(workspaceFolder().uri.fsPath, NAME), { recursive: true, force: true });
});

suiteTeardown(async () => {
  await tidyWorkbench();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function runOnce(): Promise<string> {
  const output = captureDebugOutput();
  try {
    const ok = await vscode.debug.startDebugging(workspaceFolder(), { type: 'functiongraph', request: 'launch', name: NAME, function: dir, noDebug: true, keepAlive: false });
    assert.equal(ok, true);
    await waitFor('a REPORT line or an error', () => /REPORT RequestId:|ERROR \(/.test(output.text()) || undefined, 120_000, () => output.text());
    return output.text();
  } finally {
    output.dispose();
  }
}

suite('Java functions', () => {
  test('Java 17 template: CodeLens above handleRequest, F5 builds and invokes, build errors in Problems', async function () {
    this.timeout(600_000); // javac and cold JVMs on a loaded machine
    dir = await stepOf('functiongraph.createFunction java17/blank', async () => {
      await vscode.commands.executeCommand('functiongraph.createFunction', { runtime: 'java17', template: 'blank', name: NAME, folder: workspaceFolder().uri.fsPath });
      return path.join(workspaceFolder().uri.fsPath, NAME);
    });
    const source = path.join(dir, 'src/main/java/com/example/fg/Handler.java');

    await stepOf('the Invoke | Debug CodeLens sits on the handler method\'s line', async () => {
      const doc = await vscode.workspace.openTextDocument(source);
      await vscode.window.showTextDocument(doc, { preview: false });
      const lenses = await waitFor('CodeLenses in Handler.java', async () => {
        const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
        return l?.some((x) => x.command?.command === 'functiongraph.invoke') ? l : undefined;
      }, 30_000);
      const line = doc.getText().split('\n').findIndex((l) => l.includes('public Map<String, Object> handleRequest('));
      assert.equal(lenses.find((x) => x.command?.command === 'functiongraph.invoke')!.range.start.line, line);
    });

    await stepOf('a compile error shows in Problems with its line, from javac', async () => {
      writeFileSync(source, readFileSync(source, 'utf8').replace('result.put("event", event);', 'result.put("event", event);\n        undefinedCall();'));
      const text = await runOnce();
      assert.match(text, /The Java build failed/);
      const problem = await waitFor('a javac diagnostic on Handler.java', () =>
        vscode.languages.getDiagnostics(vscode.Uri.file(source)).find((d) => d.source === 'javac'), 20_000);
      assert.equal(problem.range.start.line, 19, 'the line of undefinedCall()');
      assert.match(problem.message, /cannot find symbol/);
    });

    await stepOf('fixed, F5 rebuilds and invokes; the problem is gone', async () => {
      writeFileSync(source, readFileSync(source, 'utf8').replace('\n        undefinedCall();', ''));
      const text = await runOnce();
      assert.match(text, /Hello from FunctionGraph!/, text);
      await waitFor('no javac diagnostics left', () => vscode.languages.getDiagnostics(vscode.Uri.file(source)).every((d) => d.source !== 'javac') || undefined, 20_000);
    });
  });
});
