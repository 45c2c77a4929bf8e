// Function templates: every runtime's every template scaffolds a function that loads, lints clean
// and its test events pass as tests (`fgtk test`'s engine, the invoke engine users run).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { expectationFileFor, isExpectationFile, loadFunction, listEvents, type FunctionSpec } from '../../../src/core/config';
import { prepareFunction } from '../../../src/core/invoke/prepare';
import { lintFunction } from '../../../src/core/lint';
import { listRuntimes, listTemplates, scaffold } from '../../../src/core/templates';
import { runFunctionTests, type FunctionTestReport } from '../../../src/core/testing';
import { logText, tempDir } from '../shims/harness';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const GO_STANDIN = path.join(ROOT, 'test', 'fixtures', 'go-runtime-standin');


/** HTTP functions share 127.0.0.1:8000 (HTTP-1) with other test files that may run at the same time. */
async function testsWaitingForPort8000(spec: FunctionSpec): Promise<FunctionTestReport> {
  for (let attempt = 0; ; attempt++) {
    const report = await runFunctionTests(spec);
    const busy = [report.setupError ?? '', ...report.cases.map((c) => c.result?.error?.errorMessage ?? '')].some((m) => /\b8000\b/.test(m));
    if (!busy || attempt >= 40) return report;
    await new Promise((r) => setTimeout(r, 250));
  }
}

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
    void test(`${runtime.label}: every template`, async (t) => {
      const folder = tempDir(t);
      // Three at a time: each template is its own function and instance (HTTP runtimes have one template each).
      await inPool(listTemplates(runtime.id), 3, async (template) => {
        const what = `${runtime.id}/${template.id}`;
        const name = `fn-${template.id}`;
        const result = await scaffold({ runtime: runtime.id, template: template.id, name, folder });
        assert.equal(result.dir, path.join(folder, name), what);
        if (runtime.id === 'go1.x') {
          // Huawei's library is the user's download: the note says how to get it. Here the test
          // stand-in takes its place in ./go-runtime, as the README tells users to unzip the SDK.
          assert.equal(result.notes.length, 1, what);
          assert.match(result.notes[0]!, /huaweicloud\.com\/go-runtime is missing[\s\S]*functiongraph-go-runtime-sdk[\s\S]*replace huaweicloud\.com\/go-runtime => \.\/go-runtime/);
          await fs.cp(GO_STANDIN, path.join(result.dir, 'go-runtime'), { recursive: true });
          const built = await prepareFunction((await loadFunction(result.dir))!, { debug: false, onLine: () => undefined });
          assert.deepEqual(built, { ok: true, note: built.ok ? built.note : undefined }, what);
          assert.match(built.ok ? built.note ?? '' : '', /^Built handler in/);
        } else {
          assert.deepEqual(result.notes, [], `${what}: ${result.notes.join('\n')}`);
        }
        for (const f of result.files) assert.ok(existsSync(f), `${what}: ${f} written`);
        assert.ok(result.files.includes(result.entryFile), `${what}: the entry file ${result.entryFile} is one of the files`);

        // The config loads as users' configs do, with the template's runtime and handler.
        const spec = await loadFunction(result.dir);
        assert.ok(spec, `${what}: template.yml loads`);
        assert.equal(spec.name, name);
        assert.deepEqual(spec.problems, [], what);
        const bootstrap = path.join(result.dir, 'bootstrap');
        if (spec.family === 'custom' || spec.family === 'http') {
          assert.equal(spec.handler, 'bootstrap');
          assert.equal(statSync(bootstrap).mode & 0o777, 0o755, `${what}: bootstrap is written with mode 0755 (PKG-2)`);
          const head = readFileSync(bootstrap).subarray(0, 4);
          if (head.toString('latin1') !== '\x7fELF') assert.ok(!readFileSync(bootstrap, 'utf8').includes('\r'), `${what}: bootstrap has LF line endings (PKG-3)`);
        } else if (spec.family === 'go') {
          assert.equal(spec.handler, 'handler');
        } else {
          assert.equal(spec.handler, 'index.handler');
        }

        // The launch configuration F5 uses points at this function and its first event.
        const events = await listEvents(spec);
        assert.ok(events.length > 0, `${what}: has test events`);
        assert.deepEqual(result.launchConfiguration, {
          type: 'functiongraph', request: 'launch', name: `Invoke ${name}`, function: result.dir, event: result.launchConfiguration.event,
        });
        assert.ok(events.includes(result.launchConfiguration.event), `${what}: the launch configuration's event is one of its events`);

        // Lints clean.
        const diagnostics = await lintFunction(result.dir);
        assert.deepEqual(diagnostics.map((d) => `${d.severity} ${d.rule}: ${d.message}`), [], `${what} lints clean`);

        // Its tests pass out of the box (issue 14): the first event ships an expectation, and every
        // event, run by the engine of `fgtk test`, returns a result that matches it.
        assert.ok(existsSync(expectationFileFor(result.launchConfiguration.event)), `${what}: ships ${path.basename(expectationFileFor(result.launchConfiguration.event))}`);
        assert.ok(!events.some(isExpectationFile), `${what}: the expectation is not listed as an event`);
        const report = await testsWaitingForPort8000(spec);
        assert.equal(report.setupError, undefined, `${what}: ${report.setupError}`);
        assert.deepEqual(report.cases.map((c) => c.name), events.map((e) => path.basename(e, '.json')), what);
        for (const c of report.cases) {
          const r = c.result!;
          assert.equal(c.outcome, 'passed', `${what} with ${c.name}: ${c.message}\n${r ? `${r.outputText}\n${logText(r)}` : ''}`);
          // Gateway-facing templates answer in the gateway's format.
          assert.deepEqual(r.warnings.filter((w) => /HTTP-4|gateway/i.test(w)), [], `${what}: ${r.warnings.join('\n')}`);
          const output = JSON.parse(r.outputText) as Record<string, unknown>;
          if (template.id === 'apig' || spec.family === 'http') {
            assert.equal(output.statusCode, 200, `${what}: ${r.outputText}`);
            assert.ok('headers' in output && 'body' in output && 'isBase64Encoded' in output, `${what}: APIG result shape`);
          }
        }
      });
    });
  }
});

/** Runs `work` over `items`, at most `size` at once; the first failure fails the whole. */
async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: size }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

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
