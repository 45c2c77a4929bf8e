// STAND-IN launcher (tests only): runs the fake cloud in its own process for the real-VS-Code
// journey, whose suite files are compiled one by one and cannot import it.
//   node --import tsx test/fakes/serve.ts [--seed NAME,NAME...]
// Prints one JSON line {"url", "ak", "project"} on stdout; stops when stdin closes or on SIGTERM.
import { parseArgs } from 'node:util';
import { FAKE_PROJECT, HuaweiCloudFake } from './huaweicloud-fake';

const { values } = parseArgs({ options: { seed: { type: 'string' } } });
void (async () => {
  const fake = await HuaweiCloudFake.start();
  for (const name of (values.seed ?? '').split(',').filter(Boolean)) fake.seed(name);
  process.stdout.write(JSON.stringify({ url: fake.url, project: FAKE_PROJECT }) + '\n');
  const stop = () => void fake.close().finally(() => process.exit(0));
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
})();
