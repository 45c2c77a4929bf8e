// `fgtk invoke` on a Go 1.x function with sources (the built CLI, dist/cli.js): it builds the handler
// first, only when a source changed, then invokes; a compile error is a build error (exit 2) and
// nothing runs.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO } from '../helpers';
import { GO_FIXTURES, GO_STANDIN } from './goFixtures';

const CLI = path.join(REPO, 'dist', 'cli.js');

function fgtk(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', FGTK_LOCALE: 'en' }, timeout: 240_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

void describe('fgtk invoke builds Go 1.x sources first', { timeout: 300_000 }, () => {
  let root: string;
  let dir: string;
  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'fgtk-cli-go-'));
    dir = path.join(root, 'gofn');
    mkdirSync(dir);
    copyFileSync(path.join(GO_FIXTURES, 'behaviours', 'main.go'), path.join(dir, 'main.go'));
    writeFileSync(path.join(dir, 'go.mod'), `module example.com/gofn\n\ngo 1.20\n\nrequire huaweicloud.com/go-runtime v0.0.0-00010101000000-000000000000\n\nreplace huaweicloud.com/go-runtime => ${GO_STANDIN}\n`);
    writeFileSync(path.join(dir, 'template.yml'), [
      'HcCrmTemplateVersion: v2', 'Resources:', '  gofn:', '    Type: HC::Serverless::Function', '    Properties:',
      '      Name: gofn', '      Handler: handler', '      Runtime: Go1.x', '      MemorySize: 128', '      Timeout: 10', '',
    ].join('\n'));
    writeFileSync(path.join(dir, 'event.json'), '{"do":"string","value":"built"}');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('builds, invokes; a second run does not rebuild; a compile error exits 2 as a build error', async () => {
    const first = await fgtk(['invoke', dir, '--event', path.join(dir, 'event.json')]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout.trim(), 'plain built');
    assert.match(first.stderr, /GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -o handler \.[\s\S]*Built handler in \d+ ms/);

    const second = await fgtk(['invoke', dir, '--event', path.join(dir, 'event.json')]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /handler is up to date with its sources; not rebuilt/);
    assert.doesNotMatch(second.stderr, /go build -o/);

    writeFileSync(path.join(dir, 'broken.go'), 'package main\n\nfunc broken() { notDefined() }\n');
    const broken = await fgtk(['invoke', dir, '--event', path.join(dir, 'event.json')]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /broken\.go:3:\d+: undefined: notDefined/);
    assert.match(broken.stderr, /build error: go build failed \(exit code 1\)/);
    assert.equal(broken.stdout, '', 'nothing was invoked');
  });
});
