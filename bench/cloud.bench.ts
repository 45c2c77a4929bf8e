// Cloud figures (issue 13), against the loopback fake (test/fakes, a stand-in that verifies every
// signature), baselines measured in the same run:
// - Deploy of a 20 MB package (an update of the code, its configuration unchanged: config read,
//   code upload, the ZIP's SHA-256) through our CloudApi on Huawei's SDK, against a plain signed
//   upload of the same request body with node:http and no SDK (the floor for moving those bytes:
//   its body is built and hashed the same cheapest way). Goal <= 1.2x.
// - What the SDK costs where it must cost nothing: the extension bundle's module load and
//   `fgtk invoke` start to exit, built from this tree with and without the SDK's bundle (goal:
//   unchanged, ratio ~1.0), and, for the record, against the commit before the cloud work (the
//   parent of the commit that added src/core/cloud/credentials.ts), which also lacks every feature
//   added since. Production builds, as shipped. Skipped with a note without git history (shallow clone).
import AdmZip from 'adm-zip';
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { connect } from '../src/core/cloud/connect';
import { deployFunction } from '../src/core/cloud/deploy';
import { zipUploadBody } from '../src/core/cloud/huawei/zipBody';
import type { FunctionSpec } from '../src/core/config';
import { FAKE_AK, FAKE_PROJECT, FAKE_SK, HuaweiCloudFake } from '../test/fakes/huaweicloud-fake';
import { signedRequest } from '../test/fakes/signedRequest';
import type { Figure } from './run';

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = 21;
const START_ROUNDS = 9;
const run = promisify(execFile);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function cloudBench(): Promise<Figure[]> {
  return [...(await deployFigures()), ...(await startFigures())];
}

async function deployFigures(): Promise<Figure[]> {
  const fake = await HuaweiCloudFake.start({ maxBodyBytes: 64 * 1024 * 1024 });
  const home = mkdtempSync(path.join(os.tmpdir(), 'fgtk-bench-cloud-'));
  try {
    // 20 MB that does not compress: a stored entry of random bytes.
    const z = new AdmZip();
    z.addFile('index.js', Buffer.from('exports.handler = async () => 1;\n'));
    z.addFile('data.bin', randomBytes(20 * 1024 * 1024));
    z.getEntry('data.bin')!.header.method = 0;
    const zip = z.toBuffer();
    const fn = fake.seed('bench-fn');
    const urn = String(fn.config.func_urn);
    const env = { HUAWEICLOUD_SDK_AK: FAKE_AK, HUAWEICLOUD_SDK_SK: FAKE_SK, HUAWEICLOUD_SDK_PROJECT_ID: FAKE_PROJECT, FGTK_FUNCTIONGRAPH_ENDPOINT: fake.url, FGTK_IAM_ENDPOINT: fake.url, FGTK_LTS_ENDPOINT: fake.url };
    const session = await connect({ env, home });
    const spec: FunctionSpec = {
      configDir: '/bench', codeDir: '/bench', key: '/bench', name: 'bench-fn', runtime: 'Node.js18.15', runtimeName: 'Node.js18.15', family: 'nodejs', runtimeVersion: '18.15', handler: 'index.handler',
      memoryMB: 256, timeoutS: 10, version: 'latest', packageName: 'default', env: {}, positions: {}, problems: [],
    };
    const agent = new http.Agent({ keepAlive: true });
    const plain = async () => {
      // The same body bytes built the same way as the SDK path's (the base64 written slice by slice
      // into one buffer, hashed once), then signed by hand and sent with node:http.
      const body = zipUploadBody({ code_type: 'zip', code_filename: 'bench-fn.zip' }, zip);
      const res = await signedRequest(fake.url, 'PUT', `/v2/${FAKE_PROJECT}/fgs/functions/${urn}/code`, body.bytes, { projectId: FAKE_PROJECT, agent, payloadSha256: body.sha256 });
      if (res.status !== 200) throw new Error(`plain upload: HTTP ${res.status} ${res.body.toString().slice(0, 200)}`);
    };
    const sdk = async () => {
      const out = await deployFunction(session.api, spec, zip, { inlineLimitBytes: 64 * 1024 * 1024 });
      if (out.action !== 'updated') throw new Error('expected an update');
    };
    const times = { sdk: [] as number[], plain: [] as number[] };
    for (let round = -1; round < ROUNDS; round++) {
      for (const [k, f] of (round % 2 ? [['sdk', sdk], ['plain', plain]] : [['plain', plain], ['sdk', sdk]]) as [keyof typeof times, () => Promise<void>][]) {
        const t0 = performance.now();
        await f();
        if (round >= 0) times[k].push(performance.now() - t0);
      }
    }
    agent.destroy();
    const sdkMs = median(times.sdk);
    const plainMs = median(times.plain);
    return [{
      name: `deploy of a ${(zip.length / 1048576).toFixed(1)} MB package (code changed), official SDK`, value: sdkMs, unit: 'ms',
      baseline: { name: 'one signed PUT of the same body, node:http', value: plainMs }, ratio: sdkMs / plainMs, goal: '<= 1.2x',
    }];
  } finally {
    await fake.close();
    rmSync(home, { recursive: true, force: true });
  }
}

