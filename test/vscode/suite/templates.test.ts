// Every function template, through VS Code (issue 6): for each runtime × template pair the
// extension's catalogue offers, `functiongraph.createFunction` writes the function into a scratch
// folder of the workspace and the linter finds nothing in it; then `vscode.debug.startDebugging`
// (F5) runs functions with their first test event: the Debug Console (the functiongraph adapter's
// `output` events) shows the result, no error, and the REPORT line, and the session ends before the
// next one starts (the HTTP templates all serve on port 8000). The same functions' sample events then
// pass as tests in the Test Explorer against the expected results the templates ship (issue 14).
//
// F5 on all pairs does not fit the time budget (~2 s a session with js-debug/debugpy attaching: 105
// sessions took 225 s). The Node.js and Python versions share their templates' code (only Runtime
// in template.yml differs, which a test below checks), so F5 runs every template of the newest
// Node.js and Python, of each custom runtime and each HTTP function, and the blank template of
// every other Node.js/Python version (each runtime id through F5 at least once).
//
// The list of pairs is the catalogue the extension is built from (src/core/templates/catalogue.json,
// bundled into dist/extension.js); the first test checks the running extension accepts exactly
// those runtimes, so the list cannot drift from what the user is offered.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  activateExtension, captureDebugOutput, codeOf, describeDiagnosticsUnder, diagnosticsUnder, EXTENSION_ID, inWorkspace, stepOf, waitFor, watchSessions,
  workspaceFolder,
} from './helpers';

// ------------------------------------------------------------------ the catalogue
interface Catalogue {
  runtimes: { id: string; kind: string; runtime: string }[];
  templates: Record<string, { id: string; handler: string }[]>;
}
interface Pair { runtime: string; kind: string; template: string; name: string }

