// Go 1.x packages (builtin-runtimes.md 1.1; PKG-2, PKG-4, PKG-7): the handler is the name of a Linux
// x86_64 executable at the root; each mistake gets a diagnostic that says how to fix it, with fixes.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintFunction, type LintDiagnostic } from '../../../src/core/lint/index';
import { both, config, tempDir, writeFolder, type Files } from './helpers';

const GO = (handler = 'handler') => config({ Handler: handler, Runtime: 'Go1.x' });
const ELF_X64 = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(10), Buffer.from([0x3e, 0]), Buffer.alloc(44)]);
const ELF_ARM64 = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(10), Buffer.from([0xb7, 0]), Buffer.alloc(44)]);
const MACHO = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(60)]);
const exe = (content: Buffer) => ({ content, mode: 0o755 });

const of = (ds: LintDiagnostic[], rule: string) => ds.filter((d) => d.rule === rule);
const rules = (ds: LintDiagnostic[]) => ds.map((d) => `${d.rule}: ${d.message}`);

async function lintBoth(t: import('node:test').TestContext, files: Files) {
  const { folder, zip } = both(t, files);
  return { folder: await lintFunction(folder), zip: await lintFunction(zip) };
}

void describe('Go 1.x packages', () => {
  void it('PKG-4: a Linux x86_64 executable named like the handler, with its sources beside it, is quiet (folder and ZIP)', async (t) => {
    const r = await lintBoth(t, { 'template.yml': GO(), handler: exe(ELF_X64), 'go.mod': 'module x\n', 'main.go': 'package main\n' });
    assert.deepEqual(rules(r.folder), []);
    assert.deepEqual(rules(r.zip), []);
  });

  void it('PKG-4: no executable named like the handler, sources present: the message gives the build command', async (t) => {
    const ds = await lintFunction(writeFolder(tempDir(t), { 'template.yml': GO(), 'go.mod': 'module x\n', 'main.go': 'package main\n' }));
    const [d] = of(ds, 'go-executable-missing');
    assert.match(d?.message ?? '', /no file handler at the root.*GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -o handler \./);
    assert.deepEqual(of(ds, 'handler-not-found'), [], 'one diagnostic, not two');
  });

  void it('PKG-4: another program at the root: rename it or set Handler to it, as fixes', async (t) => {
    const dir = writeFolder(tempDir(t), { 'template.yml': GO(), main: exe(ELF_X64) });
    const [d] = of(await lintFunction(dir), 'go-executable-missing');
    assert.match(d?.message ?? '', /has the program main/);
    assert.deepEqual(d?.fix?.map((f) => f.kind), ['rename-file', 'replace-text']);
    assert.equal(d?.fix?.[0]?.kind === 'rename-file' && path.basename(d.fix[0].to), 'handler');
    assert.equal(d?.fix?.[1]?.kind === 'replace-text' && d.fix[1].newText, 'main');
  });

  void it('PKG-4: a handler with a path: move the executable to the root and name it only', async (t) => {
    const dir = writeFolder(tempDir(t), { 'template.yml': GO('bin/handler'), 'bin/handler': exe(ELF_X64) });
    const ds = await lintFunction(dir);
    const [d] = of(ds, 'go-handler-path');
    assert.match(d?.message ?? '', /has a path.*Handler: handler/);
    assert.deepEqual(d?.fix?.map((f) => f.kind), ['rename-file', 'replace-text']);
    assert.equal(d?.fix?.[1]?.kind === 'replace-text' && d.fix[1].newText, 'handler');
    assert.deepEqual(of(ds, 'handler-format'), [], 'one diagnostic, not two');
  });

  void it('PKG-7: an arm64 or a macOS build of the handler names the platform and the rebuild command (folder and ZIP)', async (t) => {
    for (const [bin, what] of [[ELF_ARM64, /ARM64/], [MACHO, /macOS/]] as const) {
      const r = await lintBoth(t, { 'template.yml': GO(), handler: exe(bin) });
      for (const ds of [r.folder, r.zip]) {
        const [d] = of(ds, 'native-module-wrong-platform');
        assert.match(d?.message ?? '', what);
        assert.match(d?.message ?? '', /GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -o handler/);
      }
    }
  });

  void it('PKG-2: an executable without the executable bit gets chmod +x as a fix; in a ZIP the message says how to rebuild it', async (t) => {
    const r = await lintBoth(t, { 'template.yml': GO(), handler: { content: ELF_X64, mode: 0o644 } });
    const [d] = of(r.folder, 'go-executable-not-executable');
    assert.deepEqual(d?.fix?.map((f) => f.kind), ['make-executable']);
    const [z] = of(r.zip, 'go-executable-not-executable');
    assert.match(z?.message ?? '', /not executable \(mode 644\).*fgtk package/);
  });
});
