// Issue 14 over real DAP: a warm session follows the function's files. After a code change the next
// event goes to a fresh instance running the new code ("code changed, restarting"), after a config
// change to a new engine with the new config; each result names the event file it answers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { launch, nodeFunction, processAlive, startAdapter } from './helpers';

const V1 = 'exports.handler = async () => ({ v: 1, pid: process.pid, greeting: process.env.GREETING || "none" });\n';

void describe('a warm debug session follows code changes', () => {
  void test('a code change restarts the instance before the next event; a config change takes effect; results name their event file', async (t) => {
    const fx = nodeFunction(V1, { events: { a: { name: 'a' } } });
    t.after(() => fx.cleanup());
    const h = await startAdapter();
    try {
      const resultEvents: { eventFile?: string; output: string }[] = [];
      h.dc.on('functiongraph.result', (e: { body: { eventFile?: string; output: string } }) => resultEvents.push(e.body));
      const event = path.join(fx.dir, 'events', 'a.json');
      await launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: fx.dir, event });
      await h.waitForOutput(/"v":1/);
      const first = JSON.parse(resultEvents[0].output) as { pid: number };
      assert.equal(resultEvents[0].eventFile, event, 'the result names the event file it answers');

      writeFileSync(path.join(fx.dir, 'index.js'), V1.replace('v: 1', 'v: 2'));
      await h.waitForOutput(/index\.js changed: the instance restarts before the next event\./, 10_000);
      const second = await h.dc.customRequest('sendEvent', { event });
      const out2 = JSON.parse(second.body.output as string) as { v: number; pid: number };
      assert.equal(out2.v, 2, 'the event went to the new code');
      assert.notEqual(out2.pid, first.pid);
      assert.equal(processAlive(first.pid), false, 'the stale instance was stopped');
      assert.match(h.text(), /code changed, restarting: index\.js/);

      const yml = path.join(fx.dir, 'template.yml');
      writeFileSync(yml, readFileSync(yml, 'utf8') + '      Environment:\n        Variables:\n          GREETING: hi\n');
      await h.waitForOutput(/code changed, restarting: template\.yml/, 10_000);
      const third = await h.dc.customRequest('sendEvent', { event });
      assert.equal((JSON.parse(third.body.output as string) as { greeting: string }).greeting, 'hi', 'the new config is in effect');
    } finally {
      await h.close();
    }
  });
});
