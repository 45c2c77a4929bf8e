// Journey (issue 13): the Cloud section in a real VS Code against the fake cloud (test/fakes, a
// stand-in that checks every request's signature): sign in with keys from the environment, the
// Cloud view lists the fake's functions, deploy a function created from a template, invoke it in
// the cloud, read its logs.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { cloudItems, FAKE_AK, FAKE_SK, startFakeCloud, type FakeCloud } from './cloudFake';
import { activateExtension, labelOf, screenshot, showFunctionsView, stepOf, tidyWorkbench, waitFor, workspaceFolder } from './helpers';

suite('Journey 4: the Cloud section against the fake cloud', () => {
  let project: string;
  let fake: FakeCloud;
  suiteSetup(async function () {
    this.timeout(60_000);
    await activateExtension();
    // "Sign in with env credentials": the extension host's environment is the first link of the chain.
    fake = await startFakeCloud(['cloud-seeded-a', 'cloud-seeded-b']);
    project = fake.project;
  });
  suiteTeardown(() => fake?.stop());

  test('sign in from the environment, list, deploy, invoke in the cloud, read the logs', async function () {
    // Packaging and the cloud calls each spawn or load something: minutes on a loaded machine.
    this.timeout(180_000);
    await stepOf('Sign In uses the keys from the environment', async () => {
      const result = await vscode.commands.executeCommand<{ source: string }>('functiongraph.cloud.signIn');
      assert.equal(result.source, 'environment');
    });

    await stepOf('the Cloud view shows the account, the region and the fake\'s functions with runtime and memory', async () => {
      const items = await cloudItems();
      const labels = items.map(labelOf);
      assert.ok(labels.includes('FGTK…0001'), `the masked access key (got ${JSON.stringify(labels)})`);
      assert.ok(labels.some((l) => /cn-north-4/.test(l)), 'the region');
      const a = items.find((i) => labelOf(i) === 'cloud-seeded-a');
      assert.ok(a && items.find((i) => labelOf(i) === 'cloud-seeded-b'), `both seeded functions (got ${JSON.stringify(labels)})`);
      assert.equal(a.description, 'Node.js18.15 · 256 MB');
      assert.ok(!labels.some((l) => l.includes(FAKE_SK)));
    });

    const dir = await stepOf('create a function from a template', async () => {
      const created = await vscode.commands.executeCommand<string>('functiongraph.createFunction', { runtime: 'nodejs20.15', template: 'blank', name: 'cloud-journey', folder: workspaceFolder().uri.fsPath });
      assert.ok(existsSync(path.join(created, 'template.yml')));
      return created;
    });

    await stepOf('Deploy creates it in the cloud', async () => {
      const outcome = await vscode.commands.executeCommand<{ action: string; functionUrn: string; codeSize: number }>('functiongraph.cloud.deploy', dir);
      assert.equal(outcome.action, 'created');
      assert.equal(outcome.functionUrn, `urn:fss:cn-north-4:${project}:function:default:cloud-journey:latest`);
      assert.ok(outcome.codeSize > 0);
      await waitFor('the deployed function in the Cloud view', async () => (await cloudItems()).find((i) => labelOf(i) === 'cloud-journey'));
    });

    await stepOf('Invoke in Cloud returns the result, the log tail and the REPORT figures', async () => {
      const result = await vscode.commands.executeCommand<{ status: string; output: string; requestId: string; billedDurationMs: number; logs: { text: string }[] }>(
        'functiongraph.cloud.invoke', 'cloud-journey', { hello: 'cloud' });
      assert.equal(result.status, 'ok');
      assert.equal(result.output, '{"echo":{"hello":"cloud"}}');
      assert.match(result.requestId, /^[0-9a-f-]{36}$/);
      assert.ok(result.logs.some((l) => l.text.includes('Finish invoke request')));
    });

    await stepOf('Show Logs streams the function\'s LTS lines into the log channel', async () => {
      const { lines } = await vscode.commands.executeCommand<{ lines: string[] }>('functiongraph.cloud.showLogs', 'cloud-journey');
      assert.ok(lines.some((l) => /Start invoke request '[0-9a-f-]+', version: latest/.test(l)), `log lines (got ${JSON.stringify(lines)})`);
      assert.ok(lines.some((l) => l.includes('{"hello":"cloud"}')));
    });

    await stepOf('Download to Workspace unpacks a cloud function with a template.yml, and the Functions view lists it', async () => {
      const target = path.join(workspaceFolder().uri.fsPath, 'pulled-seeded-a');
      const out = await vscode.commands.executeCommand<{ dir: string; files: number }>('functiongraph.cloud.download', 'cloud-seeded-a', target);
      assert.equal(out.dir, target);
      assert.ok(existsSync(path.join(target, 'template.yml')) && existsSync(path.join(target, 'index.js')));
      const { api } = await activateExtension();
      await waitFor('the pulled function in the Functions view', async () => (await api.listFunctions()).find((f) => f.name === 'cloud-seeded-a'));
    });

    await stepOf('a screenshot of the Cloud view', async () => {
      await showFunctionsView();
      await vscode.commands.executeCommand('functiongraph.cloud.focus');
      await screenshot('cloud-view');
      await tidyWorkbench();
    });
  });

  test('Sign In with keys kept in SecretStorage: checked against IAM first, the project picked, then listed; Sign Out forgets them', async function () {
    this.timeout(120_000);
    const ak = process.env.HUAWEICLOUD_SDK_AK;
    const sk = process.env.HUAWEICLOUD_SDK_SK;
    delete process.env.HUAWEICLOUD_SDK_AK;
    delete process.env.HUAWEICLOUD_SDK_SK;
    try {
      await stepOf('with no keys anywhere the view offers Sign In', async () => {
        const labels = (await cloudItems()).map(labelOf);
        assert.ok(labels.includes('Sign in to Huawei Cloud'), JSON.stringify(labels));
      });
      await stepOf('a wrong secret key is refused before anything is stored', async () => {
        await assert.rejects(Promise.resolve(vscode.commands.executeCommand('functiongraph.cloud.signIn', { ak: FAKE_AK, sk: 'not-the-secret' })), /rejected the credentials/);
        assert.ok((await cloudItems()).map(labelOf).includes('Sign in to Huawei Cloud'));
      });
      await stepOf('the right keys: the region\'s only project is picked and the functions listed', async () => {
        const result = await vscode.commands.executeCommand<{ source: string; projectId: string }>('functiongraph.cloud.signIn', { ak: FAKE_AK, sk: FAKE_SK });
        assert.deepEqual([result.source, result.projectId], ['VS Code', project]);
        const items = await cloudItems();
        assert.equal(items[0].description, 'signed in');
        assert.ok(items.some((i) => labelOf(i) === 'cloud-seeded-a'));
      });
      await stepOf('Sign Out forgets the keys', async () => {
        await vscode.commands.executeCommand('functiongraph.cloud.signOut');
        assert.ok((await cloudItems()).map(labelOf).includes('Sign in to Huawei Cloud'));
      });
    } finally {
      process.env.HUAWEICLOUD_SDK_AK = ak;
      process.env.HUAWEICLOUD_SDK_SK = sk;
    }
  });
});
