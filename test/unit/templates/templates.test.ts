// Function templates: every runtime's every template scaffolds a function that loads, lints clean
// and its test events pass as tests (`fgtk test`'s engine, the invoke engine users run).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { loadFunction } from '../../../src/core/config';
import { listRuntimes, listTemplates, scaffold } from '../../../src/core/templates';
import { tempDir } from '../shims/harness';
import { checkEveryTemplate } from './everyTemplate';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

void describe('template catalogue', () => {
  void test('runtimes come in the order of Huawei\'s plugin: Node.js newest first, Python 3, PHP, custom runtime, HTTP function', () => {
    const ids = listRuntimes().map((r) => r.id);
    assert.deepEqual(ids, [
      'nodejs20.15', 'nodejs18.15', 'nodejs16.17', 'nodejs14.18', 'nodejs12.13',
      'python3.12', 'python3.10', 'python3.9',
      'java17', 'java11', 'java8',
      'php8.3', 'php7.3',
      'go1.x',
      'custom-shell', 'custom-nodejs', 'custom-python', 'custom-go',
      'http-nodejs', 'http-python',
    ]);
    for (const r of listRuntimes()) {
      assert.ok(r.label && r.description, r.id);
      assert.ok(listTemplates(r.id).length > 0, `${r.id} has templates`);
    }
  });

  void test('Node.js, Python, PHP and Java runtimes offer a template for every trigger (blank, APIG, timer, OBS, SMN, Kafka, ...)', () => {
    for (const runtime of ['nodejs18.15', 'python3.9', 'php8.3', 'php7.3', 'java8', 'java11', 'java17']) {
      assert.deepEqual(listTemplates(runtime).map((t) => t.id), ['blank', 'apig', 'timer', 'obs', 'smn', 'kafka', 'rocketmq', 'rabbitmq', 'lts', 'cts', 'dds', 'dis']);
    }
    assert.deepEqual(listTemplates('custom-shell').map((t) => t.id), ['blank', 'apig']);
    assert.throws(() => listTemplates('java21'), /Unknown runtime "java21"\. Choose one of: nodejs20\.15/);
  });
});

void describe('every template scaffolds, lints clean and invokes', () => {
  // The Java runtimes' templates compile JARs: javaTemplates.test.ts.
  for (const runtime of listRuntimes().filter((r) => !r.id.startsWith('java'))) {
    void test(`${runtime.label}: every template`, (t) => checkEveryTemplate(t, runtime));
  }
});

void describe('scaffold refuses what it should', () => {
  void test('a non-empty folder is never overwritten and nothing in it is lost', async (t) => {
    const folder = tempDir(t);
    await fs.mkdir(path.join(folder, 'taken'));
    await fs.writeFile(path.join(folder, 'taken', 'index.js'), 'my code\n');
    await assert.rejects(scaffold({ runtime: 'nodejs18.15', template: 'blank', name: 'taken', folder }), /already exists and is not empty; nothing was written/);
    assert.deepEqual(await fs.readdir(path.join(folder, 'taken')), ['index.js']);
    assert.equal(readFileSync(path.join(folder, 'taken', 'index.js'), 'utf8'), 'my code\n');
    // An empty existing folder is fine.
    await fs.mkdir(path.join(folder, 'empty'));
    const ok = await scaffold({ runtime: 'python3.9', template: 'timer', name: 'empty', folder });
    assert.ok(existsSync(path.join(ok.dir, 'index.py')));
  });

  void test('bad names, runtimes and templates get errors that say what is allowed', async (t) => {
    const folder = tempDir(t);
    await assert.rejects(scaffold({ runtime: 'nodejs18.15', template: 'blank', name: '1st', folder }), /"1st" is not a valid function name: start with a letter/);
    await assert.rejects(scaffold({ runtime: 'nodejs18.15', template: 'blank', name: 'a/b', folder }), /not a valid function name/);
    await assert.rejects(scaffold({ runtime: 'ruby', template: 'blank', name: 'x', folder }), /Unknown runtime "ruby"\. Choose one of: .*http-python/);
    await assert.rejects(scaffold({ runtime: 'custom-go', template: 'timer', name: 'x', folder }), /Unknown template "timer" for Custom runtime: Go bootstrap\. Choose one of: blank/);
    assert.deepEqual(await fs.readdir(folder), [], 'nothing was written');
  });

  void test('runtimes are also accepted by platform name and family (Node.js18.15, python, custom, http)', async (t) => {
    const folder = tempDir(t);
    const byName = await scaffold({ runtime: 'Node.js18.15', template: 'blank', name: 'a', folder });
    assert.equal((await loadFunction(byName.dir))?.runtime, 'Node.js18.15');
    const byFamily = await scaffold({ runtime: 'python', template: 'blank', name: 'b', folder });
    assert.equal((await loadFunction(byFamily.dir))?.runtime, 'Python3.12');
    const custom = await scaffold({ runtime: 'custom', template: 'blank', name: 'c', folder });
    assert.ok(existsSync(path.join(custom.dir, 'bootstrap')));
  });
});

void describe('fgtk new', () => {
  const fgtk = (args: string[]) => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
    return spawnSync(process.execPath, [CLI, 'new', ...args], { encoding: 'utf8', timeout: 60_000 });
  };

  void test('fgtk new creates the function and prints where; --json gives the launch configuration', (t) => {
    const folder = tempDir(t);
    const r = fgtk(['--runtime', 'python3.10', '--template', 'apig', '--name', 'api', '--folder', folder]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Created ${path.join(folder, 'api').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.ok(existsSync(path.join(folder, 'api', 'events', 'apig.json')));
    const json = fgtk(['-r', 'nodejs20.15', '-t', 'timer', '-n', 'tick', '-f', folder, '--json']);
    assert.equal(json.status, 0, json.stderr);
    const out = JSON.parse(json.stdout) as { dir: string; launchConfiguration: { type: string; event: string } };
    assert.equal(out.dir, path.join(folder, 'tick'));
    assert.equal(out.launchConfiguration.type, 'functiongraph');
    assert.equal(out.launchConfiguration.event, path.join(folder, 'tick', 'events', 'timer.json'));
  });

  void test('fgtk new --list shows runtimes and templates; usage errors exit 2', (t) => {
    const list = fgtk(['--list']);
    assert.equal(list.status, 0, list.stderr);
    for (const r of listRuntimes()) assert.match(list.stdout, new RegExp(`^${r.id.replace('.', '\\.')}\\s`, 'm'));
    const missing = fgtk(['--runtime', 'nodejs18.15']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /missing --template, --name/);
    const folder = tempDir(t);
    const badTemplate = fgtk(['-r', 'http-python', '-t', 'blank', '-n', 'x', '-f', folder]);
    assert.equal(badTemplate.status, 2);
    assert.match(badTemplate.stderr, /Unknown template "blank" for HTTP function: Python\. Choose one of: web/);
  });
});