function readCatalogue(): Catalogue {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in the extension development host`);
  return JSON.parse(readFileSync(path.join(ext.extensionPath, 'src', 'core', 'templates', 'catalogue.json'), 'utf8')) as Catalogue;
}

const catalogue = readCatalogue();
const PAIRS: Pair[] = catalogue.runtimes.flatMap((r) => (catalogue.templates[r.kind] ?? []).map((tpl) => ({
  runtime: r.id, kind: r.kind, template: tpl.id,
  // Function names allow letters, digits, `_` and `-` only.
  name: `${r.id}-${tpl.id}`.replace(/[^A-Za-z0-9_-]/g, '_'),
})));
/** Pairs F5 runs (see the header): all templates of the first runtime of each family, the first template of the others. */
const FAMILY = (kind: string) => kind.split('-')[0];
const firstOfFamily = new Set(['nodejs', 'python', 'php'].map((f) => catalogue.runtimes.find((r) => r.kind === f)?.id));
const F5_PAIRS = PAIRS.filter((p) => !['nodejs', 'python', 'php'].includes(p.kind) || firstOfFamily.has(p.runtime)
  || p.template === catalogue.templates[p.kind][0].id);
const runtimeLabel = (kind: string) => catalogue.runtimes.filter((r) => FAMILY(r.kind) === FAMILY(kind)).map((r) => r.id).join(', ');
const F5_COVERAGE = `F5 on every template of ${[...firstOfFamily].join(' and ')} and of ${runtimeLabel('custom')}, ${runtimeLabel('http')}; `
  + `F5 on ${catalogue.templates.nodejs?.[0]?.id ?? 'blank'} of ${catalogue.runtimes.filter((r) => ['nodejs', 'python', 'php'].includes(r.kind) && !firstOfFamily.has(r.id)).map((r) => r.id).join(', ')}`;
const SCRATCH = 'templates-scratch';
const HTTP_PORT = 8000;

// What the functiongraph session sends after each invocation (RESULT_EVENT in src/shared/dapProtocol.ts).
const RESULT_EVENT = 'functiongraph.result';
interface ResultBody { status: string; outputText: string; requestId: string; error?: { errorType: string; errorMessage: string } }

const created = new Map<string, string>(); // pair name → function folder
const timings: { name: string; reportMs: number; endMs: number }[] = [];

// ------------------------------------------------------------------ launch.json
// createFunction adds a launch configuration per new function: take ours out of launch.json again.
async function removeOurLaunchConfigurations(): Promise<void> {
  const launch = vscode.workspace.getConfiguration('launch', workspaceFolder().uri);
  const now = launch.get<vscode.DebugConfiguration[]>('configurations') ?? [];
  const scratch = inWorkspace(SCRATCH);
  const kept = now.filter((c) => !String(c.function ?? '').replace('${workspaceFolder}', workspaceFolder().uri.fsPath).startsWith(scratch));
  if (kept.length !== now.length) await launch.update('configurations', kept, vscode.ConfigurationTarget.WorkspaceFolder);
}

// ------------------------------------------------------------------ helpers
const portFree = (port: number) => new Promise<boolean>((resolve) => {
  const server = net.createServer();
  server.once('error', () => resolve(false));
  server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
});

const firstEvent = (dir: string) => {
  const events = path.join(dir, 'events');
  // events/<name>.expected.json beside an event is its expected result, never an event (issue 14).
  const names = existsSync(events) ? readdirSync(events).filter((n) => n.endsWith('.json') && !n.endsWith('.expected.json')).sort() : [];
  assert.ok(names.length > 0, `${path.basename(dir)} has a test event in events/`);
  return path.join(events, names[0]);
};

/**
 * F5 on a created function with its first test event: waits for the REPORT line and the result,
 * checks the result is not an error, and waits until every session it started has ended.
 */
async function pressF5(pair: Pair): Promise<void> {
  const dir = created.get(pair.name);
  assert.ok(dir, `the function ${pair.name} was created by the first tests`);
  const event = firstEvent(dir);
  const sessions = watchSessions();
  const output = captureDebugOutput();
  const results: ResultBody[] = [];
  const resultEvents = vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
    if (e.session.type === 'functiongraph' && e.event === RESULT_EVENT) results.push(e.body as ResultBody);
  });
  const describe = () => `sessions: ${sessions.started.map((s) => s.type).join(', ') || 'none'}; Debug Console:\n${output.text()}`;
  const t0 = Date.now();
  try {
    await stepOf('startDebugging with a functiongraph launch configuration', async () => {
      const ok = await vscode.debug.startDebugging(workspaceFolder(), {
        // keepAlive false: the session ends by itself after the event, as it must before the next one.
        // noDebug (Ctrl+F5): this run checks that every template invokes through our adapter; attaching
        // debuggers is breakpoints.test.ts's job. Under js-debug, Node 20's V8 aborted once in 39
        // attaches here (a CHECK in its ScopeIterator), which would make this run flaky for no fault of ours.
        type: 'functiongraph', request: 'launch', name: `F5 ${pair.name}`, function: dir, event, keepAlive: false, noDebug: true,
      });
      assert.equal(ok, true, `startDebugging resolves true (${describe()})`);
    });

    const report = await stepOf('the Debug Console shows a REPORT RequestId: line', () =>
      waitFor('a "REPORT RequestId:" output event', () => output.text().split('\n').find((l) => l.startsWith('REPORT RequestId:')), 20_000, describe));
    const reportMs = Date.now() - t0;

    await stepOf('the result is shown before REPORT and is not an error', async () => {
      const result = await waitFor('the functiongraph.result event', () => results[0], 5_000, describe);
      assert.equal(result.status, 'ok', `the invocation succeeded: ${JSON.stringify(result.error ?? result.status)} (${describe()})`);
      assert.ok(report.includes(result.requestId), `the REPORT line is this invocation's (${result.requestId}): ${report}`);
      // The adapter prints the result, then `ERROR (<status>) ...` for a failed invocation (src/core/invoke/resultFormat.ts).
      const errors = output.events.filter((e) => e.output.startsWith('ERROR ('));
      assert.deepEqual(errors.map((e) => e.output.trim()), [], 'no ERROR line in the Debug Console');
      // The rule journeys.test.ts uses: the returned body appears before the REPORT line (whitespace aside).
      const shown = output.text();
      const squeeze = (text: string) => text.replace(/\s+/g, '');
      assert.ok(result.outputText.length > 0, 'the function returns something');
      assert.ok(squeeze(shown.slice(0, shown.indexOf('REPORT RequestId:'))).includes(squeeze(result.outputText)),
        `the Debug Console shows the result ${result.outputText} before the REPORT line; it showed:\n${shown}`);
    });

    await stepOf('the session ends by itself after the event (keepAlive: false)', () =>
      waitFor('every session of this F5 to end', () => sessions.started.length > 0 && sessions.live().length === 0, 10_000, describe));

    if (pair.kind.startsWith('http')) {
      await stepOf(`port ${HTTP_PORT} is free again for the next HTTP function`, () =>
        waitFor(`127.0.0.1:${HTTP_PORT} to be free`, () => portFree(HTTP_PORT), 5_000));
    }
    timings.push({ name: pair.name, reportMs, endMs: Date.now() - t0 });
  } finally {
    resultEvents.dispose();
    output.dispose();
    await sessions.stopAll().finally(() => sessions.dispose());
  }
}

