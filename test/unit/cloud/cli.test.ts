// fgtk deploy / remote list / remote invoke / logs / pull as users run them: the built CLI against
// the signature-checking fake cloud. Exit codes 0 ok, 1 failed, 2 usage/setup; the --json shapes.
import AdmZip from 'adm-zip';
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FAKE_PROJECT, HuaweiCloudFake } from '../../fakes/huaweicloud-fake';
import { rawZip } from '../lint/rawZip';
import { CLI, cliEnv, fgtk, makeFunction } from './cliHelpers';

void describe('fgtk cloud commands', () => {
  let fake: HuaweiCloudFake;
  let env: Record<string, string>;
  before(async () => {
    assert.equal(existsSync(CLI), true, 'run npm run build first (test/run-all.mjs does)');
    fake = await HuaweiCloudFake.start();
    env = await cliEnv(fake);
  });
  after(() => fake.close());

  it('deploy creates, then updates; --json prints {functionUrn, action, codeSize, codeSha256}', async () => {
    const dir = await makeFunction('cli-deploy');
    const first = await fgtk(['deploy', dir, '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    const created = JSON.parse(first.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(created).sort(), ['action', 'codeSha256', 'codeSize', 'functionUrn']);
    assert.equal(created.action, 'created');
    assert.equal(created.functionUrn, `urn:fss:cn-north-4:${FAKE_PROJECT}:function:default:cli-deploy:latest`);
    const stored = fake.functions.get(`${FAKE_PROJECT}/default/cli-deploy`)!;
    assert.equal(created.codeSize, stored.zip.length);
    assert.deepEqual([stored.config.runtime, stored.config.handler, stored.config.memory_size, stored.config.timeout, stored.config.user_data, stored.config.description],
      ['Node.js18.15', 'index.handler', 256, 10, '{"GREETING":"hello"}', 'made by a test']);

    await fs.writeFile(path.join(dir, 'index.js'), 'exports.handler = async () => "v2";\n');
    const second = await fgtk(['deploy', dir], env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^Updated urn:fss:cn-north-4:.*:cli-deploy:latest in cn-north-4: .*sha256 [0-9a-f]{64}\n$/);
    assert.match(second.stderr, /Deploying cli-deploy/);
  });

  it('deploy packages exactly as fgtk package (same entries)', async () => {
    const dir = await makeFunction('cli-same', { 'lib/util.js': 'module.exports = 1;\n', 'events/event.json': '{}' });
    const deployed = await fgtk(['deploy', dir, '--json'], env);
    assert.equal(deployed.code, 0, deployed.stderr);
    const out = path.join(os.tmpdir(), `fgtk-same-${process.pid}.zip`);
    const packaged = await fgtk(['package', dir, '-o', out, '--format', 'json'], env);
    assert.equal(packaged.code, 0, packaged.stderr);
    const AdmZip = (await import('adm-zip')).default;
    const names = (zip: Buffer) => new AdmZip(zip).getEntries().map((e) => e.entryName).sort();
    assert.deepEqual(names(fake.functions.get(`${FAKE_PROJECT}/default/cli-same`)!.zip), names(await fs.readFile(out)));
    assert.ok(!names(await fs.readFile(out)).some((n) => n.startsWith('events/')));
  });

  it('deploy refuses a package with lint errors (exit 1, nothing sent) unless --force', async () => {
    const dir = await makeFunction('cli-broken', {}, 'HcCrmTemplateVersion: v2\nResources:\n  cli-broken:\n    Type: HC::Serverless::Function\n    Properties:\n      Name: cli-broken\n      Handler: missing.handler\n      Runtime: Node.js18.15\n      CodeUri: ./\n');
    const before = fake.requests.length;
    const refused = await fgtk(['deploy', dir], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /lint error\(s\); not deployed.*--force/);
    assert.equal(fake.requests.length, before);
    const forced = await fgtk(['deploy', dir, '--force', '--json'], env);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal((JSON.parse(forced.stdout) as { action: string }).action, 'created');
  });

  it('deploy of a folder with no function is a setup error (exit 2)', async () => {
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-empty-'));
    const r = await fgtk(['deploy', empty], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /holds no function/);
  });

  it('remote list --json: an array with name, runtime, handler, memorySizeMB, timeoutSeconds, functionUrn; text: a table', async () => {
    fake.seed('listed', { runtime: 'Python3.9', handler: 'index.handler', memory_size: 128, timeout: 3 });
    const r = await fgtk(['remote', 'list', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    const item = list.find((f) => f.name === 'listed')!;
    assert.deepEqual({ name: item.name, runtime: item.runtime, handler: item.handler, memorySizeMB: item.memorySizeMB, timeoutSeconds: item.timeoutSeconds, functionUrn: item.functionUrn },
      { name: 'listed', runtime: 'Python3.9', handler: 'index.handler', memorySizeMB: 128, timeoutSeconds: 3, functionUrn: `urn:fss:cn-north-4:${FAKE_PROJECT}:function:default:listed:latest` });
    const text = await fgtk(['remote', 'list'], env);
    assert.match(text.stdout, /^NAME\s+RUNTIME\s+HANDLER\s+MEMORY\s+TIMEOUT\n/);
    assert.match(text.stdout, /listed\s+Python3\.9\s+index\.handler\s+128 MB\s+3 s/);
  });

  it('remote invoke: the local JSON fields, the REPORT line in text mode, exit 1 when the function fails', async () => {
    fake.seed('inv', { memory_size: 512 });
    const eventFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-ev-')), 'event.json');
    await fs.writeFile(eventFile, '{"key":"value"}');
    const r = await fgtk(['remote', 'invoke', 'inv', '--event', eventFile, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of ['requestId', 'status', 'output', 'durationMs', 'billedDurationMs', 'memorySizeMB', 'maxMemoryUsedMB', 'logs']) assert.ok(k in json, k);
    assert.equal(json.status, 'ok');
    assert.equal(json.output, '{"echo":{"key":"value"}}');
    assert.equal(json.memorySizeMB, 512);
    const text = await fgtk(['remote', 'invoke', 'inv', '--event', eventFile], env);
    assert.equal(text.stdout, '{"echo":{"key":"value"}}\n');
    assert.match(text.stderr, /^REPORT RequestId: [0-9a-f-]{36}\tStatus: ok\tDuration: 12\.35 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 41 MB$/m);
    await fs.writeFile(eventFile, '{"fgtkFakeError":"it broke"}');
    const failed = await fgtk(['remote', 'invoke', 'inv', '--event', eventFile], env);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /error: Error: it broke/);
    assert.match(failed.stderr, /Status: error/);
  });

  it('remote invoke: a missing function is exit 1 naming region and project; a bad event file exit 2', async () => {
    const r = await fgtk(['remote', 'invoke', 'nobody'], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`No function "nobody" in region cn-north-4, project ${FAKE_PROJECT}`));
    const bad = await fgtk(['remote', 'invoke', 'nobody', '--event', '/no/such/file.json'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /does not exist/);
    const usage = await fgtk(['remote', 'frobnicate'], env);
    assert.equal(usage.code, 2);
  });

  it('logs prints the LTS lines of the function; a malformed --since is a usage error', async () => {
    fake.seed('logged');
    await fgtk(['remote', 'invoke', 'logged'], env);
    const r = await fgtk(['logs', 'logged', '--since', '5m'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Start invoke request '[0-9a-f-]+', version: latest\n.*INFO event received: \{\}\n.*Finish invoke request/);
    const json = await fgtk(['logs', 'logged', '--json'], env);
    const first = JSON.parse(json.stdout.split('\n')[0]) as { time: string; requestId: string; text: string };
    assert.match(first.requestId, /^[0-9a-f-]{36}$/);
    const bad = await fgtk(['logs', 'logged', '--since', 'yesterday'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--since takes a duration/);
  });

  it('pull: code unpacked into a new folder with a template.yml, and it runs locally at once', async () => {
    fake.seed('pulled', { runtime: 'Node.js18.15', handler: 'main.handler', memory_size: 256, timeout: 5, user_data: '{"MODE":"cloud"}', description: 'in the cloud' },
      { 'main.js': 'exports.handler = async (event) => ({ mode: process.env.MODE, event });\n', 'lib/x.txt': 'data' });
    const parent = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-pull-'));
    const r = await fgtk(['pull', 'pulled'], env, parent);
    assert.equal(r.code, 0, r.stderr);
    const dir = path.join(parent, 'pulled');
    assert.equal(await fs.readFile(path.join(dir, 'lib', 'x.txt'), 'utf8'), 'data');
    const template = await fs.readFile(path.join(dir, 'template.yml'), 'utf8');
    assert.match(template, /Handler: main\.handler/);
    assert.match(template, /MODE: cloud/);
    const local = await fgtk(['invoke', dir, '--json'], env);
    assert.equal(local.code, 0, local.stderr);
    assert.deepEqual(JSON.parse((JSON.parse(local.stdout) as { output: string }).output), { mode: 'cloud', event: {} });
    const again = await fgtk(['pull', 'pulled'], env, parent);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists and is not empty/);
  });

  it('pull --package: the function of that package (not default\'s namesake) with Package in its template.yml, so deploy updates it; a miss names the package that has it', async () => {
    fake.seed('billing', {}, { 'index.js': 'exports.handler = async () => "default package";\n' });
    fake.seed('billing', { package: 'orders', memory_size: 512 }, { 'index.js': 'exports.handler = async () => "orders package";\n' });
    fake.seed('only-in-orders', { package: 'orders' });
    const parent = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-pull-'));
    fake.requests.length = 0;
    const r = await fgtk(['pull', 'billing', 'orders-billing', '--package', 'orders'], env, parent);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fake.requests.filter((q) => q.operation !== 'KeystoneListProjects').map((q) => `${q.operation} ${q.path.split('/')[5] ?? ''}`),
      [`ShowFunctionConfig urn:fss:cn-north-4:${FAKE_PROJECT}:function:orders:billing`, `ExportFunction urn:fss:cn-north-4:${FAKE_PROJECT}:function:orders:billing`]);
    const dir = path.join(parent, 'orders-billing');
    assert.match(await fs.readFile(path.join(dir, 'index.js'), 'utf8'), /orders package/);
    const template = await fs.readFile(path.join(dir, 'template.yml'), 'utf8');
    assert.match(template, /Package: orders/);
    assert.match(template, /MemorySize: 512/);
    await fs.writeFile(path.join(dir, 'index.js'), 'exports.handler = async () => "changed";\n');
    const deployed = await fgtk(['deploy', dir, '--json'], env);
    assert.equal(deployed.code, 0, deployed.stderr);
    assert.deepEqual(JSON.parse(deployed.stdout).functionUrn, `urn:fss:cn-north-4:${FAKE_PROJECT}:function:orders:billing:latest`);
    assert.equal(JSON.parse(deployed.stdout).action, 'updated');
    const indexOf = (pkg: string) => new AdmZip(fake.functions.get(`${FAKE_PROJECT}/${pkg}/billing`)!.zip).readAsText('index.js');
    assert.match(indexOf('orders'), /changed/);
    assert.match(indexOf('default'), /default package/);

    const miss = await fgtk(['pull', 'only-in-orders'], env, parent);
    assert.equal(miss.code, 1);
    assert.match(miss.stderr, /No function "only-in-orders" in package default of region cn-north-4.*There is one in package orders: fgtk pull only-in-orders --package orders/s);
    const bad = await fgtk(['pull', 'billing', '--package', '../x'], env, parent);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--package takes the name of a package/);
    const help = await fgtk(['pull', '--help'], env);
    assert.match(help.stdout, /--package PACKAGE/);
  });

  it('pull refuses a ZIP whose entries would land outside the folder (zip-slip), writing nothing', async () => {
    const fn = fake.seed('evil');
    fn.zip = rawZip([{ name: 'index.js', data: Buffer.from('x') }, { name: '../../escape.txt', data: Buffer.from('owned') }]);
    const parent = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-pull-'));
    const r = await fgtk(['pull', 'evil', 'out'], env, parent);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /unsafe/);
    assert.deepEqual(await fs.readdir(parent), []);
    assert.equal(existsSync(path.join(path.dirname(parent), 'escape.txt')), false);
  });

  it('no credentials: exit 2 saying where to put them; rejected credentials: exit 2; a server error: exit 1', async () => {
    const none = await fgtk(['remote', 'list'], { HOME: env.HOME });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /No Huawei Cloud credentials found/);
    fake.fail('ListFunctions', { status: 401 });
    const rejected = await fgtk(['remote', 'list'], env);
    assert.equal(rejected.code, 2);
    assert.match(rejected.stderr, /rejected the credentials/);
    fake.fail('ListFunctions', { status: 500, times: 3 });
    const down = await fgtk(['remote', 'list'], env);
    assert.equal(down.code, 1);
    assert.match(down.stderr, /internal error \(HTTP 500\)/);
  });
});
