// The emulator's side of go.bench.ts, run as `fgtk invoke` runs: the engine bundled by esbuild (not
// under tsx) in a Node.js process of its own, the way the Go client runs in its own. It speaks the
// Go client's protocol (go-rpc-client/main.go):
//
//	node driver.js warm DIR   reads a count per line on stdin, makes that many invocations of the
//	                          function in DIR on one warm instance, prints their times (ms) as JSON
//	node driver.js cold DIR N  N times: a new engine, one invocation (spawn → first result, ms), dispose; prints JSON
import * as readline from 'node:readline';
import { loadFunction } from '../src/core/config';
import { Invoker } from '../src/core/invoke';

const EVENT = Buffer.from('{"hello":"world"}');

async function invokeOk(invoker: Invoker): Promise<number> {
  const t0 = performance.now();
  const r = await invoker.invoke(EVENT);
  const ms = performance.now() - t0;
  if (r.status !== 'ok') throw new Error(`Go invocation failed: ${r.outputText}`);
  return ms;
}

async function warm(dir: string): Promise<void> {
  const spec = await loadFunction(dir);
  if (!spec) throw new Error(`no function in ${dir}`);
  const invoker = new Invoker(spec, { timeoutS: 30 });
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const times: number[] = [];
    for (let i = 0; i < Number(line); i++) times.push(await invokeOk(invoker));
    process.stdout.write(JSON.stringify(times) + '\n');
  }
  await invoker.dispose();
}

async function cold(dir: string, n: number): Promise<void> {
  const spec = await loadFunction(dir);
  if (!spec) throw new Error(`no function in ${dir}`);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const invoker = new Invoker(spec, { timeoutS: 30 });
    times.push(await invokeOk(invoker));
    await invoker.dispose();
  }
  process.stdout.write(JSON.stringify(times) + '\n');
}

const [mode, dir, n] = process.argv.slice(2);
(mode === 'warm' ? warm(dir!) : cold(dir!, Number(n))).then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
