// Hostile and broken ZIPs: the linter answers with diagnostics, in bounded time and memory, and
// never unpacks anything to lint (openPackage's own safety is in test/unit/package/).
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintFunction } from '../../../src/core/lint/index';
import { buildZip, tempDir } from './helpers';
import { rawZip } from './rawZip';

const NODE = { runtime: 'Node.js18.15', handler: 'index.handler' };
const spec = (zip: string, handler = 'index.handler') => ({
  configDir: path.dirname(zip), codeDir: zip, key: zip, name: 'x', runtime: NODE.runtime, runtimeName: NODE.runtime, family: 'nodejs' as const, runtimeVersion: '18.15',
  handler, memoryMB: 128, timeoutS: 3, version: 'latest', packageName: 'default', env: {}, positions: {}, problems: [],
});

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; heapMB: number }> {
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0, heapMB: (process.memoryUsage().rss - before) / 1048576 };
}

void describe('robustness', () => {
  void it('(ours) overlapping-entries ZIP bomb: zip-bomb and unzipped-too-large, nothing inflated', async (t) => {
    const dir = tempDir(t);
    const zeros = Buffer.alloc(20 * 1024 * 1024);
    const entries = [{ name: 'f0000.bin', data: zeros, deflate: true }, ...Array.from({ length: 500 }, (_, i) => ({ name: `f${String(i + 1).padStart(4, '0')}.bin`, shareWith: 0 }))];
    const zip = path.join(dir, 'bomb.zip');
    writeFileSync(zip, rawZip(entries));
    const { value: ds, ms } = await timed(() => lintFunction(zip, {}, { spec: spec(zip, 'f0000.handler') }));
    assert.ok(ds.some((d) => d.rule === 'zip-bomb' && d.severity === 'error'), JSON.stringify(ds.map((d) => d.rule)));
    assert.ok(ds.some((d) => d.rule === 'unzipped-too-large'));
    assert.ok(ms < 10_000, `took ${ms} ms`);
    assert.deepEqual(readdirSync(dir), ['bomb.zip']);
  });

  void it('PKG-1: a truncated ZIP is zip-invalid (cut in half, or missing its last bytes)', async (t) => {
    const dir = tempDir(t);
    const good = buildZip(path.join(dir, 'good.zip'), { 'index.js': 'exports.handler = async () => 1;\n'.repeat(200), bootstrap: 'x' });
    const bytes = (await import('node:fs')).readFileSync(good);
    for (const cut of [Math.floor(bytes.length / 2), bytes.length - 10]) {
      const zip = path.join(dir, `cut-${cut}.zip`);
      writeFileSync(zip, bytes.subarray(0, cut));
      const ds = await lintFunction(zip, {}, { spec: spec(zip) });
      assert.deepEqual(ds.map((d) => d.rule), ['zip-invalid'], `cut at ${cut}`);
      assert.match(ds[0].message, /truncated|not a ZIP/);
    }
    const empty = path.join(dir, 'empty.zip');
    writeFileSync(empty, '');
    assert.deepEqual((await lintFunction(empty)).map((d) => d.rule), ['zip-invalid']);
    const text = path.join(dir, 'text.zip');
    writeFileSync(text, 'this is not a zip at all, just some text that is long enough\n');
    assert.deepEqual((await lintFunction(text)).map((d) => d.rule), ['zip-invalid']);
  });

  void it('PKG-1: 100,000 entries (ZIP64 end record) are read in bounded time', async (t) => {
    const dir = tempDir(t);
    const entries = [{ name: 'index.js', data: Buffer.from('exports.handler = async () => 1;\n') }, ...Array.from({ length: 99_999 }, (_, i) => ({ name: `node_modules/p${i % 100}/f${i}.js` }))];
    const zip = path.join(dir, 'many.zip');
    writeFileSync(zip, rawZip(entries));
    const { value: ds, ms } = await timed(() => lintFunction(zip, {}, { spec: spec(zip) }));
    assert.deepEqual(ds, []);
    assert.ok(ms < 15_000, `took ${ms} ms`);
  });

  void it('(ours) a non-UTF-8 entry name gets entry-name-encoding, the rest is still linted', async (t) => {
    const dir = tempDir(t);
    const zip = path.join(dir, 'latin1.zip');
    writeFileSync(zip, rawZip([{ name: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x6a, 0x73]) }, { name: 'index.js', data: Buffer.from('exports.handler=async()=>1') }]));
    const ds = await lintFunction(zip, {}, { spec: spec(zip) });
    assert.deepEqual(ds.map((d) => d.rule), ['entry-name-encoding']);
    assert.match(ds[0].message, /café\.js/);
  });

  void it('PKG-6: a 2 GB entry (declared in the central directory) is unzipped-too-large, and reading it is bounded', async (t) => {
    const dir = tempDir(t);
    const zip = path.join(dir, 'huge.zip');
    // The handler file itself claims 2 GB: the handler check reads at most 1 MB of it.
    writeFileSync(zip, rawZip([{ name: 'index.js', data: Buffer.from('exports.handler = 1;\n'), declaredSize: 2 ** 31 + 5 }]));
    const { value: ds, ms, heapMB } = await timed(() => lintFunction(zip, {}, { spec: spec(zip) }));
    // A 2 GB entry stored in a few bytes is also a suspicious ratio (zip-bomb warning): both are right.
    const big = ds.find((d) => d.rule === 'unzipped-too-large');
    assert.match(big?.message ?? '', /the code is 2\.1 GB, over the platform.s 1500 MB/);
    assert.deepEqual(ds.filter((d) => d.severity === 'error').map((d) => d.rule), ['unzipped-too-large']);
    assert.ok(ms < 5000 && heapMB < 200, `${ms} ms, ${heapMB} MB`);
  });

  void it('PKG-8: absolute, ".." and backslash entry names are unsafe-entry-path', async (t) => {
    const dir = tempDir(t);
    const zip = path.join(dir, 'slip.zip');
    writeFileSync(zip, rawZip([{ name: '../../evil.sh' }, { name: '/etc/cron.d/x' }, { name: 'dir\\file.js' }, { name: 'index.js', data: Buffer.from('exports.handler=1') }]));
    const ds = (await lintFunction(zip, {}, { spec: spec(zip) })).filter((d) => d.rule === 'unsafe-entry-path');
    assert.deepEqual(ds.map((d) => d.entry), ['../../evil.sh', '/etc/cron.d/x', 'dir\\file.js']);
    assert.deepEqual(readdirSync(dir), ['slip.zip']);
  });
});
