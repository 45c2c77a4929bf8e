// The extension loads and activates in a real VS Code, and every command its manifest contributes
// is registered.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

interface Manifest {
  engines: { vscode: string };
  contributes?: {
    commands?: { command: string }[];
    debuggers?: { type: string }[];
  };
}

suite('Smoke: the extension in a real VS Code', () => {
  test('runs inside VS Code at least as new as engines.vscode', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded from the extension development path`);
    const wanted = /(\d+)\.(\d+)/.exec((ext.packageJSON as Manifest).engines.vscode);
    const running = /(\d+)\.(\d+)/.exec(vscode.version);
    assert.ok(wanted && running, `versions: engines ${(ext.packageJSON as Manifest).engines.vscode}, VS Code ${vscode.version}`);
    assert.ok(Number(running[1]) * 1000 + Number(running[2]) >= Number(wanted[1]) * 1000 + Number(wanted[2]),
      `VS Code ${vscode.version} satisfies engines.vscode ${(ext.packageJSON as Manifest).engines.vscode}`);
    console.log(`    (VS Code ${vscode.version}, ${vscode.env.appName}, remote ${vscode.env.remoteName ?? 'none'})`);
  });

  test('activates without error', async () => {
    const { ext } = await activateExtension();
    assert.equal(ext.isActive, true);
  });

  test('registers every command its manifest contributes', async () => {
    const { ext } = await activateExtension();
    const contributed = ((ext.packageJSON as Manifest).contributes?.commands ?? []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), [], 'contributed commands with no handler');
  });
});
