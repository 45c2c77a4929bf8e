// Journey (issue 13): the Cloud section in a real VS Code against the fake cloud (test/fakes, a
// stand-in that checks every request's signature): sign in with keys from the environment, the
// Cloud view lists the fake's functions, deploy a function created from a template, invoke it in
// the cloud, read its logs.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, labelOf, screenshot, showFunctionsView, stepOf, tidyWorkbench, waitFor, workspaceFolder } from './helpers';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
// Fake keys (test/fakes/huaweicloud-fake.ts): the fake accepts only requests signed with these.
const FAKE_AK = 'FGTKFAKEAK0000000001';
const FAKE_SK = 'fgtk-fake-SECRET-key-6f1d2c9a8b7e';
const ENV_KEYS = ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'FGTK_FUNCTIONGRAPH_ENDPOINT', 'FGTK_IAM_ENDPOINT', 'FGTK_LTS_ENDPOINT'];

let fakeProcess: ChildProcess | undefined;
const savedEnv: Record<string, string | undefined> = {};

async function startFake(seed: string[]): Promise<{ url: string; project: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'test', 'fakes', 'serve.ts'), '--seed', seed.join(',')], {
    cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  fakeProcess = child;
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(JSON.parse(line) as { url: string; project: string });
    });
    child.on('exit', (code) => reject(new Error(`the fake cloud exited (${code}): ${err}`)));
  });
}

async function cloudItems(): Promise<vscode.TreeItem[]> {
  return (await vscode.commands.executeCommand<{ items: vscode.TreeItem[] }>('functiongraph.cloud.refresh')).items;
}

suite('Journey 4: the Cloud section against the fake cloud', () => {
  let project: string;
  suiteSetup(async function () {
    this.timeout(60_000);
    await activateExtension();
    const fake = await startFake(['cloud-seeded-a', 'cloud-seeded-b']);
    project = fake.project;
    for (const k of ENV_KEYS) savedEnv[k] = process.env[k];
    // "Sign in with env credentials": the extension host's environment is the first link of the chain.
    Object.assign(process.env, { HUAWEICLOUD_SDK_AK: FAKE_AK, HUAWEICLOUD_SDK_SK: FAKE_SK, FGTK_FUNCTIONGRAPH_ENDPOINT: fake.url, FGTK_IAM_ENDPOINT: fake.url, FGTK_LTS_ENDPOINT: fake.url });
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('functiongraph.cloud.stopLogs');
    for (const k of ENV_KEYS) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
    await vscode.commands.executeCommand('functiongraph.cloud.refresh');
    fakeProcess?.stdin?.end();
    if (fakeProcess?.pid) try { process.kill(fakeProcess.pid, 'SIGTERM'); } catch { /* already gone */ }
  });

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
