// INV-6: lines the function logger writes carry the logger's level (in --json logs and the Debug
// Console), not their stream's; ordinary prints keep the stream's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Invoker } from '../../../src/core/invoke';
import { loggerLevel } from '../../../src/core/invoke/logLevel';
import { tempFunction } from './helpers';

const cfg = (runtime: string) => `Resources:\n  f:\n    Type: HC::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: ${runtime}\n      Timeout: 10\n`;

async function levels(files: Record<string, string>): Promise<Record<string, string>> {
  const fn = await tempFunction(files);
  const inv = new Invoker(await fn.spec());
  try {
    const r = await inv.invoke('{}');
    assert.equal(r.status, 'ok', r.outputText + r.logs.map((l) => l.text).join('\n'));
    const out: Record<string, string> = {};
    for (const l of r.logs) {
      const m = /(m-\w+)$/.exec(l.text);
      if (m && l.stream !== 'emulator') out[m[1]] = l.level;
    }
    return out;
  } finally {
    await inv.dispose();
    await fn.cleanup();
  }
}

void describe('log levels from the logger', () => {
  void it('INV-6: Node.js context.getLogger().error/warn/debug lines get their level; console.log stays info', async () => {
    const got = await levels({
      'template.yml': cfg('Node.js20.15'),
      'index.js': "exports.handler = async (event, context) => {\n  const log = context.getLogger();\n  log.error('m-error'); log.warn('m-warn'); log.info('m-info'); log.debug('m-debug');\n  console.log('m-print'); console.error('m-stderr');\n  return 1;\n};\n",
    });
    assert.deepEqual(got, { 'm-error': 'error', 'm-warn': 'warn', 'm-info': 'info', 'm-debug': 'debug', 'm-print': 'info', 'm-stderr': 'info' });
  });

  void it('INV-6: Python context.getLogger().error/warn lines get their level; print stays info', async () => {
    const got = await levels({
      'template.yml': cfg('Python3.9'),
      'index.py': "def handler(event, context):\n    log = context.getLogger()\n    log.error('m-error')\n    log.warn('m-warn')\n    log.info('m-info')\n    print('m-print')\n    return 1\n",
    });
    assert.deepEqual(got, { 'm-error': 'error', 'm-warn': 'warn', 'm-info': 'info', 'm-print': 'info' });
  });

  void it('INV-6: a print that only looks like a logger line (another request ID) keeps the stream\'s level', () => {
    assert.equal(loggerLevel('2026-01-01T00:00:00.000Z req-1 ERROR boom', 'req-1'), 'error');
    assert.equal(loggerLevel('2026-01-01T00:00:00.000Z req-2 ERROR boom', 'req-1'), undefined);
    assert.equal(loggerLevel('ERROR boom', 'req-1'), undefined);
    assert.equal(loggerLevel('2026-01-01T00:00:00.000Z req-1 ERROR boom', undefined), undefined);
  });
});
