// Security (issue 13): the secret key and the security token never appear in any output. Every
// cloud command runs against succeeding and failing answers of the fake (401 with the token echoed
// back as the real gateway does, 403, 404, 429, 500, a slow answer, a wrong key), and all captured
// output, plus every file the run wrote, is scanned for the secrets.
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FAKE_AK, FAKE_PROJECT, FAKE_SK, FAKE_TOKEN, HuaweiCloudFake, type Failure } from '../../fakes/huaweicloud-fake';
import { CLI, cliEnv, fgtk, makeFunction, type CliRun } from './cliHelpers';

const SECRETS = [FAKE_SK, FAKE_TOKEN, FAKE_AK, encodeURIComponent(FAKE_TOKEN)];

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

void describe('secrets never reach any output', () => {
  let fake: HuaweiCloudFake;
  let fnDir: string;
  before(async () => {
    assert.equal(existsSync(CLI), true, 'run npm run build first (test/run-all.mjs does)');
    fake = await HuaweiCloudFake.start({ securityToken: FAKE_TOKEN });
    fnDir = await makeFunction('sec-fn');
  });
  after(() => fake.close());

  const scenarios: { name: string; failure?: Failure; env?: Record<string, string> }[] = [
    { name: 'success' },
    { name: '401 (gateway)', failure: { status: 401 } },
    { name: '403', failure: { status: 403 } },
    { name: '404', failure: { status: 404 } },
    { name: '429', failure: { status: 429 } },
    { name: '500', failure: { status: 500 } },
    { name: 'slow answer (timeout)', failure: { delayMs: 1_500 }, env: { FGTK_CLOUD_TIMEOUT_S: '0.5' } },
    { name: 'wrong secret key (signature check echoes the token)', env: { HUAWEICLOUD_SDK_SK: 'wrong-SK-but-still-secret-123' } },
    { name: 'no project id: IAM lookup fails', failure: { status: 500 }, env: { HUAWEICLOUD_SDK_PROJECT_ID: '' } },
  ];

  for (const scenario of scenarios) {
    it(`every cloud command, ${scenario.name}`, async () => {
      const env = await cliEnv(fake, { HUAWEICLOUD_SDK_SECURITY_TOKEN: FAKE_TOKEN, HUAWEICLOUD_SDK_PROJECT_ID: FAKE_PROJECT, ...scenario.env });
      const secrets = [...SECRETS, ...(scenario.env?.HUAWEICLOUD_SDK_SK ? [scenario.env.HUAWEICLOUD_SDK_SK] : [])];
      fake.functions.clear();
      fake.seed('sec-seeded');
      const work = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-sec-'));
      const event = path.join(work, 'event.json');
      await fs.writeFile(event, '{"a":1}');
      // Text and --json forms on success; one form of each command per failure (spawns are not free).
      const commands = scenario.failure || scenario.env ? [
        ['deploy', fnDir], ['remote', 'list', '--json'], ['remote', 'invoke', 'sec-seeded', '--event', event], ['logs', 'sec-seeded', '--json'], ['pull', 'sec-seeded', path.join(work, 'pulled')],
      ] : [
        ['deploy', fnDir], ['deploy', fnDir, '--json'],
        ['remote', 'list'], ['remote', 'list', '--json'],
        ['remote', 'invoke', 'sec-seeded', '--event', event], ['remote', 'invoke', 'sec-seeded', '--json'],
        ['logs', 'sec-seeded', '--since', '1h'], ['logs', 'sec-seeded', '--json'],
        ['pull', 'sec-seeded', path.join(work, 'pulled')],
      ];
      const runs: { args: string[]; run: CliRun }[] = [];
      for (const args of commands) {
        if (scenario.failure) fake.fail('*', { ...scenario.failure, times: 1_000 });
        runs.push({ args, run: await fgtk(args, env, work) });
        fake.fail('*', { times: 0 });
      }
      if (!scenario.failure && !scenario.env) {
        for (const { args, run } of runs) assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
      } else {
        assert.ok(runs.some(({ run }) => run.code !== 0), 'the failure reached the commands');
        for (const { args, run } of runs) if (run.code !== 0) assert.ok(run.stderr.trim().length > 0, `${args.join(' ')} failed without a message`);
      }
      for (const { args, run } of runs) {
        for (const s of secrets) {
          assert.ok(!run.stdout.includes(s), `stdout of fgtk ${args.join(' ')} holds a secret`);
          assert.ok(!run.stderr.includes(s), `stderr of fgtk ${args.join(' ')} holds a secret: ${run.stderr}`);
        }
      }
      // Nothing written to HOME (the SDK's application_id), nor a secret in a file we wrote.
      assert.deepEqual(await filesUnder(env.HOME), []);
      for (const file of [...(await filesUnder(work)), ...(await filesUnder(fnDir))]) {
        const text = await fs.readFile(file, 'latin1');
        for (const s of secrets) assert.ok(!text.includes(s), `${file} holds a secret`);
      }
    });
  }
});
