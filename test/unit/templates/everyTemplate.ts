// Shared by templates.test.ts and javaTemplates.test.ts (the Java templates compile JARs, so they
// run in a file of their own, within the per-file time limit): one runtime's every template
// scaffolds, loads, lints clean, and its shipped tests pass with each of its test events.
import assert from 'node:assert/strict';
import { existsSync, promises as fs, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { expectationFileFor, isExpectationFile, listEvents, loadFunction, type FunctionSpec } from '../../../src/core/config';
import { prepareFunction } from '../../../src/core/invoke/prepare';
import { lintFunction } from '../../../src/core/lint';
import { listTemplates, scaffold, type RuntimeChoice } from '../../../src/core/templates';
import { runFunctionTests, type FunctionTestReport } from '../../../src/core/testing';
import { logText, tempDir } from '../shims/harness';

const GO_STANDIN = path.resolve(__dirname, '..', '..', 'fixtures', 'go-runtime-standin');

/** HTTP functions share 127.0.0.1:8000 (HTTP-1) with other test files that may run at the same time. */
async function testsWaitingForPort8000(spec: FunctionSpec): Promise<FunctionTestReport> {
  for (let attempt = 0; ; attempt++) {
    const report = await runFunctionTests(spec);
    const busy = [report.setupError ?? '', ...report.cases.map((c) => c.result?.error?.errorMessage ?? '')].some((m) => /\b8000\b/.test(m));
    if (!busy || attempt >= 40) return report;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every template of `runtime`, three at a time: each is its own function and instance. */
export async function checkEveryTemplate(t: TestContext, runtime: RuntimeChoice): Promise<void> {
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
      } else if (spec.family === 'java') {
      assert.equal(spec.handler, 'com.example.fg.Handler.handleRequest');
      // A Maven project as Huawei documents it, and the JAR its offline build wrote where the platform loads it.
      assert.match(readFileSync(path.join(result.dir, 'pom.xml'), 'utf8'), /<artifactId>Runtime<\/artifactId>\s*<version>2\.0\.5<\/version>\s*<scope>provided<\/scope>/);
      assert.ok(result.files.includes(path.join(result.dir, 'function.jar')), `${what}: function.jar built`);
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
}

/** Runs `work` over `items`, at most `size` at once; the first failure fails the whole. */
async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: size }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}
