// awaitAwake keeps the event loop polling while a short answer is pending (a warm Go 1.x call), and
// stops after its limit so that a long handler costs no CPU: the polling shows as a pending
// Immediate in the loop's active resources.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awaitAwake } from '../../../src/core/process/awaitAwake';

const immediatesPending = () => process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

void describe('awaitAwake', () => {
  void it('resolves and rejects as the answer does', async () => {
    assert.equal(await awaitAwake(Promise.resolve(42), 5), 42);
    await assert.rejects(awaitAwake(Promise.reject(new Error('connection lost')), 5), /connection lost/);
  });

  void it('polls while the answer is pending and within the limit, then lets the loop sleep', async () => {
    let answer!: (v: string) => void;
    const pending = awaitAwake(new Promise<string>((r) => { answer = r; }), 30);
    await sleep(5);
    assert.ok(immediatesPending() > 0, 'the loop is kept polling during the first milliseconds');
    await sleep(60);
    assert.equal(immediatesPending(), 0, 'no polling after the limit: a long handler costs no CPU');
    answer('late');
    assert.equal(await pending, 'late', 'an answer after the limit still arrives');
  });

  void it('stops polling as soon as the answer arrives', async () => {
    let answer!: () => void;
    const pending = awaitAwake(new Promise<void>((r) => { answer = r; }), 10_000);
    await sleep(2);
    answer();
    await pending;
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    assert.equal(immediatesPending(), 0);
  });
});
