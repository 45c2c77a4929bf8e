// STAND-IN launcher (tests only): runs the fake cloud in its own process for the real-VS-Code
// journey, whose suite files are compiled one by one and cannot import it.
//   node --import tsx test/fakes/serve.ts [--seed NAME,REGION/NAME,NAME@PACKAGE,...] [--projects NAME:ID,...]
// --projects adds projects to the account's two (cn-north-4, cn-east-3), e.g. cn-south-1:p1,cn-south-1_dev:p2.
// A plain NAME goes to the project of cn-north-4, REGION/NAME (e.g. cn-east-3/fn) to that region's;
// @PACKAGE puts it in that package instead of default.
// Prints one JSON line {"url", "project", "projects": {region: id}} on stdout; stops when stdin
// closes or on SIGTERM.
import { parseArgs } from 'node:util';
import { FAKE_PROJECT, FAKE_PROJECTS, HuaweiCloudFake } from './huaweicloud-fake';

const { values } = parseArgs({ options: { seed: { type: 'string' }, projects: { type: 'string' } } });
void (async () => {
  const extra = (values.projects ?? '').split(',').filter(Boolean).map((p) => ({ name: p.split(':')[0], id: p.split(':')[1] ?? '' }));
  const fake = await HuaweiCloudFake.start({ projects: [...FAKE_PROJECTS, ...extra] });
  const projects = Object.fromEntries(fake.options.projects.map((p) => [p.name, p.id]));
  for (const entry of (values.seed ?? '').split(',').filter(Boolean)) {
    const [, region, name, pkg] = /^(?:([^/]+)\/)?([^@]+)(?:@(.+))?$/.exec(entry) ?? [];
    if (!name || (region && !projects[region])) throw new Error(`serve.ts: cannot seed ${entry} (the fake's projects: ${Object.keys(projects).join(', ')})`);
    fake.seed(name, pkg ? { package: pkg } : {}, undefined, region ? projects[region] : FAKE_PROJECT);
  }
  process.stdout.write(JSON.stringify({ url: fake.url, project: FAKE_PROJECT, projects }) + '\n');
  const stop = () => void fake.close().finally(() => process.exit(0));
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
})();
