// Official samples as users run them with `fgtk invoke`: a bare deployment ZIP given its runtime and
// handler, a ZIP whose bootstrap lost its executable bit, and interpreters chosen on the command line.
import AdmZip from 'adm-zip';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { REPO } from '../invoke/helpers';

const CLI = path.join(REPO, 'dist', 'cli.js');

function fgtk(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [CLI, ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1', FGTK_LOCALE: 'en', ...env }, timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

function zipOf(t: TestContext, files: Record<string, { content: string; mode?: number }>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fgtk-samples-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const zip = new AdmZip();
  for (const [name, f] of Object.entries(files)) {
    const entry = zip.addFile(name, Buffer.from(f.content), '', f.mode ?? 0o644);
    entry.header.made = (3 << 8) | 20;
  }
  const file = path.join(dir, 'main.zip');
  zip.writeZip(file);
  return file;
}

const PY_MAIN = { 'main.py': { content: 'import json\n\ndef handler(event, context):\n    return json.dumps({"got": event})\n' } };
const tempPackages = () => readdirSync(os.tmpdir()).filter((n) => n.startsWith('fgtk-pkg-')).length;

void describe('fgtk invoke: official samples unchanged', () => {
  before(() => assert.equal(existsSync(CLI), true, 'run npm run build first (test/run-all.mjs does)'));

  void it('PKG-1: a deployment ZIP without template.yml asks for --runtime and --handler, then runs with them', async (t) => {
    const zip = zipOf(t, PY_MAIN);
    const bare = await fgtk(['invoke', zip]);
    assert.equal(bare.code, 2, bare.stderr);
    assert.match(bare.stderr, /no template\.yml.*pass --runtime and --handler/);
    const run = await fgtk(['invoke', zip, '--runtime', 'Python3.9', '--handler', 'main.handler']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), '{"got": {}}');
  });

  void it('PKG-1: --runtime must be a platform runtime (usage error, exit 2)', async (t) => {
    const r = await fgtk(['invoke', zipOf(t, PY_MAIN), '--runtime', 'Python9', '--handler', 'main.handler']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown runtime "Python9"/);
  });

  void it('PKG-2: a ZIP whose bootstrap is not executable says to rebuild the ZIP, not to chmod a temporary folder', async (t) => {
    const before = tempPackages();
    const r = await fgtk(['invoke', zipOf(t, { bootstrap: { content: '#!/bin/sh\necho hi\n', mode: 0o644 } })]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /bootstrap in .*main\.zip is not executable.*Rebuild the ZIP/);
    assert.doesNotMatch(r.stderr, /fgtk-pkg-/);
    assert.equal(tempPackages(), before, 'the unpacked copy is removed');
  });

  void it('--interpreter and FGTK_INTERPRETERS choose the interpreter; errors name them, not the VS Code setting', async (t) => {
    const zip = zipOf(t, PY_MAIN);
    const flags = ['invoke', zip, '--runtime', 'Python3.9', '--handler', 'main.handler'];
    const option = await fgtk([...flags, '--interpreter', 'Python3.9=/nonexistent/python3.9']);
    assert.equal(option.code, 2, option.stderr);
    assert.match(option.stderr, /No local Python interpreter was found for Python3\.9.*pass --interpreter Python3\.9=\/usr\/bin\/python3\.9 \(or set FGTK_INTERPRETERS=/);
    assert.doesNotMatch(option.stderr, /functiongraph\.interpreters/);
    const env = await fgtk(flags, { FGTK_INTERPRETERS: 'Node.js20.15=/usr/bin/node,Python3.9=/nonexistent/python3.9' });
    assert.equal(env.code, 2, env.stderr);
    assert.match(env.stderr, /No local Python interpreter was found for Python3\.9/);
    // The option wins over the variable.
    const both = await fgtk([...flags, '--interpreter', 'Python3.9=python3'], { FGTK_INTERPRETERS: 'Python3.9=/nonexistent/python3.9' });
    assert.equal(both.code, 0, both.stderr);
    const bad = await fgtk([...flags, '--interpreter', 'python3']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /RUNTIME=PATH/);
  });

  void it('API-2: the function gets the cloud commands\' credentials ([basic] of the credentials file) and no log shows the secret', async (t) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fgtk-creds-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'credentials');
    writeFileSync(file, '[basic]\nak = AKFROMFILE0000000001\nsk = sk-from-file-never-logged\n');
    const zip = zipOf(t, { 'index.js': { content: 'exports.handler = async (event, context) => context.getSecurityAccessKey() + " " + context.getSecuritySecretKey().length;\n' } });
    const r = await fgtk(['invoke', zip, '--runtime', 'Node.js20.15', '--handler', 'index.handler', '--json'], { HUAWEICLOUD_SDK_CREDENTIALS_FILE: file, HUAWEICLOUD_SDK_AK: '', HUAWEICLOUD_SDK_SK: '' });
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { output: string; logs: { text: string }[] };
    assert.equal(result.output, 'AKFROMFILE0000000001 25');
    assert.doesNotMatch(r.stdout + r.stderr, /sk-from-file-never-logged/);
  });
});
