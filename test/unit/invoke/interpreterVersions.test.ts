// Runtime minor versions count: Python3.9 prefers a local python3.9, and any other version (3.11,
// or Node.js 20.19 for Node.js20.15) is run with a warning that says which versions differ.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { clearInterpreterCache, parseInterpreterPairs, resolveInterpreter } from '../../../src/core/invoke/interpreters';

/** A fake Python that answers the version probe with `version` and its own path. */
const fakePython = (version: string) => `#!/bin/sh\ncase "$2" in *sys.executable*) echo "$0"; echo ${version} ;; *) exit 2 ;; esac\n`;

const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
  clearInterpreterCache();
});

async function fakeBin(t: import('node:test').TestContext, pythons: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-fake-bin-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  for (const [name, version] of Object.entries(pythons)) await fs.writeFile(path.join(dir, name), fakePython(version), { mode: 0o755 });
  process.env.PATH = dir;
  clearInterpreterCache();
  return dir;
}

void describe('interpreter versions', () => {
  void it('ENV-3: Python3.9 runs on python3.9 when there is one, ahead of python3, with no warning', async (t) => {
    const dir = await fakeBin(t, { python3: '3.11.4', 'python3.9': '3.9.18' });
    const r = await resolveInterpreter('Python3.9');
    assert.equal(r?.path, path.join(dir, 'python3.9'));
    assert.equal(r?.mismatch, undefined);
  });

  void it('ENV-3: without python3.9, python3 (3.11) runs Python3.9 with a warning naming both versions', async (t) => {
    const dir = await fakeBin(t, { python3: '3.11.4' });
    const r = await resolveInterpreter('Python3.9');
    assert.equal(r?.path, path.join(dir, 'python3'));
    assert.match(r?.mismatch ?? '', /Python3\.9 runs on Python 3\.9 on the platform, but the local interpreter is Python 3\.11\.4/);
  });

  void it('ENV-3: a Node.js minor version other than the runtime\'s is warned about too', async () => {
    const [maj, min] = process.versions.node.split('.');
    const other = `${maj}.${Number(min) === 15 ? 16 : 15}`;
    const r = await resolveInterpreter(`Node.js${other}`);
    assert.match(r?.mismatch ?? '', new RegExp(`runs on Node\\.js ${other.replace('.', '\\.')} on the platform, but the local interpreter is Node\\.js ${process.versions.node.replace(/\./g, '\\.')}`));
    const same = await resolveInterpreter(`node${maj}.${min}`);
    assert.equal(same?.mismatch, undefined);
  });

  void it('RUNTIME=PATH pairs from options and the environment variable', () => {
    assert.deepEqual(parseInterpreterPairs(['Python3.9=/usr/bin/python3.9', 'Node.js20.15=/opt/node/bin/node,python=/usr/bin/python3']), {
      'Python3.9': '/usr/bin/python3.9', 'Node.js20.15': '/opt/node/bin/node', python: '/usr/bin/python3',
    });
    assert.deepEqual(parseInterpreterPairs(['']), {});
    assert.throws(() => parseInterpreterPairs(['python3']), /RUNTIME=PATH/);
    assert.throws(() => parseInterpreterPairs(['Python3.9=']), /RUNTIME=PATH/);
  });
});
