// Shared by the shim, event and template tests: a function folder in a temp dir, and a real Invoker
// (the engine users run) that is always disposed with its folder, even when a test fails.
import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { loadFunction, type FunctionSpec } from '../../../src/core/config';
import { cpuMillicores, Invoker, type InvocationResult, type InvokerOptions } from '../../../src/core/invoke';

// shared/ sits beside the repository (CI, /work/main); a worktree elsewhere names it with FGTK_SHARED_DIR.
export const SAMPLES_DIR = path.join(process.env.FGTK_SHARED_DIR ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared'), 'testdata', 'events');

/** A temp folder removed when the test ends. */
export function tempDir(t: TestContext, prefix = 'fgtk-e3-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface FunctionProps {
  runtime: string;
  handler?: string;
  timeout?: number;
  memory?: number;
  initializer?: string;
  initializerTimeout?: number;
  env?: Record<string, string>;
}

/** Writes `files` and a template.yml into a new temp folder and loads it as users' functions are loaded. */
export async function makeFunction(t: TestContext, files: Record<string, string>, props: FunctionProps): Promise<FunctionSpec> {
  const dir = tempDir(t);
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text, { mode: rel === 'bootstrap' ? 0o755 : 0o644 });
  }
  const lines = [
    'HcCrmTemplateVersion: v2',
    'Resources:',
    '  fn:',
    '    Type: HC::Serverless::Function',
    '    Properties:',
    '      Name: echo-fn',
    `      Handler: ${props.handler ?? 'index.handler'}`,
    `      Runtime: ${props.runtime}`,
    `      MemorySize: ${props.memory ?? 256}`,
    `      Timeout: ${props.timeout ?? 5}`,
  ];
  if (props.initializer) lines.push(`      InitializerHandler: ${props.initializer}`, `      InitializerTimeout: ${props.initializerTimeout ?? 3}`);
  if (props.env) {
    lines.push('      Environment:', '        Variables:');
    for (const [k, v] of Object.entries(props.env)) lines.push(`          ${k}: ${JSON.stringify(v)}`);
  }
  await fs.writeFile(path.join(dir, 'template.yml'), lines.join('\n') + '\n');
  const spec = await loadFunction(dir);
  if (!spec) throw new Error(`test setup: ${dir} did not load as a function`);
  return spec;
}

/** A real Invoker for `spec`, disposed (whole process tree) when the test ends. */
export function invokerFor(t: TestContext, spec: FunctionSpec, options: InvokerOptions = {}): Invoker {
  const invoker = new Invoker(spec, options);
  t.after(() => invoker.dispose());
  return invoker;
}

/** The result's output parsed as JSON, with the raw text in the failure message when it is not. */
export function outputJson(result: InvocationResult): unknown {
  try {
    return JSON.parse(result.outputText);
  } catch {
    throw new Error(`output is not JSON (status ${result.status}): ${result.outputText}\nlogs:\n${result.logs.map((l) => l.text).join('\n')}`);
  }
}

/** Log text of a result, for assertion messages. */
export const logText = (result: InvocationResult) => result.logs.map((l) => `[${l.stream}] ${l.text}`).join('\n');

/** Credentials and project the echo tests configure, to find them again in the context (API-2, ENV-1). */
export const CREDENTIALS = { accessKey: 'AK-test-1', secretKey: 'SK-test-2', authToken: 'token-3', securityToken: 'sts-4' };
export const PROJECT = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';

/**
 * RT-2: what every runtime's context returned, as an echo handler reports it (`{method: value}`),
 * for a function made with Timeout 7, MemorySize 512, GREETING in its config, CREDENTIALS and PROJECT.
 */
export function assertEchoedContext(ctx: Record<string, unknown>, result: InvocationResult, name: string): void {
  assert.equal(ctx.getRequestID, result.requestId, name);
  const remaining = ctx.getRemainingTimeInMilliSeconds as number;
  assert.ok(remaining > 0 && remaining <= 7000, `${name}: remaining time counts down from the 7 s timeout, got ${remaining}`);
  assert.deepEqual({ ...ctx, getRequestID: undefined, getRemainingTimeInMilliSeconds: undefined }, {
    getRequestID: undefined,
    getRemainingTimeInMilliSeconds: undefined,
    getAccessKey: CREDENTIALS.accessKey,
    getSecretKey: CREDENTIALS.secretKey,
    getSecurityAccessKey: CREDENTIALS.accessKey,
    getSecuritySecretKey: CREDENTIALS.secretKey,
    getSecurityToken: CREDENTIALS.securityToken,
    getToken: CREDENTIALS.authToken,
    getFunctionName: 'echo-fn',
    getRunningTimeInSeconds: 7,
    getVersion: 'latest',
    getMemorySize: 512,
    getCPUNumber: cpuMillicores(512),
    getPackage: 'default',
    getProjectID: PROJECT,
    getAlias: '',
    getUserData: 'hello from the config',
    missingUserData: true,
  }, name);
}