// ------------------------------------------------------------------ tests
suite(`Every template through VS Code: all ${PAIRS.length} runtime × template pairs created and linted; ${F5_COVERAGE} (${F5_PAIRS.length} sessions)`, () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    // The runner points XDG_CACHE_HOME at a scratch folder, which would give Go an empty build cache
    // (the Go templates build at creation and at F5); a developer's VS Code uses their own.
    process.env.GOCACHE ??= path.join(os.homedir(), '.cache', 'go-build');
    await activateExtension();
    rmSync(inWorkspace(SCRATCH), { recursive: true, force: true });
    mkdirSync(inWorkspace(SCRATCH), { recursive: true });
  });

  suiteTeardown(async function () {
    this.timeout(30_000);
    if (vscode.debug.activeDebugSession) await vscode.debug.stopDebugging();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeOurLaunchConfigurations().catch((err: Error) => console.log(`    (could not restore launch.json: ${err.message})`));
    rmSync(inWorkspace(SCRATCH), { recursive: true, force: true });
    if (timings.length) {
      const sum = (pick: (t: typeof timings[number]) => number) => (timings.reduce((s, t) => s + pick(t), 0) / 1000).toFixed(1);
      const slowest = [...timings].sort((a, b) => b.endMs - a.endMs).slice(0, 3).map((t) => `${t.name} ${t.endMs} ms`).join(', ');
      console.log(`    (F5: ${timings.length} sessions in ${sum((t) => t.endMs)} s, ${sum((t) => t.reportMs)} s of it until the REPORT line; slowest ${slowest})`);
    }
  });

  test('the running extension offers exactly the catalogue\'s runtimes', async () => {
    // An unknown runtime makes createFunction list the ones it knows (its own, bundled listRuntimes()).
    const message = await stepOf('createFunction with an unknown runtime', async () => {
      try {
        await vscode.commands.executeCommand('functiongraph.createFunction', { runtime: 'no-such-runtime', template: 'blank', name: 'x', folder: inWorkspace(SCRATCH) });
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
      assert.fail('createFunction accepted an unknown runtime');
    });
    await stepOf('the error lists the catalogue\'s runtimes, in its order, and no other', () => {
      // "Unknown runtime "no-such-runtime". Known runtimes: nodejs20.15, ..., http-python."
      const known = /:\s*([^:]+?)\.?$/.exec(message)?.[1].split(/,\s*/);
      assert.deepEqual(known, catalogue.runtimes.map((r) => r.id), `the command knows the catalogue's runtimes: ${message}`);
      assert.ok(catalogue.runtimes.every((r) => catalogue.templates[r.kind]?.length), 'every runtime has at least one template');
    });
  });

  for (const runtime of catalogue.runtimes) {
    const pairs = PAIRS.filter((p) => p.runtime === runtime.id);
    test(`createFunction writes each of ${runtime.id}'s ${pairs.length} template(s): ${pairs.map((p) => p.template).join(', ')}`, async function () {
      // The Go template runs `go build`, with a cold build cache in this run; each Java template runs javac + jar.
      this.timeout(runtime.kind === 'java' ? 300_000 : 60_000);
      for (const pair of pairs) {
        const dir = await stepOf(`createFunction ${pair.runtime}/${pair.template}`, async () => {
          const result = await vscode.commands.executeCommand<unknown>('functiongraph.createFunction', {
            runtime: pair.runtime, template: pair.template, name: pair.name, folder: inWorkspace(SCRATCH),
          });
          assert.equal(typeof result, 'string', `the command resolves with the new folder (got ${JSON.stringify(result)})`);
          return result as string;
        });
        await stepOf(`${pair.name}: the folder holds template.yml naming ${runtime.runtime}, and a test event`, () => {
          assert.equal(path.resolve(dir), inWorkspace(SCRATCH, pair.name));
          const config = readFileSync(path.join(dir, 'template.yml'), 'utf8');
          assert.match(config, new RegExp(`Runtime:\\s*['"]?${runtime.runtime.replace(/[.]/g, '\\.')}\\b`), `template.yml names Runtime ${runtime.runtime}`);
          firstEvent(dir);
          if (runtime.kind === 'custom-go') assert.ok(existsSync(path.join(dir, 'bootstrap')), 'the Go template built its bootstrap (go build)');
        });
        if (runtime.kind === 'go') {
          // Go 1.x: Huawei's library is the user's download (the template's README); the test stand-in
          // takes its place in ./go-runtime, where the README says to unzip the SDK. F5 then builds.
          const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
          cpSync(path.join(ext.extensionPath, 'test', 'fixtures', 'go-runtime-standin'), path.join(dir, 'go-runtime'), { recursive: true });
          // Built as the README says (F5 would too), so that the linter finds the handler's executable.
          execFileSync('go', ['build', '-o', 'handler', '.'], { cwd: dir, env: { ...process.env, GOOS: 'linux', GOARCH: 'amd64', CGO_ENABLED: '0' }, stdio: 'ignore' });
        }
        created.set(pair.name, dir);
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors'); // createFunction opens each entry file
    });
  }

  test('the linter reports nothing on any created function (functiongraph.lint and the Problems diagnostics)', async function () {
    this.timeout(60_000);
    assert.equal(created.size, PAIRS.length, `every pair was created (${created.size} of ${PAIRS.length})`);
    for (const [name, dir] of created) {
      await stepOf(`functiongraph.lint ${name}`, async () => {
        const found = await vscode.commands.executeCommand<{ rule: string; message: string }[]>('functiongraph.lint', dir);
        assert.deepEqual((found ?? []).map((d) => `${d.rule}: ${d.message}`), [], `${name}: no lint findings`);
      });
    }
    // The server also lints every function by itself as files change. A function created last and
    // then broken (bootstrap saved with CRLF, PKG-3) is a marker: once its diagnostic is published,
    // the server has caught up with the scratch folder (journeys.test.ts waits for broken-bootstrap alike).
    const marker = await stepOf('a function created last, its bootstrap then saved with CRLF, gets a bootstrap-crlf diagnostic', async () => {
      const shell = catalogue.runtimes.find((r) => r.kind === 'custom-shell');
      assert.ok(shell, 'the catalogue has a shell custom runtime');
      const dir = await vscode.commands.executeCommand<string>('functiongraph.createFunction', {
        runtime: shell.id, template: catalogue.templates[shell.kind][0].id, name: 'zz-lint-marker', folder: inWorkspace(SCRATCH),
      });
      const bootstrap = path.join(dir, 'bootstrap');
      writeFileSync(bootstrap, readFileSync(bootstrap, 'utf8').replace(/\n/g, '\r\n'));
      await waitFor('a bootstrap-crlf diagnostic on the marker', () =>
        diagnosticsUnder(dir).find(({ diagnostic }) => codeOf(diagnostic) === 'bootstrap-crlf'), 20_000, () => describeDiagnosticsUnder(dir));
      return dir;
    });
    await stepOf('no functiongraph diagnostic under any created function', () => {
      const found = diagnosticsUnder(inWorkspace(SCRATCH)).filter(({ file, diagnostic }) => diagnostic.source === 'functiongraph' && !file.startsWith(marker + path.sep));
      assert.deepEqual(found.map(({ file, diagnostic }) => `${path.relative(inWorkspace(SCRATCH), file)}: ${codeOf(diagnostic)} ${diagnostic.message}`), [],
        describeDiagnosticsUnder(inWorkspace(SCRATCH)));
    });
    rmSync(marker, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const family of ['nodejs', 'python', 'php']) {
    const [first, ...others] = catalogue.runtimes.filter((r) => r.kind === family);
    if (!first || !others.length) continue;
    test(`${others.map((r) => r.id).join(', ')} functions are ${first.id}'s code: only Name, Runtime and Description in template.yml differ`, () => {
      const filesOf = (dir: string, rel = ''): string[] => readdirSync(path.join(dir, rel), { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? filesOf(dir, path.join(rel, e.name)) : [path.join(rel, e.name)])).sort();
      // Lines that name the runtime, and the function's own name; everything else must be byte for byte the same.
      const comparable = (dir: string, file: string) => {
        const text = readFileSync(path.join(dir, file), 'utf8');
        return file === 'template.yml'
          ? text.replaceAll(path.basename(dir), '<name>').split('\n').filter((l) => !/^\s*(Runtime|Description):/.test(l)).join('\n')
          : text;
      };
      for (const runtime of others) {
        for (const tpl of catalogue.templates[family]) {
          const name = (r: string) => PAIRS.find((p) => p.runtime === r && p.template === tpl.id)?.name ?? '';
          const [a, b] = [created.get(name(first.id)), created.get(name(runtime.id))];
          assert.ok(a && b, `${first.id}/${tpl.id} and ${runtime.id}/${tpl.id} were created`);
          assert.deepEqual(filesOf(b), filesOf(a), `${runtime.id}/${tpl.id} has the same files as ${first.id}/${tpl.id}`);
          for (const file of filesOf(a)) {
            assert.equal(comparable(b, file), comparable(a, file),
              `${runtime.id}/${tpl.id}/${file} is ${first.id}'s`);
          }
          assert.match(readFileSync(path.join(b, 'template.yml'), 'utf8'), new RegExp(`Runtime:\\s*['"]?${runtime.runtime.replace(/[.]/g, '\\.')}\\b`));
        }
      }
    });
  }

  for (const pair of F5_PAIRS) {
    test(`F5 ${pair.runtime}/${pair.template}: the Debug Console shows the result and REPORT, no error; the session ends`, async function () {
      if (pair.kind === 'go') this.timeout(120_000); // F5 builds the Go handler first
      await pressF5(pair);
    });
  }

  // Issue 14: a template ships the expected result of its sample event, so the new function's test
  // passes out of the box, run from the Test Explorer (VS Code's "Run Tests in Current File"). The
  // unit tier runs every template's tests; here one template of each runtime kind, and APIG (two
  // events, one expectation), keep this run inside its time budget.
  const TEST_PAIRS = F5_PAIRS.filter((p) => p.template === catalogue.templates[p.kind][0].id && (!['nodejs', 'python'].includes(p.kind) || firstOfFamily.has(p.runtime))
    || (p.template === 'apig' && firstOfFamily.has(p.runtime)));
  for (const pair of TEST_PAIRS) {
    test(`Test Explorer ${pair.runtime}/${pair.template}: the sample event's test passes against the shipped expected result`, async () => {
      const dir = created.get(pair.name);
      assert.ok(dir, `the function ${pair.name} was created by the first tests`);
      const expected = readdirSync(path.join(dir, 'events')).filter((n) => n.endsWith('.expected.json'));
      assert.equal(expected.length, 1, `${pair.name} ships one expected result (found ${expected.join(', ') || 'none'})`);
      const event = path.join(dir, 'events', expected[0].replace(/\.expected\.json$/, '.json'));
      assert.ok(existsSync(event), `${expected[0]} sits beside its event`);
      await stepOf('wait for port 8000 (HTTP templates share it)', () => waitFor('port 8000 free', () => portFree(HTTP_PORT), 15_000));
      await stepOf('Run Tests in Current File on the event', async () => {
        await vscode.window.showTextDocument(vscode.Uri.file(event));
        await waitFor(`${pair.name} in the test items`, async () => (await vscode.commands.executeCommand<{ children: { id: string }[] }[]>('functiongraph.testing.items'))
          .some((fn) => fn.children.some((c) => c.id === event)), 15_000);
        await vscode.commands.executeCommand('testing.runCurrentFile');
      });
      const outcome = await stepOf('the test passed', () => waitFor(`the result of ${pair.name}`, async () => (await vscode.commands.executeCommand<{ id: string; state: string; message?: string }[]>('functiongraph.testing.lastRun')).find((o) => o.id === event), 30_000));
      assert.equal(outcome.state, 'passed', `${pair.name}: ${outcome.message ?? ''}`);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  }
});
