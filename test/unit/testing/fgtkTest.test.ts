// Issue 14: `fgtk test` runs every test event of every function as a test on one warm instance,
// compares with the expectations, prints a line per event and a summary, writes JUnit XML in the
// shape CI reads, and exits 0/1/2. Real functions, the real engine, the built CLI.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test, type TestContext } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { loadFunction } from '../../../src/core/config';
import { packageFunction } from '../../../src/core/package';
import { runFunctionTests, toJUnitXml } from '../../../src/core/testing';
import { tempDir } from '../shims/harness';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');

interface Run { code: number | null; stdout: string; stderr: string }

function fgtk(args: string[], cwd = REPO): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, timeout: 120_000, env: { ...process.env, NO_COLOR: '1', FGTK_LOCALE: 'en' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

/** A Node.js function that answers `{greeting, n, pid}` (pid: all events share one instance) and fails on `{"fail": true}`. */
async function writeFunction(root: string, name: string, events: Record<string, unknown>, expectations: Record<string, unknown> = {}): Promise<string> {
  const dir = path.join(root, name);
  await fs.mkdir(path.join(dir, 'events'), { recursive: true });
  await fs.writeFile(path.join(dir, 'template.yml'), [
    'Resources:', `  ${name}:`, '    Type: HC::Serverless::Function', '    Properties:',
    `      Name: ${name}`, '      Handler: index.handler', '      Runtime: Node.js20.15', '      MemorySize: 128', '      Timeout: 5', '',
  ].join('\n'));
  await fs.writeFile(path.join(dir, 'index.js'), [
    'exports.handler = async (event) => {',
    '  if (event.fail) throw new TypeError("asked to fail");',
    '  if (event.text) return event.text;',
    '  return { greeting: "hello " + (event.name || "world"), n: [1, 2, 3], pid: process.pid };',
    '};', '',
  ].join('\n'));
  for (const [n, body] of Object.entries(events)) await fs.writeFile(path.join(dir, 'events', `${n}.json`), JSON.stringify(body));
  for (const [n, body] of Object.entries(expectations)) await fs.writeFile(path.join(dir, 'events', `${n}.expected.json`), typeof body === 'string' ? body : JSON.stringify(body));
  return dir;
}

void describe('fgtk test', () => {
  before(() => assert.ok(existsSync(CLI), 'run npm run build first (test/run-all.mjs does)'));

  void test('all pass: one line per event, a summary, exit 0; the events share one warm instance and expectations are never sent', async (t) => {
    const root = tempDir(t);
    const dir = await writeFunction(root, 'greeter', { a: { name: 'ann' }, b: {}, c: { text: 'plain' } }, {
      a: { output: { greeting: 'hello ann', n: [1, 2, 3] } },
      b: { status: 'ok' },
      c: { output: 'plain' },
    });
    const r = await fgtk(['test', root, '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const doc = JSON.parse(r.stdout) as { summary: { passed: number; failed: number }; functions: { name: string; cases: { name: string; outcome: string; output?: string }[] }[] };
    assert.deepEqual(doc.summary.passed, 3);
    assert.deepEqual(doc.functions.map((f) => f.name), ['greeter']);
    // Three cases, named after the events: the three .expected.json files were not run as events.
    assert.deepEqual(doc.functions[0].cases.map((c) => [c.name, c.outcome]), [['a', 'passed'], ['b', 'passed'], ['c', 'passed']]);
    const pids = new Set(doc.functions[0].cases.slice(0, 2).map((c) => (JSON.parse(c.output!) as { pid: number }).pid));
    assert.equal(pids.size, 1, 'one warm instance for all of a function\'s events');

    const text = await fgtk(['test'], dir);
    assert.equal(text.code, 0, text.stdout + text.stderr);
    assert.match(text.stdout, /^PASS {2}greeter\/a \(\d+ ms\)$/m);
    assert.match(text.stdout, /^PASS {2}greeter\/c \(\d+ ms\)$/m);
    assert.match(text.stdout, /^3 passed, 0 failed, 0 errors, 0 skipped; 1 functions \(0 could not start\) in [\d.]+ s$/m);
  });

  void test('a wrong expectation fails with expected and actual, exit 1; the JUnit report has the shape CI consumers read', async (t) => {
    const root = tempDir(t);
    await writeFunction(root, 'one', { ok: {}, wrong: { name: 'bob' }, boom: { fail: true } }, { wrong: { output: { greeting: 'hello alice' } } });
    await writeFunction(root, 'two', { fine: {}, broken: {} }, { broken: '{"status": "fine"}' });
    const junitFile = path.join(root, 'report.xml');
    const r = await fgtk(['test', path.join(root, 'one'), path.join(root, 'two'), '--junit', junitFile]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^FAIL {2}one\/wrong: output\.greeting: expected "hello alice", got "hello bob"/m);
    assert.match(r.stdout, /^ {8}expected: \{"greeting":"hello alice"\}$/m);
    assert.match(r.stdout, /^ {8}actual: {3}\{"greeting":"hello bob","n":\[1,2,3\],"pid":\d+\}$/m);
    assert.match(r.stdout, /^FAIL {2}one\/boom: status: expected ok, got error\nTypeError: asked to fail/m);
    assert.match(r.stdout, /^ERROR {2}two\/broken: broken\.expected\.json is not an expectation/m);
    assert.match(r.stdout, /^2 passed, 2 failed, 1 errors, 0 skipped; 2 functions/m);

    const xml = readFileSync(junitFile, 'utf8');
    assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml) as {
      testsuites: { name: string; tests: string; failures: string; errors: string; testsuite: { name: string; tests: string; failures: string; errors: string; skipped: string; timestamp: string; time: string; testcase: { name: string; classname: string; time: string; failure?: { message: string; type: string; '#text': string }; error?: { message: string } }[] }[] };
    };
    const root0 = parsed.testsuites;
    assert.deepEqual([root0.tests, root0.failures, root0.errors], ['5', '2', '1']);
    assert.deepEqual(root0.testsuite.map((s) => [s.name, s.tests, s.failures, s.errors, s.skipped]), [['one', '3', '2', '0', '0'], ['two', '2', '0', '1', '0']]);
    for (const s of root0.testsuite) {
      assert.match(s.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/, 'ISO 8601 timestamp without zone, as the XSD wants');
      assert.match(s.time, /^\d+(\.\d+)?$/);
      for (const c of s.testcase) {
        assert.equal(c.classname, s.name, 'classname is the function');
        assert.match(c.time, /^\d+(\.\d+)?$/);
      }
    }
    const one = root0.testsuite[0].testcase;
    assert.deepEqual(one.map((c) => c.name), ['boom', 'ok', 'wrong'], 'a testcase per event, named after the event file');
    const wrong = one.find((c) => c.name === 'wrong')!;
    assert.equal(wrong.failure?.type, 'ExpectationMismatch');
    assert.match(wrong.failure!.message, /output\.greeting: expected "hello alice", got "hello bob"\nExpected: \{"greeting":"hello alice"\}\nActual: \{"greeting":"hello bob",/);
    assert.equal(one.find((c) => c.name === 'ok')!.failure, undefined);
    assert.match(root0.testsuite[1].testcase.find((c) => c.name === 'broken')!.error!.message, /broken\.expected\.json is not an expectation/);
  });

  void test('usage and setup errors exit 2: no function, a missing folder, a function that cannot start', async (t) => {
    const root = tempDir(t);
    const none = await fgtk(['test', root]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^fgtk test: No function found in /);
    const missing = await fgtk(['test', path.join(root, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /is not a folder/);
    const bad = await fgtk(['test', '--bogus']);
    assert.equal(bad.code, 2);
    const fn = await writeFunction(root, 'empty-handler', { a: {} });
    await fs.writeFile(path.join(fn, 'template.yml'), readFileSync(path.join(fn, 'template.yml'), 'utf8').replace('index.handler', '""'));
    const setup = await fgtk(['test', fn, '--junit', path.join(root, 'j.xml')]);
    assert.equal(setup.code, 2, setup.stdout + setup.stderr);
    assert.match(setup.stdout, /^ERROR empty-handler: Handler is empty/m);
    assert.match(readFileSync(path.join(root, 'j.xml'), 'utf8'), /<testcase classname="empty-handler" name="\(setup\)"[^>]*>\s*<error message="Handler is empty/);
  });

  void test('a cancelled run stops the instance and skips the events left', async (t) => {
    const root = tempDir(t);
    const dir = await writeFunction(root, 'slow', { a: {}, b: {}, c: {} });
    await fs.writeFile(path.join(dir, 'index.js'), 'exports.handler = async () => { await new Promise((r) => setTimeout(r, 300)); return "done"; };\n');
    const spec = (await loadFunction(dir))!;
    const abort = new AbortController();
    const report = await runFunctionTests(spec, { signal: abort.signal, onCaseStart: (f) => { if (f.endsWith('b.json')) setTimeout(() => abort.abort(), 50); } });
    assert.deepEqual(report.cases.map((c) => [c.name, c.outcome]), [['a', 'passed'], ['b', 'skipped'], ['c', 'skipped']]);
    assert.match(toJUnitXml([report]), /<testsuite name="slow"[^>]* tests="3" failures="0" errors="0" skipped="2"/);
  });

  void test('fgtk package leaves expectations out, like the events', async (t: TestContext) => {
    const root = tempDir(t);
    const dir = await writeFunction(root, 'pkg', { a: {} }, { a: { status: 'ok' } });
    const result = await packageFunction(dir, path.join(root, 'pkg.zip'));
    const names = result.entries.map((e) => e.name);
    assert.ok(names.includes('index.js'), names.join(', '));
    assert.deepEqual(names.filter((n) => n.startsWith('events')), []);
  });
});
