// Running the built CLI (dist/cli.js) against the fake cloud, as a user would from a terminal.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FAKE_AK, FAKE_SK, type HuaweiCloudFake } from '../../fakes/huaweicloud-fake';
import { REPO } from '../invoke/helpers';

export const CLI = path.join(REPO, 'dist', 'cli.js');

export interface CliRun { code: number | null; stdout: string; stderr: string }

export function fgtk(args: string[], env: Record<string, string>, cwd = REPO, stdin = ''): Promise<CliRun> {
  return new Promise((resolve) => {
    // Only what the test gives: no credentials of the machine running the tests leak in.
    const base: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1', FGTK_LOCALE: 'en' };
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...base, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdin.end(stdin);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The environment that points the CLI at the fake, with a HOME of its own. */
export async function cliEnv(fake: HuaweiCloudFake, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-cli-home-'));
  return {
    HOME: home,
    HUAWEICLOUD_SDK_AK: FAKE_AK,
    HUAWEICLOUD_SDK_SK: FAKE_SK,
    FGTK_FUNCTIONGRAPH_ENDPOINT: fake.url,
    FGTK_IAM_ENDPOINT: fake.url,
    FGTK_LTS_ENDPOINT: fake.url,
    ...extra,
  };
}

/** A function folder made the way `fgtk new` makes one (template.yml + code). */
export async function makeFunction(name: string, files: Record<string, string> = {}, template?: string): Promise<string> {
  const dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-cloud-fn-')), name);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'template.yml'), template ?? [
    'HcCrmTemplateVersion: v2',
    'Resources:',
    `  ${name}:`,
    '    Type: HC::Serverless::Function',
    '    Properties:',
    `      Name: ${name}`,
    '      Handler: index.handler',
    '      Runtime: Node.js18.15',
    '      CodeUri: ./',
    '      MemorySize: 256',
    '      Timeout: 10',
    '      Description: made by a test',
    '      Environment:',
    '        Variables:',
    '          GREETING: hello',
    '',
  ].join('\n'));
  const code = { 'index.js': 'exports.handler = async (event) => ({ got: event });\n', ...files };
  for (const [f, text] of Object.entries(code)) {
    await fs.mkdir(path.dirname(path.join(dir, f)), { recursive: true });
    await fs.writeFile(path.join(dir, f), text);
  }
  return dir;
}
