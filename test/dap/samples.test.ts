// A launch configuration with `runtime` and `handler` runs a folder that has no template.yml (an
// official sample's code as it is), over real DAP.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { launch, startAdapter } from './helpers';

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
      await h.waitForTerminated(30_000);
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void test('API-2: F5 gives the function the cloud commands\' credentials (the credentials file here), never in the Debug Console', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fgtk-dap-creds-'));
    writeFileSync(path.join(dir, 'credentials'), '[basic]\nak = AKDAPFILE00000000001\nsk = sk-dap-never-shown\n');
    writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async (event, context) => "ak=" + context.getSecurityAccessKey() + " sk-length=" + context.getSecuritySecretKey().length;\n');
    const saved = { file: process.env.HUAWEICLOUD_SDK_CREDENTIALS_FILE, ak: process.env.HUAWEICLOUD_SDK_AK, sk: process.env.HUAWEICLOUD_SDK_SK };
    process.env.HUAWEICLOUD_SDK_CREDENTIALS_FILE = path.join(dir, 'credentials');
    delete process.env.HUAWEICLOUD_SDK_AK;
    delete process.env.HUAWEICLOUD_SDK_SK;
    const h = await startAdapter();
    try {
      await launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: dir, runtime: 'Node.js20.15', handler: 'index.handler', event: {}, keepAlive: false });
      await h.waitForOutput(/ak=AKDAPFILE00000000001 sk-length=18/);
      await h.waitForTerminated(30_000);
      assert.doesNotMatch(h.text(), /sk-dap-never-shown/);
    } finally {
      await h.close();
      for (const [k, v] of [['HUAWEICLOUD_SDK_CREDENTIALS_FILE', saved.file], ['HUAWEICLOUD_SDK_AK', saved.ak], ['HUAWEICLOUD_SDK_SK', saved.sk]] as const) {
        if (v === undefined) delete process.env[k]; else process.env[k] = v;
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
