// A breakpoint in a Go 1.x handler hits through F5 in a real VS Code: the functiongraph session
// builds the handler with symbols, starts it under headless Delve, and a functiongraph-go child
// session speaks DAP to Delve (no Go extension). A variable reads, and the function timeout does not
// fire while the handler is paused (INV-1).
import assert from 'node:assert/strict';
import { cpSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { debugToBreakpoint } from './breakpointRun';
import { activateExtension, inWorkspace, stepOf } from './helpers';

const FIXTURE = 'bp-go';
/** Longer than the fixture's `Timeout: 3`. */
const PAUSED_LONGER_THAN_TIMEOUT_MS = 4_500;

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
    const run = await debugToBreakpoint({ dir: inWorkspace(FIXTURE), entry: 'main.go', childTypes: ['functiongraph-go'] }, {
      // The first F5 builds the handler (go build with -gcflags=all=-N -l: the standard library too, on a
      // fresh build cache) before Delve starts it.
      stopWithinMs: 300_000,
      holdMs: PAUSED_LONGER_THAN_TIMEOUT_MS,
      whileStopped: async (stop, frame) => {
        assert.equal(frame.name, 'main.Handler');
        await stepOf('the event\'s field reads in the Variables', async () => {
          const scopes = await stop.session.customRequest('scopes', { frameId: frame.id }) as { scopes: { variablesReference: number }[] };
          const locals = await stop.session.customRequest('variables', { variablesReference: scopes.scopes[0]!.variablesReference }) as { variables: { name: string; value: string; variablesReference: number }[] };
          const e = locals.variables.find((v) => v.name === 'e');
          assert.ok(e, JSON.stringify(locals));
          const fields = await stop.session.customRequest('variables', { variablesReference: e.variablesReference }) as { variables: { name: string; value: string }[] };
          assert.equal(fields.variables.find((v) => v.name === 'Name')?.value, '"gopher"');
        });
      },
    });
    assert.ok(run.stop.session.parentSession, 'a child session of the functiongraph session');
    assert.match(run.output, /go build '-gcflags=all=-N -l' -o handler/, 'the build ran, its command in the Debug Console');
    assert.equal(run.result.status, 'ok', JSON.stringify(run.result));
    assert.equal(run.result.outputText, '{"greeting":"hello gopher"}');
  });
});
