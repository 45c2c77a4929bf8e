// Breakpoints in a Go 1.x handler: F5 builds with symbols (-gcflags=all=-N -l), the adapter starts
// the binary under headless Delve and asks its client for a child session; here the test is that
// client and speaks DAP straight to Delve's port (what VS Code does through the functiongraph-go
// DebugAdapterServer). A build error is reported as one, before anything runs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { findDelve } from '../../src/core/invoke/launch/go';
import { which } from '../../src/core/process/which';
import { launch, startAdapter, withTimeout } from './helpers';

const STANDIN = path.resolve(__dirname, '..', 'fixtures', 'go-runtime-standin');
const BEHAVIOURS = path.resolve(__dirname, '..', 'fixtures', 'go-functions', 'behaviours');
const BREAK_LINE = 38; // `return "plain " + e.Value, nil`

function goFunction(root: string, name: string, mainGo?: string): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'events'), { recursive: true });
  if (mainGo) writeFileSync(path.join(dir, 'main.go'), mainGo);
  else copyFileSync(path.join(BEHAVIOURS, 'main.go'), path.join(dir, 'main.go'));
  writeFileSync(path.join(dir, 'go.mod'), `module example.com/${name}\n\ngo 1.20\n\nrequire huaweicloud.com/go-runtime v0.0.0-00010101000000-000000000000\n\nreplace huaweicloud.com/go-runtime => ${STANDIN}\n`);
  writeFileSync(path.join(dir, 'template.yml'), [
    'HcCrmTemplateVersion: v2', 'Resources:', `  ${name}:`, '    Type: HC::Serverless::Function', '    Properties:',
    `      Name: ${name}`, '      Handler: handler', '      Runtime: Go1.x', '      MemorySize: 128', '      Timeout: 3', '',
  ].join('\n'));
  writeFileSync(path.join(dir, 'events', 'event.json'), JSON.stringify({ do: 'string', value: 'from the event' }));
  return dir;
}

void describe('Go 1.x handler under Delve (child session)', { timeout: 300_000 }, () => {
  let root: string;
  let skip: string | false = false;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'fgtk-dap-go-'));
    if (!(await which('go'))) skip = 'no go on PATH';
    else if (!(await findDelve())) skip = 'no dlv (test/setup-machine.sh installs it)';
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('a build error is a build error: the compiler\'s output in the console, the launch fails, nothing starts', async (t) => {
    if (skip) return t.skip(skip);
    const dir = goFunction(root, 'broken', 'package main\n\nfunc main() {\n\tundefinedThing()\n}\n');
    const h = await startAdapter();
    try {
      await assert.rejects(
        Promise.all([h.dc.configurationSequence(), h.dc.launch({ type: 'functiongraph', request: 'launch', name: 'go', function: dir } as DebugProtocol.LaunchRequestArguments)]),
        /go build failed/,
      );
      assert.match(h.text(), /main\.go:4:\d+: undefined: undefinedThing/);
      assert.doesNotMatch(h.text(), /Started instance/);
    } finally {
      await h.close();
    }
  });

  test('a breakpoint in the handler hits, a variable reads, and the 1 s timeout does not fire during a 2 s pause', async (t) => {
    if (skip) return t.skip(skip);
    const dir = goFunction(root, 'gobp');
    const h = await startAdapter();
    let dlv: DebugClient | undefined;
    try {
      const childEvent = h.dc.waitForEvent('functiongraph.startChild', 120_000);
      await launch(h, { type: 'functiongraph', request: 'launch', name: 'go', function: dir, timeout: 1, __fgtk: { childSessions: true } });
      const child = (await withTimeout(childEvent, 120_000, 'the functiongraph.startChild event')).body as { kind: string; host: string; port: number };
      assert.equal(child.kind, 'go');
      assert.match(h.text(), /-gcflags=all=-N -l/, 'built for the debugger, output in the console');

      dlv = new DebugClient('unused', 'unused', 'go');
      dlv.defaultTimeout = 30_000;
      await dlv.start(child.port);
      const stoppedEvent = dlv.waitForEvent('stopped', 60_000);
      await dlv.initializeRequest({ adapterID: 'go', clientID: 'fgtk-test', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
      await dlv.attachRequest({ mode: 'remote' } as DebugProtocol.AttachRequestArguments);
      const bp = await dlv.setBreakpointsRequest({ source: { path: path.join(dir, 'main.go') }, breakpoints: [{ line: BREAK_LINE }] });
      assert.equal(bp.body.breakpoints[0]!.verified, true, 'Delve accepted the breakpoint in the handler');
      await dlv.configurationDoneRequest();
      await h.dc.customRequest('childAttached', {});

      const stopped = await withTimeout(stoppedEvent, 60_000, 'Delve stopping at the breakpoint') as DebugProtocol.StoppedEvent;
      await h.dc.customRequest('pauseTimeout');
      const stack = await dlv.stackTraceRequest({ threadId: stopped.body.threadId! });
      assert.equal(stack.body.stackFrames[0]!.line, BREAK_LINE, 'stopped at the breakpoint in the handler');
      assert.equal(stack.body.stackFrames[0]!.name, 'main.Handler');
      const scopes = await dlv.scopesRequest({ frameId: stack.body.stackFrames[0]!.id });
      const locals = await dlv.variablesRequest({ variablesReference: scopes.body.scopes[0]!.variablesReference });
      const e = locals.body.variables.find((v) => v.name === 'e');
      assert.ok(e, `a local e among ${locals.body.variables.map((v) => v.name).join(', ')}`);
      const fields = await dlv.variablesRequest({ variablesReference: e.variablesReference });
      assert.equal(fields.body.variables.find((v) => v.name === 'Value')?.value, '"from the event"');

      await new Promise((r) => setTimeout(r, 2000));
      await h.dc.customRequest('resumeTimeout');
      await dlv.continueRequest({ threadId: stopped.body.threadId! });
      await h.waitForOutput(/^REPORT RequestId:/, 30_000);
      assert.match(h.text(), /plain from the event/, 'the handler finished after the pause');
      assert.doesNotMatch(h.text(), /ERROR \(timeout\)|timed out/);
      assert.doesNotMatch(h.text(), /API server listening/, 'Delve\'s banner is not the function\'s output');
    } finally {
      if (dlv) await withTimeout(dlv.stop(), 10_000, 'stopping the Delve client').catch(() => undefined);
      await h.close();
    }
  });
});
