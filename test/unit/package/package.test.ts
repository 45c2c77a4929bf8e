// fgtk package builds the ZIP the platform wants; openPackage unpacks one safely for fgtk invoke.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ZipView } from '../../../src/core/archive/zipView';
import { openPackage, packageFunction } from '../../../src/core/package/index';
import { buildZip, config, tempDir, writeFolder } from '../lint/helpers';
import { rawZip } from '../lint/rawZip';

const CUSTOM = config({ Handler: 'bootstrap', Runtime: 'Custom' });

void describe('packageFunction', () => {
  void it('PKG-1/PKG-2: contents at the root, modes kept, bootstrap executable, junk and ignored files left out', async (t) => {
    const root = tempDir(t);
    const dir = writeFolder(path.join(root, 'hello'), {
      'template.yml': CUSTOM,
      bootstrap: { content: '#!/bin/sh\nexec ./bin/app\n', mode: 0o644 }, // not executable here: the package fixes it
      'bin/app': { content: 'binary', mode: 0o755 },
      'lib/data.txt': 'data',
      '.git/config': '[core]',
      '.vscode/settings.json': '{}',
      '.DS_Store': 'x',
      'notes.swp': 'x',
      '__pycache__/a.pyc': 'x',
      'secret.env': 'TOKEN=1',
      'logs/keep.log': 'keep',
      'logs/drop.log': 'drop',
      '.fgtkignore': '# ours\n*.env\nlogs/*\n!logs/keep.log\n',
    });
    const result = await packageFunction(dir);
    assert.equal(result.zipPath, path.join(root, 'hello.zip'));
    assert.deepEqual(result.entries.map((e) => e.name), ['bin/app', 'bootstrap', 'lib/data.txt', 'logs/keep.log', 'template.yml']);
    assert.equal(result.entries.find((e) => e.name === 'lib/data.txt')?.size, 4);
    const view = await ZipView.open(result.zipPath);
    assert.equal((view.get('bootstrap')!.mode! & 0o777), 0o755);
    assert.equal((view.get('bin/app')!.mode! & 0o777), 0o755);
    assert.equal((view.get('lib/data.txt')!.mode! & 0o777), 0o644);
    assert.equal(view.get('hello'), undefined, 'no wrapping folder');
    assert.deepEqual(result.diagnostics, []);
  });

  void it('the test events in events/*.json stay out (with the folder they leave empty); a folder empty on disk stays in; .fgtkignore can bring events back', async (t) => {
    const root = tempDir(t);
    const files = {
      'template.yml': CUSTOM,
      bootstrap: { content: '#!/bin/sh\n', mode: 0o755 },
      'events/default.json': '{"secret":"from a real request"}',
      'cache/': '',
      'lib/events/handlers.sh': 'x', // a code folder named events below the root is code
    };
    const zipNames = async (dir: string) => (await ZipView.open((await packageFunction(dir)).zipPath)).entries().map((e) => `${e.path}${e.kind === 'dir' ? '/' : ''}`).sort();
    const names = await zipNames(writeFolder(path.join(root, 'plain'), files));
    assert.equal(names.some((n) => n.startsWith('events/')), false, `no events/ in ${names.join(', ')}`);
    assert.ok(names.includes('cache/'), `the empty cache/ folder is kept: ${names.join(', ')}`);
    assert.ok(names.includes('lib/events/handlers.sh'));
    const kept = await zipNames(writeFolder(path.join(root, 'kept'), { ...files, '.fgtkignore': '!events/*.json\n' }));
    assert.ok(kept.includes('events/default.json'), `!events/*.json brings them back: ${kept.join(', ')}`);
  });

  void it('PKG-1: the result is linted, and the output ZIP inside the folder is never packed into itself', async (t) => {
    const dir = writeFolder(tempDir(t), { 'template.yml': config({ Handler: 'index.handler', Runtime: 'Node.js18.15' }), 'main.js': '' });
    const out = path.join(dir, 'out.zip');
    const first = await packageFunction(dir, out);
    const second = await packageFunction(dir, out);
    assert.deepEqual(second.entries.map((e) => e.name), first.entries.map((e) => e.name));
    assert.ok(!second.entries.some((e) => e.name.endsWith('.zip')));
    assert.deepEqual(second.diagnostics.map((d) => d.rule), ['handler-not-found']);
  });
});

