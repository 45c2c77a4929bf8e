// A launch configuration with `runtime` and `handler` runs a folder that has no template.yml (an
// official sample's code as it is), over real DAP.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { launch, startAdapter, withTimeout } from './helpers';

void describe('launch configuration: runtime and handler', () => {
  void test('PKG-4: a folder with main.py and no template.yml runs as runtime Python3.9, handler main.handler', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fgtk-dap-bare-'));
    writeFileSync(path.join(dir, 'main.py'), 'import json\n\ndef handler(event, context):\n    print("handling", event["name"])\n    return json.dumps({"hello": event["name"]})\n');
    const h = await startAdapter();
    try {
      await launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: dir, runtime: 'Python3.9', handler: 'main.handler', event: { name: 'bare' }, keepAlive: false });
      await h.waitForOutput(/^handling bare/);
      const result = await h.waitForOutput(/"hello": "bare"/);
      assert.equal(result.category, 'stdout');
      await withTimeout(h.dc.waitForEvent('terminated'), 10_000, 'the terminated event (keepAlive: false)');
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
