// A breakpoint in a Go 1.x handler hits through F5 in a real VS Code: the functiongraph session
// builds the handler with symbols, starts it under headless Delve, and a functiongraph-go child
// session speaks DAP to Delve (no Go extension). A variable reads, and the function timeout does not
// fire while the handler is paused (INV-1).
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, captureDebugOutput, captureStops, inWorkspace, sleep, stepOf, waitFor, watchSessions, workspaceFolder } from './helpers';

const RESULT_EVENT = 'functiongraph.result';
interface ResultBody { status: string; outputText: string; requestId: string }
const FIXTURE = 'bp-go';
/** Longer than the fixture's `Timeout: 3`. */
const PAUSED_LONGER_THAN_TIMEOUT_MS = 4_500;

/** A frame's source path as a local path (under code-server VS Code hands the adapter's paths back as vscode-remote URIs). */
function localPath(sourcePath: string): string {
  return /^[a-z][\w+.-]+:\/\//i.test(sourcePath) ? vscode.Uri.parse(sourcePath).path : sourcePath;
}

suite('Go 1.x breakpoints through F5', () => {
  suiteSetup(async () => {
    // The runner points XDG_CACHE_HOME at a scratch folder, which would give Go an empty build cache
    // (a minute of compiling the standard library with -N -l); a developer's VS Code uses their own.
    process.env.GOCACHE ??= path.join(os.homedir(), '.cache', 'go-build');
    const { ext } = await activateExtension();
    if (!existsSync(inWorkspace(FIXTURE))) {
      cpSync(path.join(ext.extensionPath, 'test', 'vscode', 'fixtures', FIXTURE), inWorkspace(FIXTURE), { recursive: true });
      cpSync(path.join(ext.extensionPath, 'test', 'fixtures', 'go-runtime-standin'), inWorkspace(FIXTURE, 'go-runtime'), { recursive: true });
    }
  });

  test('RT-GO: VS Code stops on the Go handler line through Delve, reads a variable, and no timeout fires while paused', async function () {
    this.timeout(420_000);
    const dir = inWorkspace(FIXTURE);
    const file = path.join(dir, 'main.go');
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.trimEnd().endsWith('// BREAKPOINT'));
    const breakpoint = new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(file), new vscode.Position(line, 0)));
    const sessions = watchSessions();
    const output = captureDebugOutput();
    const stops = captureStops();
    const results: ResultBody[] = [];
    const resultEvents = vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
      if (e.session.type === 'functiongraph' && e.event === RESULT_EVENT) results.push(e.body as ResultBody);
    });
    const describe = () => `stops: ${JSON.stringify(stops.stops.map((s) => ({ type: s.session.type, reason: s.reason })))}; sessions: ${
      sessions.started.map((s) => s.type).join(', ') || 'none'}; Debug Console:\n${output.text()}`;
    try {
      vscode.debug.addBreakpoints([breakpoint]);
      await stepOf('F5 on the Go function', async () => {
        const ok = await vscode.debug.startDebugging(workspaceFolder(), {
          type: 'functiongraph', request: 'launch', name: 'Breakpoint in bp-go', function: dir, event: path.join(dir, 'events', 'default.json'),
        });
        assert.equal(ok, true, 'startDebugging resolves true');
      });
      // The first F5 builds the handler (go build with -gcflags=all=-N -l: the standard library too, on a
      // fresh build cache) before Delve starts it.
      const stop = await stepOf('a functiongraph-go child session stops', () => waitFor('a stopped event', () => stops.stops[0], 300_000, describe));
      assert.equal(stop.session.type, 'functiongraph-go', describe());
      assert.ok(stop.session.parentSession, 'a child session of the functiongraph session');
      assert.match(output.text(), /go build '-gcflags=all=-N -l' -o handler/, 'the build ran, its command in the Debug Console');

      const frameId = await stepOf('the top frame is the BREAKPOINT line of Handler', async () => {
        const trace = await stop.session.customRequest('stackTrace', { threadId: stop.threadId, startFrame: 0, levels: 1 }) as
          { stackFrames: { id: number; name: string; line: number; source?: { path?: string } }[] };
        const top = trace.stackFrames[0];
        assert.ok(top?.source?.path, JSON.stringify(trace));
        assert.equal(realpathSync(localPath(top.source.path)), realpathSync(file));
        assert.equal(top.line, line + 1);
        assert.equal(top.name, 'main.Handler');
        return top.id;
      });
      await stepOf('the event\'s field reads in the Variables', async () => {
        const scopes = await stop.session.customRequest('scopes', { frameId }) as { scopes: { variablesReference: number }[] };
        const locals = await stop.session.customRequest('variables', { variablesReference: scopes.scopes[0]!.variablesReference }) as { variables: { name: string; value: string; variablesReference: number }[] };
        const e = locals.variables.find((v) => v.name === 'e');
        assert.ok(e, JSON.stringify(locals));
        const fields = await stop.session.customRequest('variables', { variablesReference: e.variablesReference }) as { variables: { name: string; value: string }[] };
        assert.equal(fields.variables.find((v) => v.name === 'Name')?.value, '"gopher"');
      });
      await stepOf(`stay paused ${PAUSED_LONGER_THAN_TIMEOUT_MS} ms, longer than the 3 s timeout`, async () => {
        await sleep(PAUSED_LONGER_THAN_TIMEOUT_MS);
        assert.deepEqual(results, [], describe());
      });
      await stepOf('continue', () => stop.session.customRequest('continue', { threadId: stop.threadId }));
      const result = await stepOf('the result', () => waitFor('the functiongraph.result event', () => results[0], 20_000, describe));
      assert.equal(result.status, 'ok', JSON.stringify(result));
      assert.equal(result.outputText, '{"greeting":"hello gopher"}');
    } finally {
      resultEvents.dispose();
      stops.dispose();
      output.dispose();
      try {
        await sessions.stopAll();
      } finally {
        sessions.dispose();
        vscode.debug.removeBreakpoints([breakpoint]);
      }
    }
  });
});
