// INV-4: the one REPORT line and JSON copy of a result that the CLI, the Debug Console and the
// Invocations output all print.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportLine, resultToJson } from '../../../src/core/invoke/report';
import type { InvocationResult } from '../../../src/core/invoke/types';

const result = (over: Partial<InvocationResult> = {}): InvocationResult => ({
  requestId: 'a1b2', status: 'ok', output: Buffer.from('{"ok":true}'), outputText: '{"ok":true}',
  durationMs: 3.456, billedDurationMs: 4, memorySizeMB: 128, maxMemoryUsedMB: 15.2, coldStart: true, initDurationMs: 41.5,
  logs: [], warnings: [], ...over,
});

void describe('INV-4 report', () => {
  void it('the platform\'s shape: tab-separated fields, durations to two decimals, MB whole', () => {
    assert.equal(reportLine(result()), 'REPORT RequestId: a1b2\tDuration: 3.46 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 15 MB\tInit Duration: 41.50 ms');
  });

  void it('a warm invocation has no init duration; the CLI adds the status; a debugger wait is named', () => {
    assert.equal(reportLine(result({ initDurationMs: undefined, durationMs: 2 }), { status: 'error' }), 'REPORT RequestId: a1b2\tStatus: error\tDuration: 2 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 15 MB');
    assert.match(reportLine(result(), { initWaitedForDebugger: true }), /\tInit Duration: 41\.50 ms \(including the wait for the debugger\)$/);
  });

  void it('JSON: text output as is; bytes that are not UTF-8 also as base64, so nothing is lost', () => {
    assert.equal('outputBase64' in resultToJson(result()), false);
    const bytes = Buffer.from([0xff, 0x00, 0x41]);
    const json = resultToJson(result({ output: bytes, outputText: bytes.toString('utf8') }));
    assert.equal(Buffer.from(json.outputBase64!, 'base64').equals(bytes), true);
  });
});
