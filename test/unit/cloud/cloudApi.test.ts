// CloudApi on Huawei's real SDK against the loopback fake (test/fakes/huaweicloud-fake.ts), which
// verifies every signature: list, deploy, invoke, export, logs, retries, timeouts, errors, and the
// SDK's defects worked around (no project created, nothing printed, nothing written to HOME).
import AdmZip from 'adm-zip';
import assert from 'node:assert/strict';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CloudCallError } from '../../../src/core/cloud/callError';
import { CloudSetupError, connect, listProjects, type CloudSession } from '../../../src/core/cloud/connect';
import { CloudCredentials, resolveEndpoints } from '../../../src/core/cloud/credentials';
import { deployFunction, PackageTooLargeError } from '../../../src/core/cloud/deploy';
import { describeCloudError } from '../../../src/core/cloud/errors';
import { readLogs } from '../../../src/core/cloud/logs';
import { remoteResultToJson } from '../../../src/core/cloud/remoteResult';
import type { FunctionSpec } from '../../../src/core/config';
import { signedRequest } from '../../fakes/signedRequest';
import { FAKE_AK, FAKE_PROJECT, FAKE_SK, FAKE_TOKEN, HuaweiCloudFake } from '../../fakes/huaweicloud-fake';
import { REPO } from '../invoke/helpers';

export function fakeEnv(fake: HuaweiCloudFake, extra: Record<string, string> = {}): Record<string, string> {
  return { HUAWEICLOUD_SDK_AK: FAKE_AK, HUAWEICLOUD_SDK_SK: FAKE_SK, FGTK_FUNCTIONGRAPH_ENDPOINT: fake.url, FGTK_IAM_ENDPOINT: fake.url, FGTK_LTS_ENDPOINT: fake.url, ...extra };
}

function specFor(name: string, over: Partial<FunctionSpec> = {}): FunctionSpec {
  return {
    configDir: '/nowhere', codeDir: '/nowhere', key: '/nowhere', name, runtime: 'Node.js18.15', runtimeName: 'Node.js18.15', family: 'nodejs', runtimeVersion: '18.15', handler: 'index.handler',
    memoryMB: 256, timeoutS: 10, version: 'latest', packageName: 'default', env: { GREETING: 'hi' }, positions: {}, problems: [], description: 'from template', ...over,
  };
}

const zipOf = (files: Record<string, string>) => {
  const z = new AdmZip();
  for (const [n, text] of Object.entries(files)) z.addFile(n, Buffer.from(text));
  return z.toBuffer();
};

