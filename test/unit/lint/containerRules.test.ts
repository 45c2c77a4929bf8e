// The two container rules that had no test: a ZIP with the same entry twice, and a folder too big to walk.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadFunction } from '../../../src/core/config/index';
import { FolderView } from '../../../src/core/archive/folderView';
import { lintFunction, lintView } from '../../../src/core/lint/index';
import { config, tempDir, writeFolder } from './helpers';
import { rawZip } from './rawZip';

const HANDLER = Buffer.from('exports.handler = async () => 1;\n');

void describe('container rules', () => {
  void it('(ours) duplicate-entry: a ZIP holding index.js twice gets one warning naming the entry', async (t) => {
    const dir = tempDir(t);
    const zip = path.join(dir, 'dup.zip');
    writeFileSync(zip, rawZip([{ name: 'index.js', data: HANDLER }, { name: 'lib.js', data: Buffer.from('') }, { name: 'index.js', data: Buffer.from('exports.handler = 2;\n') }]));
    const ds = (await lintFunction(zip, {}, { spec: nodeSpec(zip) })).filter((d) => d.rule === 'duplicate-entry');
    assert.equal(ds.length, 1, JSON.stringify(ds));
    assert.equal(ds[0].severity, 'warning');
    assert.equal(ds[0].entry, 'index.js');
    assert.match(ds[0].message, /"index\.js" appears more than once.*Build the ZIP again/);
  });

  void it('(ours) duplicate-entry: distinct entries are quiet', async (t) => {
    const dir = tempDir(t);
    const zip = path.join(dir, 'ok.zip');
    writeFileSync(zip, rawZip([{ name: 'index.js', data: HANDLER }, { name: 'lib/index.js', data: Buffer.from('') }]));
    assert.deepEqual((await lintFunction(zip, {}, { spec: nodeSpec(zip) })).filter((d) => d.rule === 'duplicate-entry'), []);
  });

  void it('(ours) too-many-entries: a folder past the walk limit says the linter saw only the first N files', async (t) => {
    const files: Record<string, string> = { 'template.yml': config({ Handler: 'index.handler', Runtime: 'Node.js18.15' }), 'index.js': HANDLER.toString() };
    for (let i = 0; i < 30; i++) files[`data/f${i}.txt`] = '';
    const dir = writeFolder(tempDir(t), files);
    const spec = await loadFunction(dir);
    const limited = await lintView(await FolderView.open(dir, { maxEntries: 10 }), spec);
    const hits = limited.filter((d) => d.rule === 'too-many-entries');
    assert.equal(hits.length, 1, JSON.stringify(limited.map((d) => d.rule)));
    assert.equal(hits[0].severity, 'warning');
    assert.match(hits[0].message, /more than 10 files.*first 10 only.*\.fgtkignore/);
    const whole = await lintView(await FolderView.open(dir, { maxEntries: 100 }), spec);
    assert.deepEqual(whole.filter((d) => d.rule === 'too-many-entries'), []);
  });
});

function nodeSpec(zip: string) {
  return {
    dir: zip, name: 'x', runtime: 'Node.js18.15', runtimeName: 'Node.js18.15', family: 'nodejs' as const, runtimeVersion: '18.15',
    handler: 'index.handler', memoryMB: 128, timeoutS: 3, version: 'latest', packageName: 'default', env: {}, positions: {}, problems: [],
  };
}
