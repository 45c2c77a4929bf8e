// A host program for the watchdog tests (run with `node --import tsx watchdogHost.ts DIR MODE`):
// it starts an Invoker on the function in DIR and reports pids on stdout, one `key value` a line.
//   hang    invoke once (the bootstrap never answers) and wait to be killed
//   normal  invoke once, dispose, and end on its own (no process.exit: the watchdog must not hold us)
import { loadFunction } from '../../../src/core/config';
import { Invoker } from '../../../src/core/invoke';
import { watchdogList, watchdogStarted } from '../../../src/core/process';

const say = (key: string, value: unknown) => process.stdout.write(`${key} ${typeof value === 'string' ? value : JSON.stringify(value)}\n`);

async function main(): Promise<void> {
  const [dir, mode] = process.argv.slice(2);
  const spec = await loadFunction(dir);
  if (!spec) throw new Error(`${dir} is not a function`);
  const inv = new Invoker(spec, { timeoutS: 120 });
  const started = new Promise<void>((resolve) => inv.on('instance-start', (i) => {
    say('instance', i.pid);
    resolve();
  }));
  const result = inv.invoke('{}');
  await started;
  say('watchdog', (await watchdogStarted()) ?? 0);
  if (mode === 'hang') {
    say('listed', (await watchdogList()) ?? []);
    return; // the pending invocation and the runtime API server keep us running until killed
  }
  const r = await result;
  say('status', r.status);
  say('listed', (await watchdogList()) ?? []);
  await inv.dispose();
  say('listed-after-dispose', (await watchdogList()) ?? []);
}

main().catch((err: unknown) => {
  say('error', err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
