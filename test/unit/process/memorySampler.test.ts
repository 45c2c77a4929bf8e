// INV-4 max memory used is the whole process group's: the sampler finds the members the leader
// started (it scans /proc from its second sample on, not at every sample) and sums them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemorySampler } from '../../../src/core/process/memorySampler';
import { startGroup } from '../../../src/core/process/processGroup';
import { groupMembers } from '../../../src/core/process/procfs';

void describe('MemorySampler', () => {
  void it('INV-4: a child of the leader holding 64 MB counts in the group\'s peak', async () => {
    // The leader is a shell of ~1 MB; its child fills 64 MB and sleeps.
    const child = 'b = b"x" * (64 * 1024 * 1024); print("ready", flush=True); import time; time.sleep(30)';
    const group = await startGroup('/bin/sh', ['-c', `python3 -c '${child}' & wait`], { cwd: '/tmp', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    try {
      await new Promise<void>((resolve) => group.stdout.on('data', (c: Buffer) => { if (c.toString().includes('ready')) resolve(); }));
      assert.equal((await groupMembers(group.pid)).length, 2);
      const sampler = new MemorySampler(group.pid);
      await sampler.sample(); // the leader alone
      assert.ok(sampler.peakMB < 32, `the shell alone: ${sampler.peakMB} MB`);
      await sampler.sample(); // scans the group and finds the child
      assert.ok(sampler.peakMB >= 64, `leader and child: ${sampler.peakMB} MB`);
      sampler.stop();
    } finally {
      await group.stop(0);
    }
  });

  void it('INV-4: a child started after the group scans backed off counts from the next sample', async () => {
    const child = 'b = b"x" * (64 * 1024 * 1024); print("ready", flush=True); import time; time.sleep(30)';
    const group = await startGroup('/bin/sh', ['-c', `sleep 1; python3 -c '${child}' & wait`], { cwd: '/tmp', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    try {
      const ready = new Promise<void>((resolve) => group.stdout.on('data', (c: Buffer) => { if (c.toString().includes('ready')) resolve(); }));
      const sampler = new MemorySampler(group.pid);
      for (let i = 0; i < 4; i++) await sampler.sample(); // the leader alone (and sleep): scans back off
      assert.ok(sampler.peakMB < 32, `before the child: ${sampler.peakMB} MB`);
      await ready;
      await sampler.sample();
      assert.ok(sampler.peakMB >= 64, `the child counts at once: ${sampler.peakMB} MB`);
      sampler.stop();
    } finally {
      await group.stop(0);
    }
  });
});
