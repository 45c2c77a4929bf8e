// The `php` child session's configuration (src/shared/phpChildConfiguration.ts), with the keys the
// PHP Debug adapter reads. What each key does in that adapter is proven against the real adapter in
// test/dap/phpDebugAdapter.test.ts (gated: CI cannot download it); here, what we hand it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StartChildBody } from '../../../src/shared/dapProtocol';
import { phpChildConfiguration } from '../../../src/shared/phpChildConfiguration';

const body: StartChildBody = { kind: 'php', host: '127.0.0.1', port: 40123, functionDir: '/home/me/ws/fn', functionName: 'fn', stopOnEntry: false };

void describe('phpChildConfiguration', () => {
  void test('PHP Debug listens on our host and port, never launches a script, and steps through our shim, with stopOnEntry too (the shim breaks in the handler)', () => {
    for (const stopOnEntry of [false, true]) {
      const c = phpChildConfiguration({ ...body, stopOnEntry }, 'fn handler', '/ext/dist/shims');
      assert.deepEqual(
        { type: c.type, request: c.request, hostname: c.hostname, port: c.port, stopOnEntry: c.stopOnEntry, program: c.program },
        { type: 'php', request: 'launch', hostname: '127.0.0.1', port: 40123, stopOnEntry: false, program: undefined },
      );
      assert.deepEqual(c.skipFiles, ['/ext/dist/shims/**'], `stopOnEntry: ${stopOnEntry}`);
    }
  });

  void test('a function under a symbolic link: Xdebug\'s real paths map back to the folder the user opened', () => {
    assert.equal(phpChildConfiguration(body, 'fn handler', '/ext/dist/shims').pathMappings, undefined);
    const linked = phpChildConfiguration({ ...body, realFunctionDir: '/data/ws/fn' }, 'fn handler', '/ext/dist/shims');
    assert.deepEqual(linked.pathMappings, { '/data/ws/fn': '/home/me/ws/fn' });
  });
});
