// Restricted Mode and the Cloud section (issue 13), in the untrusted run: reading the cloud works
// (list, invoke in the cloud, logs run no workspace code), deploying packages workspace code and
// asks for Workspace Trust.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cloudItems, startFakeCloud, type FakeCloud } from './cloudFake';
import { activateExtension, inWorkspace, labelOf, stepOf } from './helpers';

suite('Restricted Mode: the Cloud section reads, Deploy asks for trust', () => {
  let fake: FakeCloud;
  suiteSetup(async function () {
    this.timeout(60_000);
    await activateExtension();
    fake = await startFakeCloud(['untrusted-seeded']);
  });
  suiteTeardown(() => fake?.stop());

  test('list and invoke in the cloud work untrusted; Deploy is refused with the trust message', async function () {
    this.timeout(120_000);
    assert.equal(vscode.workspace.isTrusted, false, 'the untrusted run opens the workspace in Restricted Mode');
    await stepOf('the Cloud view lists the functions', async () => {
      assert.ok((await cloudItems()).some((i) => labelOf(i) === 'untrusted-seeded'));
    });
    await stepOf('Invoke in Cloud runs', async () => {
      const result = await vscode.commands.executeCommand<{ status: string; output: string }>('functiongraph.cloud.invoke', 'untrusted-seeded', { n: 1 });
      assert.equal(result.output, '{"echo":{"n":1}}');
    });
    await stepOf('Deploy needs Workspace Trust', async () => {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('functiongraph.cloud.deploy', inWorkspace('hello-node'))), /Workspace Trust/);
    });
  });
});
