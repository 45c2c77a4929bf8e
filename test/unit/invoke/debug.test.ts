// Debug launch option used by the debug adapter: the Node.js shim under --inspect-brk on a free port.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { describe, it } from 'node:test';
import { Invoker } from '../../../src/core/invoke';
import { eventually, liveGroupMembers, tempFunction } from './helpers';

void describe('debug launch', () => {
  void it('debug node: the shim waits under the inspector and announces host and port', async () => {
    const fn = await tempFunction({
      'index.js': 'exports.handler = async (event) => event;\n',
      'template.yml': 'HcCrmTemplateVersion: v2\nResources:\n  d:\n    Type: HC::Serverless::Function\n    Properties:\n      Name: d\n      Handler: index.handler\n      Runtime: Node.js20.15\n',
    });
    const inv = new Invoker(await fn.spec(), { debug: { kind: 'node' } });
    try {
      const listening = new Promise<{ kind: string; host: string; port: number }>((resolve) => inv.on('debug-listening', resolve));
      let pid = 0;
      inv.on('instance-start', (i) => { pid = i.pid; });
      const result = inv.invoke('{}'); // stays pending: --inspect-brk waits for a debugger
      const info = await listening;
      assert.equal(info.kind, 'node');
      assert.equal(info.host, '127.0.0.1');
      assert.equal(info.port > 0, true);
      // The inspector answers its HTTP discovery endpoint on that port.
      const targets = await new Promise<string>((resolve, reject) => {
        http.get({ host: info.host, port: info.port, path: '/json/list' }, (res) => {
          let body = '';
          res.on('data', (c) => { body += c; });
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
      assert.match(targets, /webSocketDebuggerUrl/);
      await inv.dispose();
      assert.equal((await result).error?.errorType, 'Disposed');
      assert.equal(await eventually(() => liveGroupMembers(pid).length === 0), true);
    } finally {
      await inv.dispose();
      await fn.cleanup();
    }
  });
});