void describe('openPackage', () => {
  void it('unpacks a package with its modes into a temp folder, and dispose removes it', async (t) => {
    const zip = buildZip(path.join(tempDir(t), 'fn.zip'), { bootstrap: { content: '#!/bin/sh\necho hi\n', mode: 0o755 }, 'src/a.txt': 'A'.repeat(100_000), 'empty.txt': '' });
    const opened = await openPackage(zip);
    t.after(() => opened.dispose());
    assert.ok(opened.dir.startsWith(path.resolve(os.tmpdir())) || opened.dir.includes('fgtk-pkg-'));
    assert.equal(statSync(path.join(opened.dir, 'bootstrap')).mode & 0o777, 0o755);
    assert.equal(readFileSync(path.join(opened.dir, 'src/a.txt'), 'utf8'), 'A'.repeat(100_000));
    assert.equal(readFileSync(path.join(opened.dir, 'empty.txt'), 'utf8'), '');
    assert.equal(opened.spec?.family, 'custom');
    assert.equal(opened.spec?.dir, opened.dir);
    await opened.dispose();
    assert.ok(!existsSync(opened.dir));
  });

  void it('PKG-8: refuses entries that would land outside, and writes nothing anywhere', async (t) => {
    const root = tempDir(t);
    const tmpRoot = tempDir(t);
    const zip = path.join(root, 'slip.zip');
    writeFileSync(zip, rawZip([{ name: 'ok.txt', data: Buffer.from('x') }, { name: '../escaped.txt', data: Buffer.from('x') }]));
    await assert.rejects(openPackage(zip, { tmpRoot }), /unsafe.*\.\.\/escaped\.txt|escaped\.txt.*unsafe/);
    assert.deepEqual(readdirSync(tmpRoot), []);
    assert.deepEqual(readdirSync(root), ['slip.zip']);
  });

  void it('(ours) a ZIP bomb is refused: overlapping entries, and an entry that inflates past its declared size', async (t) => {
    const root = tempDir(t);
    const tmpRoot = tempDir(t);
    const overlap = path.join(root, 'overlap.zip');
    writeFileSync(overlap, rawZip([{ name: 'a', data: Buffer.alloc(1 << 20), deflate: true }, { name: 'b', shareWith: 0 }]));
    await assert.rejects(openPackage(overlap, { tmpRoot }), /ZIP bomb/);
    const liar = path.join(root, 'liar.zip');
    writeFileSync(liar, rawZip([{ name: 'index.js', data: Buffer.alloc(50 << 20), deflate: true, declaredSize: 1000 }]));
    await assert.rejects(openPackage(liar, { tmpRoot }), /declared 1000 bytes/);
    assert.deepEqual(readdirSync(tmpRoot), [], 'the temp folder is removed on failure');
  });

  void it('PKG-6: the unpacked total is bounded by what is really inflated', async (t) => {
    const tmpRoot = tempDir(t);
    const zip = buildZip(path.join(tempDir(t), 'big.zip'), { 'a.bin': Buffer.alloc(3 << 20), 'b.bin': Buffer.alloc(3 << 20) });
    await assert.rejects(openPackage(zip, { tmpRoot, maxBytes: 4 << 20 }), /exceeds 4 MB/);
    assert.deepEqual(readdirSync(tmpRoot), []);
  });

  void it('PKG-1: a truncated ZIP is refused with a pointer to fgtk lint', async (t) => {
    const dir = tempDir(t);
    const zip = buildZip(path.join(dir, 'x.zip'), { 'a.txt': 'hello'.repeat(100) });
    writeFileSync(zip, readFileSync(zip).subarray(0, 40));
    await assert.rejects(openPackage(zip), /fgtk lint/);
  });
});