/** A build of `ref` (or of the working tree) in a temporary folder, node_modules linked. */
function buildAt(work: string, name: string, ref?: string): string {
  const dir = path.join(work, name);
  if (ref) {
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('sh', ['-c', `git -C "${ROOT}" archive ${ref} | tar -x -C "${dir}"`]);
  } else {
    for (const part of ['src', 'schemas', 'build.mjs', 'package.json', 'l10n']) cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  execFileSync(process.execPath, ['build.mjs', '--production'], { cwd: dir, stdio: 'ignore' }); // as shipped
  return dir;
}

function commitBeforeCloud(): string | undefined {
  try {
    const added = execFileSync('git', ['-C', ROOT, 'log', '--diff-filter=A', '--format=%H', '--', 'src/core/cloud/credentials.ts'], { encoding: 'utf8' }).trim().split('\n').pop();
    if (!added) return undefined;
    return execFileSync('git', ['-C', ROOT, 'rev-parse', `${added}^`], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

async function startFigures(): Promise<Figure[]> {
  const before = commitBeforeCloud();
  if (!before) {
    process.stderr.write('cloud bench: no git history before the cloud work here; start times not compared\n');
    return [];
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'fgtk-bench-cloud-start-'));
  try {
    // The same tree without the SDK's bundle: what the SDK itself adds to activation and to a local
    // command (nothing, if neither loads it: either would fail here if it did).
    const noSdk = buildAt(work, 'no-sdk');
    rmSync(path.join(noSdk, 'dist', 'cloud-huawei.js'));
    const builds = { before: buildAt(work, 'before', before), after: buildAt(work, 'after'), noSdk };
    type Build = keyof typeof builds;
    const order: Build[] = ['before', 'after', 'noSdk'];
    const loader = path.join(ROOT, 'bench', 'load-module.mjs');
    const load: Record<Build, number[]> = { before: [], after: [], noSdk: [] };
    const invoke: Record<Build, number[]> = { before: [], after: [], noSdk: [] };
    const hello = path.join(ROOT, 'examples', 'hello-shell');
    const env = { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', FGTK_LOCALE: 'en' };
    for (let round = -1; round < START_ROUNDS; round++) {
      for (let i = 0; i < order.length; i++) {
        const k = order[(i + round + 1) % order.length]!; // each build goes first in turn
        const dir = builds[k];
        const { stdout } = await run(process.execPath, [loader, path.join(dir, 'dist', 'extension.js')], { env });
        const t0 = performance.now();
        await run(process.execPath, [path.join(dir, 'dist', 'cli.js'), 'invoke', hello], { env });
        const wall = performance.now() - t0;
        if (round >= 0) {
          load[k].push((JSON.parse(stdout) as { ms: number }).ms);
          invoke[k].push(wall);
        }
      }
    }
    const figure = (name: string, xs: Record<Build, number[]>, base: Build, baseName: string, goal: string): Figure => ({
      name, value: median(xs.after), unit: 'ms', baseline: { name: baseName, value: median(xs[base]) },
      ratio: median(xs.after) / median(xs[base]), goal,
    });
    const sinceCloud = `before the cloud work (${before.slice(0, 7)})`;
    return [
      figure('extension bundle module load, SDK installed', load, 'noSdk', 'the same build without the SDK', 'unchanged (~1.0x)'),
      figure('fgtk invoke hello-shell, start to exit, SDK installed', invoke, 'noSdk', 'the same build without the SDK', 'unchanged (~1.0x)'),
      figure('extension bundle module load', load, 'before', sinceCloud, '(features added since)'),
      figure('fgtk invoke hello-shell, start to exit', invoke, 'before', sinceCloud, '(features added since)'),
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