/** Everything written to stdout/stderr while `fn` runs (the SDK printed secrets there). */
async function captureOutput<T>(fn: () => Promise<T>): Promise<{ value: T; output: string }> {
  let output = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const log = console.log;
  process.stdout.write = ((chunk: string | Uint8Array) => { output += String(chunk); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { output += String(chunk); return true; }) as typeof process.stderr.write;
  console.log = (...a: unknown[]) => { output += a.join(' ') + '\n'; };
  try {
    return { value: await fn(), output };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    console.log = log;
  }
}

void describe('CloudApi on the official SDK, against the signature-checking fake', () => {
  let fake: HuaweiCloudFake;
  let session: CloudSession;
  let home: string;
  before(async () => {
    fake = await HuaweiCloudFake.start();
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-cloud-home-'));
    session = await connect({ env: fakeEnv(fake), home, retry: { baseDelayMs: 5 } });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.functions.clear();
    fake.requests.length = 0;
  });

  it('finds the project through IAM by listing only, and passes it in every path and X-Project-Id', async () => {
    assert.equal(session.projectId, FAKE_PROJECT);
    fake.seed('a');
    await session.api.listFunctions();
    const list = fake.requests.find((r) => r.operation === 'ListFunctions')!;
    assert.equal(list.path, `/v2/${FAKE_PROJECT}/fgs/functions`);
    assert.equal(list.headers['x-project-id'], FAKE_PROJECT);
    assert.equal(list.status, 200);
  });

  it('never creates a project: several projects in the region is a setup error naming them', async () => {
    const crowded = await HuaweiCloudFake.start({ projects: [{ id: 'p1', name: 'cn-north-4' }, { id: 'p2', name: 'cn-north-4_dev' }] });
    try {
      await assert.rejects(connect({ env: fakeEnv(crowded), home }), (e: Error) => e instanceof CloudSetupError && /several projects.*p1.*p2.*HUAWEICLOUD_SDK_PROJECT_ID/s.test(e.message));
      assert.deepEqual(crowded.requests.map((r) => `${r.method} ${r.path}`), ['GET /v3/projects']);
      const projects = await listProjects(new CloudCredentials(FAKE_AK, FAKE_SK, undefined, undefined, 'test'), 'cn-north-4', resolveEndpoints('cn-north-4', { env: fakeEnv(crowded) }));
      assert.deepEqual(projects.map((p) => p.id), ['p1', 'p2']);
    } finally {
      await crowded.close();
    }
  });

  it('lists every page (ListFunctions maxitems/next_marker)', async () => {
    for (let i = 0; i < 405; i++) fake.seed(`f${String(i).padStart(3, '0')}`);
    const all = await session.api.listFunctions();
    assert.equal(all.length, 405);
    assert.deepEqual(fake.requests.filter((r) => r.operation === 'ListFunctions').map((r) => r.query.get('marker')), ['0', '400']);
    assert.deepEqual(Object.keys(all[0]).sort(), ['codeSize', 'environment', 'functionUrn', 'handler', 'lastModified', 'memorySizeMB', 'name', 'packageName', 'runtime', 'timeoutSeconds']);
  });

  it('deploy creates a function absent from the cloud, with the template\'s settings and the ZIP', async () => {
    const zip = zipOf({ 'index.js': 'exports.handler = async () => 1;' });
    const out = await deployFunction(session.api, specFor('new-fn'), zip);
    assert.equal(out.action, 'created');
    assert.equal(out.codeSize, zip.length);
    assert.match(out.codeSha256, /^[0-9a-f]{64}$/);
    const stored = [...fake.functions.values()][0];
    assert.equal(out.functionUrn, stored.config.func_urn);
    assert.deepEqual(stored.zip, zip);
    assert.deepEqual({ r: stored.config.runtime, h: stored.config.handler, m: stored.config.memory_size, t: stored.config.timeout, u: stored.config.user_data, d: stored.config.description },
      { r: 'Node.js18.15', h: 'index.handler', m: 256, t: 10, u: '{"GREETING":"hi"}', d: 'from template' });
    assert.deepEqual(fake.operations(), ['ShowFunctionConfig', 'CreateFunction']);
  });

  it('deploy of an existing function updates code, then config merged onto what is there (UpdateFunctionConfig replaces all)', async () => {
    fake.seed('live', { xrole: 'fgs-agency', initializer_handler: 'index.init', initializer_timeout: 5, func_vpc: { vpc_id: 'v1', subnet_id: 's1' } });
    const zip = zipOf({ 'index.js': 'v2' });
    const out = await deployFunction(session.api, specFor('live', { memoryMB: 512 }), zip);
    assert.equal(out.action, 'updated');
    assert.deepEqual(fake.operations(), ['ShowFunctionConfig', 'UpdateFunctionCode', 'ShowFunctionConfig', 'UpdateFunctionConfig']);
    const fn = fake.functions.get(`${FAKE_PROJECT}/default/live`)!;
    assert.deepEqual(fn.zip, zip);
    assert.equal(fn.config.memory_size, 512);
    // Settings the template does not speak of survive the full replace.
    assert.equal(fn.config.xrole, 'fgs-agency');
    assert.deepEqual(fn.config.func_vpc, { vpc_id: 'v1', subnet_id: 's1' });
    assert.equal(fn.config.initializer_handler, 'index.init');
    // The URN travels raw in the path and was signed encoded: the fake verified it.
    assert.ok(fake.requests.every((r) => r.status === 200));
  });

  it('a code-only redeploy uploads the code and leaves the configuration alone; a changed setting is written', async () => {
    fake.seed('same', { timeout: 10, user_data: '{"GREETING":"hi"}', description: 'from template' });
    const zip = zipOf({ 'index.js': 'v3' });
    const steps: string[] = [];
    const out = await deployFunction(session.api, specFor('same'), zip, { onStep: (s) => steps.push(s) });
    assert.equal(out.action, 'updated');
    assert.deepEqual(fake.operations(), ['ShowFunctionConfig', 'UpdateFunctionCode']);
    assert.deepEqual(steps, ['checking', 'uploading']);
    assert.deepEqual(fake.functions.get(`${FAKE_PROJECT}/default/same`)!.zip, zip);
    fake.requests.length = 0;
    await deployFunction(session.api, specFor('same', { env: { GREETING: 'hello' } }), zip);
    assert.deepEqual(fake.operations(), ['ShowFunctionConfig', 'UpdateFunctionCode', 'ShowFunctionConfig', 'UpdateFunctionConfig']);
    assert.equal(fake.functions.get(`${FAKE_PROJECT}/default/same`)!.config.user_data, '{"GREETING":"hello"}');
  });

  it('uploads the ZIP as JSON signed over its SHA-256 in X-Sdk-Content-Sha256, not serialised by the SDK', async () => {
    fake.seed('hashed');
    const zip = zipOf({ 'index.js': 'exports.handler = async () => "hashed";' });
    await session.api.updateCode(String(fake.functions.get(`${FAKE_PROJECT}/default/hashed`)!.config.func_urn), zip);
    const put = fake.requests.find((r) => r.operation === 'UpdateFunctionCode')!;
    assert.equal(put.status, 200);
    assert.deepEqual(put.body, { code_type: 'zip', code_filename: 'hashed.zip', func_code: { file: zip.toString('base64') } });
    assert.match(String(put.headers.authorization), /SignedHeaders=[^,]*x-sdk-content-sha256/);
    assert.match(String(put.headers['x-sdk-content-sha256']), /^[0-9a-f]{64}$/);
  });

  it('refuses a package over the inline limit before any request, naming the limit and the way out', async () => {
    await assert.rejects(deployFunction(session.api, specFor('big'), Buffer.alloc(2048), { inlineLimitBytes: 1024 }),
      (e: Error) => e instanceof PackageTooLargeError && /over the 1(\.0)? KB.*OBS/s.test(e.message));
    assert.equal(fake.requests.length, 0);
  });

  it('the gateway\'s 413 for a body over 12 MB becomes a plain message', async () => {
    const small = await HuaweiCloudFake.start({ maxBodyBytes: 1000 });
    try {
      const s = await connect({ env: fakeEnv(small), home, retry: { attempts: 1 } });
      small.seed('f');
      const err = await deployFunction(s.api, specFor('f'), Buffer.alloc(4000, 1)).catch((e: unknown) => e);
      assert.ok(err instanceof CloudCallError && err.kind === 'too-large', String(err));
      assert.match(describeCloudError(err, { region: 'cn-north-4' }), /at most 12 MB/);
    } finally {
      await small.close();
    }
  });

  it('invoke asks for v1 and the log tail, and maps to the local JSON shape with the REPORT figures', async () => {
    const fn = fake.seed('echo', { memory_size: 512 });
    const inv = await session.api.invoke(String(fn.config.func_urn), { hello: 'world' }, { timeoutSeconds: 3 });
    const req = fake.requests.find((r) => r.operation === 'InvokeFunction')!;
    assert.equal(req.headers['x-cff-log-type'], 'tail');
    assert.equal(req.headers['x-cff-request-version'], 'v1');
    const json = remoteResultToJson(inv, 512);
    assert.equal(json.status, 'ok');
    assert.equal(json.output, '{"echo":{"hello":"world"}}');
    assert.match(json.requestId, /^[0-9a-f-]{36}$/);
    assert.deepEqual([json.durationMs, json.billedDurationMs, json.memorySizeMB, json.maxMemoryUsedMB], [12.345, 13, 512, 41.215]);
    assert.ok(json.logs.some((l) => l.text.includes('Finish invoke request')));
    const failed = remoteResultToJson(await session.api.invoke(String(fn.config.func_urn), { fgtkFakeError: 'boom' }), 512);
    assert.equal(failed.status, 'error');
    assert.deepEqual(failed.error, { errorMessage: 'boom', errorType: 'Error' });
    assert.ok(failed.logs.some((l) => l.level === 'error'));
  });

  it('exportCode returns the deployed ZIP byte for byte (binary, not text)', async () => {
    const zip = zipOf({ 'index.js': 'x', 'bin/data': '\u0000\u00ff\u0080 binary' });
    await deployFunction(session.api, specFor('dl'), zip);
    const fn = (await session.api.getFunction('dl'))!;
    assert.deepEqual(await session.api.exportCode(fn.functionUrn), zip);
  });

  it('log lines come from LTS (group and stream from lts-log-detail), oldest first; follow picks up only new lines', async () => {
    const fn = fake.seed('logger');
    const urn = String(fn.config.func_urn);
    await session.api.invoke(urn, { n: 1 });
    const stop = new AbortController();
    const batches: string[][] = [];
    const reading = (async () => {
      for await (const b of readLogs(session.api, urn, { sinceMs: 60_000, follow: true, pollMs: 50, signal: stop.signal })) {
        batches.push(b.map((l) => l.text));
        if (batches.length === 1) await session.api.invoke(urn, { n: 2 });
        if (batches.length === 2) stop.abort();
      }
    })();
    await reading;
    assert.equal(batches.length, 2);
    assert.match(batches[0][0], /Start invoke request/);
    assert.ok(batches[0].some((t) => t.includes('{"n":1}')) && !batches[0].some((t) => t.includes('{"n":2}')));
    assert.ok(batches[1].some((t) => t.includes('{"n":2}')) && !batches[1].some((t) => t.includes('{"n":1}')));
    const query = fake.requests.find((r) => r.operation === 'ListLogs')!;
    assert.equal(query.path, `/v2/${FAKE_PROJECT}/groups/lg-0001-functiongraph/streams/ls-logger/content/query`);
  });

  it('retries idempotent reads on 429 and 500 with backoff, but never a write', async () => {
    fake.seed('r');
    fake.fail('ListFunctions', { status: 429, times: 1 });
    fake.fail('ShowFunctionConfig', { status: 500, times: 2 });
    assert.equal((await session.api.listFunctions()).length, 1);
    assert.ok(await session.api.getFunction('r'));
    assert.deepEqual(fake.operations(), ['ListFunctions', 'ListFunctions', 'ShowFunctionConfig', 'ShowFunctionConfig', 'ShowFunctionConfig']);
    fake.requests.length = 0;
    fake.fail('UpdateFunctionCode', { status: 500, times: 1 });
    await assert.rejects(session.api.updateCode(String(fake.functions.get(`${FAKE_PROJECT}/default/r`)!.config.func_urn), zipOf({ a: 'b' })), (e: unknown) => e instanceof CloudCallError && e.status === 500);
    assert.deepEqual(fake.operations(), ['UpdateFunctionCode']);
  });

  it('every call has a timeout: a slow service gives a timeout error, not a hang', async () => {
    const slow = await connect({ env: fakeEnv(fake), home, timeoutMs: 300, retry: { attempts: 1 } });
    fake.fail('ListFunctions', { delayMs: 2_000 });
    const started = Date.now();
    const err = await slow.api.listFunctions().catch((e: unknown) => e);
    assert.ok(err instanceof CloudCallError && err.kind === 'timeout', String(err));
    assert.ok(Date.now() - started < 1_900);
    assert.match(describeCloudError(err, { region: 'cn-north-4' }), /did not answer in time/);
  });

  it('errors a person can act on: 401 credentials or clock, 403 permissions, 404 names function, region and project', async () => {
    const ctx = { region: session.region, projectId: session.projectId, functionName: 'ghost' };
    fake.fail('ShowFunctionConfig', { status: 401 });
    const e401 = await session.api.getFunction('x').catch((e: unknown) => e);
    assert.match(describeCloudError(e401, ctx), /rejected the credentials.*clock/s);
    fake.fail('ListFunctions', { status: 403 });
    assert.match(describeCloudError(await session.api.listFunctions().catch((e: unknown) => e), ctx), /access denied.*IAM policies/s);
    const e404 = await session.api.exportCode(`urn:fss:cn-north-4:${FAKE_PROJECT}:function:default:ghost:latest`).catch((e: unknown) => e);
    assert.ok(e404 instanceof CloudCallError && e404.errorCode === 'FSS.1051');
    assert.match(describeCloudError(e404, ctx), new RegExp(`no function "ghost" in region cn-north-4, project ${FAKE_PROJECT}`));
    assert.equal(await session.api.getFunction('ghost'), undefined);
  });

  it('a wrong secret key is refused by the fake\'s signature check (the SDK signs, the fake verifies)', async () => {
    const wrong = await connect({ env: fakeEnv(fake, { HUAWEICLOUD_SDK_SK: 'not-the-key', HUAWEICLOUD_SDK_PROJECT_ID: FAKE_PROJECT }), home });
    const err = await wrong.api.listFunctions().catch((e: unknown) => e);
    assert.ok(err instanceof CloudCallError && err.status === 401 && err.errorCode === 'APIGW.0301');
  });

  it('temporary keys send X-Security-Token; the token in the gateway\'s 401 text is redacted', async () => {
    const tokenFake = await HuaweiCloudFake.start({ securityToken: FAKE_TOKEN });
    try {
      const ok = await connect({ env: fakeEnv(tokenFake, { HUAWEICLOUD_SDK_SECURITY_TOKEN: FAKE_TOKEN, HUAWEICLOUD_SDK_PROJECT_ID: FAKE_PROJECT }), home });
      tokenFake.seed('t');
      assert.equal((await ok.api.listFunctions()).length, 1);
      assert.equal(tokenFake.requests[0].headers['x-security-token'], FAKE_TOKEN);
      const badSk = await connect({ env: fakeEnv(tokenFake, { HUAWEICLOUD_SDK_SK: 'wrong', HUAWEICLOUD_SDK_SECURITY_TOKEN: FAKE_TOKEN, HUAWEICLOUD_SDK_PROJECT_ID: FAKE_PROJECT }), home });
      const err = await badSk.api.listFunctions().catch((e: unknown) => e);
      const text = describeCloudError(err, { region: 'cn-north-4', secrets: badSk.credentials.secrets() });
      assert.ok(!String((err as Error).message).includes(FAKE_TOKEN) && !text.includes(FAKE_TOKEN), text);
      assert.match(text, /\*\*\*\*/);
    } finally {
      await tokenFake.close();
    }
  });

  it('SDK defects worked around: nothing printed on errors, nothing written to HOME', async () => {
    const tmpHome = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-cloud-home-'));
    const prevHome = process.env.HOME;
    process.env.HOME = tmpHome;
    try {
      const { output } = await captureOutput(async () => {
        const s = await connect({ env: fakeEnv(fake, { HUAWEICLOUD_SDK_SECURITY_TOKEN: FAKE_TOKEN }), home: tmpHome, retry: { attempts: 1 } });
        fake.fail('ListFunctions', { status: 500 });
        await s.api.listFunctions().catch(() => undefined);
        await s.api.exportCode(`urn:fss:cn-north-4:${FAKE_PROJECT}:function:default:none:latest`).catch(() => undefined);
      });
      assert.equal(output, '');
      assert.deepEqual(await fs.readdir(tmpHome), []);
      assert.equal(existsSync(path.join(process.cwd(), 'HuaweiCloud-SDK-Access.log')), false);
    } finally {
      process.env.HOME = prevHome;
    }
  });

  it('no credentials anywhere is a setup error saying where to put them', async () => {
    await assert.rejects(connect({ env: {}, home }), (e: Error) => e instanceof CloudSetupError && /HUAWEICLOUD_SDK_AK.*credentials.*Sign In/s.test(e.message));
  });
});

/** The keys of a model class as its .d.ts declares them (`private 'func_urn'?;`, `runtime?: …`). */
function modelKeys(model: string): Set<string> {
  const file = path.join(REPO, 'node_modules/@huaweicloud/huaweicloud-sdk-functiongraph/v2/model', `${model}.d.ts`);
  const text = readFileSync(file, 'utf8');
  const body = text.slice(text.indexOf(`class ${model}`), text.indexOf('constructor('));
  return new Set([...body.matchAll(/^\s+(?:private\s+)?'?([A-Za-z_][\w-]*)'?\?/gm)].map((m) => m[1]));
}

void describe('the fake answers with the SDK models\' shapes', () => {
  let fake: HuaweiCloudFake;
  let session: CloudSession;
  before(async () => {
    fake = await HuaweiCloudFake.start();
    session = await connect({ env: fakeEnv(fake), home: await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-cloud-home-')) });
  });
  after(() => fake.close());

  it('every key of ListFunctions, ShowFunctionConfig, UpdateFunctionCode, InvokeFunction, ShowLtsLogDetails answers is in the model', async () => {
    const fn = fake.seed('shape');
    const urn = String(fn.config.func_urn);
    fake.requests.length = 0;
    const answers: Record<string, unknown> = {};
    await session.api.listFunctions();
    await session.api.getFunction('shape');
    await session.api.updateCode(urn, zipOf({ a: 'b' }));
    await session.api.invoke(urn, {});
    await session.api.logLines(urn, { since: Date.now() - 60_000 });
    // Ask the fake again, raw, to see the exact bodies.
    const raw = async (p: string) => JSON.parse((await signedRequest(fake.url, 'GET', p, undefined, { projectId: FAKE_PROJECT })).body.toString('utf8')) as unknown;
    answers.ListFunctionsResponse = await raw(`/v2/${FAKE_PROJECT}/fgs/functions`);
    answers.ShowFunctionConfigResponse = await raw(`/v2/${FAKE_PROJECT}/fgs/functions/${urn}/config`);
    answers.ShowLtsLogDetailsResponse = await raw(`/v2/${FAKE_PROJECT}/fgs/functions/${urn}/lts-log-detail`);
    for (const [model, body] of Object.entries(answers)) {
      const keys = modelKeys(model);
      for (const k of Object.keys(body as object)) assert.ok(keys.has(k), `${model} has no field ${k}`);
    }
    const listKeys = modelKeys('ListFunctionResult');
    for (const k of Object.keys((answers.ListFunctionsResponse as { functions: object[] }).functions[0])) assert.ok(listKeys.has(k), `ListFunctionResult has no field ${k}`);
    const invokeKeys = modelKeys('InvokeFunctionResponse');
    for (const k of ['request_id', 'result', 'log', 'status']) assert.ok(invokeKeys.has(k), k);
    const codeKeys = modelKeys('UpdateFunctionCodeResponse');
    for (const k of ['func_urn', 'code_size', 'digest', 'code_type']) assert.ok(codeKeys.has(k), k);
    const triggerKeys = modelKeys('ListFunctionTriggerResult');
    for (const k of ['trigger_id', 'trigger_type_code', 'trigger_status', 'event_data']) assert.ok(triggerKeys.has(k), k);
  });
});
