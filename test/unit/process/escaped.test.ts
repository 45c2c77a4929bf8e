// A process the instance starts in a session of its own (debugpy's adapter does) is out of reach of
// kill(-pgid); stopping the instance must still end it, and must not wait for the pipes it holds.
// A double-forked daemon left behind by an instance that crashed is ended too (no orphan).
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Invoker } from '../../../src/core/invoke';
import { alive, tempFunction } from '../invoke/helpers';

void describe('stopping an instance', () => {
  void it('ends a descendant that left the process group (setsid) and does not wait for the pipes it holds', async () => {
    const fn = await tempFunction({
      bootstrap: [
        '#!/bin/bash',
        // Escapes the group and keeps our stdout open, as debugpy's adapter does.
        'setsid sleep 300 &',
        'echo $! > "$RUNTIME_CODE_ROOT/escaped.pid"',
        'while true; do',
        '  H=$(mktemp)',
        '  curl -sS -D "$H" -o /dev/null "http://$RUNTIME_API_ADDR/v1/runtime/invocation/request"',
        '  ID=$(grep -Fi x-cff-request-id "$H" | tr -d "[:space:]" | cut -d: -f2)',
        '  curl -sS -X POST "http://$RUNTIME_API_ADDR/v1/runtime/invocation/response/$ID" -d ok >/dev/null',
        'done',
        '',
      ].join('\n'),
    });
    const inv = new Invoker(await fn.spec());
    try {
      const r = await inv.invoke('{}');
      assert.equal(r.status, 'ok', r.outputText);
      const escaped = Number((await fs.readFile(path.join(fn.dir, 'escaped.pid'), 'utf8')).trim());
      assert.ok(alive(escaped), 'the escaped process runs while the instance does');
      const t0 = Date.now();
      await inv.dispose();
      assert.ok(Date.now() - t0 < 5000, `dispose took ${Date.now() - t0} ms: it waited for pipes held outside the group`);
      for (let i = 0; i < 50 && alive(escaped); i++) await new Promise((res) => setTimeout(res, 50));
      assert.equal(alive(escaped), false, `pid ${escaped} (setsid sleep) survived the instance`);
    } finally {
      await inv.dispose();
      await fn.cleanup();
    }
  });

  void it('ends a double-forked daemon that a crashing instance left behind (reparented, in a session of its own)', async () => {
    const fn = await tempFunction({
      bootstrap: [
        '#!/bin/bash',
        // The subshell exits at once: the sleep is reparented away from the instance, in its own session.
        '( setsid sleep 300 >/dev/null 2>&1 & echo $! > "$RUNTIME_CODE_ROOT/daemon.pid" )',
        'curl -sS -o /dev/null "http://$RUNTIME_API_ADDR/v1/runtime/invocation/request"',
        'echo "giving up with the event outstanding" >&2',
        'exit 3',
        '',
      ].join('\n'),
    });
    const inv = new Invoker(await fn.spec());
    let daemon = 0;
    try {
      const r = await inv.invoke('{}');
      assert.equal(r.status, 'crashed', r.outputText);
      daemon = Number((await fs.readFile(path.join(fn.dir, 'daemon.pid'), 'utf8')).trim());
      assert.ok(daemon > 0, 'the bootstrap wrote the daemon\'s pid');
      for (let i = 0; i < 100 && alive(daemon); i++) await new Promise((res) => setTimeout(res, 50));
      assert.equal(alive(daemon), false, `pid ${daemon} (double-forked setsid sleep) survived the crashed instance`);
    } finally {
      if (daemon && alive(daemon)) process.kill(daemon, 'SIGKILL');
      await inv.dispose();
      await fn.cleanup();
    }
  });
});
