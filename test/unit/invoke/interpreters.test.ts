// Python debugging picks an interpreter that has debugpy: the explicit setting is never overridden;
// else the resolved interpreter if it can import debugpy; else another local Python of the same
// major version that can, with a note; else a clear error saying how to get debugpy.
import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { planLaunch } from '../../../src/core/invoke';
import { clearDebugpyCache, clearInterpreterCache, knownDebugpy, resolveDebugInterpreter, resolveInterpreter } from '../../../src/core/invoke/interpreters';
import { pythonShimCommand } from '../../../src/core/invoke/launch/python';
import { canImportDebugpy as hasDebugpy, PYTHON_WITH_DEBUGPY as WITH_DEBUGPY, tempFunction } from './helpers';

const NO_DEBUGPY_REASON = 'no local python3 can import debugpy (apt-get install python3-debugpy, or pip install debugpy)';

/**
 * A fake `python3` (3.9.18) that answers the version probe but has no debugpy; it counts how often
 * it is asked to import debugpy, to prove the answer is cached.
 */
const FAKE_PYTHON = `#!/bin/sh
case "$2" in
  *debugpy*)
    echo x >> "$0.debugpy-probes"
    case "$2" in *sys.executable*) echo "$0"; echo 3.9.18 ;; esac
    echo "ModuleNotFoundError: No module named 'debugpy'" >&2
    exit 1 ;;
  *sys.executable*) echo "$0"; echo 3.9.18 ;;
  *) exit 2 ;;
esac
`;

const savedPath = process.env.PATH;
let fakeDir = '';
let fake = '';

before(async () => {
  fakeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-fake-python-'));
  fake = path.join(fakeDir, 'python3');
  await fs.writeFile(fake, FAKE_PYTHON, { mode: 0o755 });
});
after(() => fs.rm(fakeDir, { recursive: true, force: true }));
afterEach(async () => {
  process.env.PATH = savedPath;
  clearInterpreterCache();
  clearDebugpyCache();
  await fs.rm(`${fake}.debugpy-probes`, { force: true });
});

const probes = async (): Promise<number> => (await fs.readFile(`${fake}.debugpy-probes`, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

const PY_FUNCTION = {
  'index.py': 'def handler(event, context):\n    return event\n',
  'template.yml': 'HcCrmTemplateVersion: v2\nResources:\n  p:\n    Type: HC::Serverless::Function\n    Properties:\n      Name: p\n      Handler: index.handler\n      Runtime: Python3.9\n',
};

void describe('debug interpreter for Python handlers', () => {
  void it('on this machine: a debug launch gets a Python that can import debugpy, noted when it is not the first on PATH', { skip: WITH_DEBUGPY ? false : NO_DEBUGPY_REASON }, async () => {
    const plain = await resolveInterpreter('Python3.9');
    const chosen = await resolveDebugInterpreter('Python3.9');
    assert.ok(plain && chosen);
    assert.equal(hasDebugpy(chosen.path), true, `${chosen.path} can import debugpy`);
    assert.equal(chosen.version.split('.')[0], '3');
    if (knownDebugpy(plain.path)) {
      assert.equal(chosen.path, plain.path, 'the resolved interpreter is kept when it has debugpy');
    } else {
      assert.match(chosen.note, /^Python3\.9 → .+ \(Python 3\.\d+\.\d+\), the first python3 with debugpy; /);
      assert.ok(chosen.note.includes(`${plain.path} (Python ${plain.version}) cannot import debugpy`), chosen.note);
    }
  });

  void it('the first python3 on PATH lacks debugpy: another Python 3 that has it stands in, probed once', { skip: WITH_DEBUGPY ? false : NO_DEBUGPY_REASON }, async (t) => {
    process.env.PATH = `${fakeDir}${path.delimiter}${path.dirname(WITH_DEBUGPY!)}`;
    const plain = await resolveInterpreter('Python3.9');
    assert.equal(plain?.path, fake, 'without debugging, the first python3 on PATH is used');
    const chosen = await resolveDebugInterpreter('Python3.9', undefined, []);
    assert.ok(chosen);
    assert.notEqual(chosen.path, fake);
    assert.equal(hasDebugpy(chosen.path), true);
    assert.ok(chosen.note.includes(`${fake} (Python 3.9.18) cannot import debugpy`), chosen.note);

    // The Invoker's path: planLaunch starts the shim under debugpy with the chosen Python and logs why.
    const fn = await tempFunction(PY_FUNCTION);
    t.after(() => fn.cleanup());
    const plan = await planLaunch(await fn.spec(), { debug: { kind: 'python' } }, { checkPort: false, debugPort: 5678 });
    assert.deepEqual(plan.errors, []);
    assert.equal(plan.launch?.command, chosen.path);
    assert.equal(plan.launch?.args[2], '-c');
    assert.match(plan.launch?.args[3] ?? '', /debugpy\.listen\(/);
    assert.equal(plan.launch?.args[4], '5678', 'debugpy listens on the planned port');
    assert.ok(plan.notes.includes(`Runtime ${chosen.note}`), plan.notes.join('\n'));
    assert.equal(await probes(), 1, 'the fake was asked about debugpy once, however often we resolve');
  });

  void it('no Python with debugpy: a clear error saying how to install it or set functiongraph.interpreters; the probe is cached', async () => {
    process.env.PATH = fakeDir;
    const chosen = await resolveDebugInterpreter('Python3.9', undefined, []);
    assert.equal(chosen?.path, fake, 'nothing better: the resolved interpreter, unchanged');
    assert.equal(knownDebugpy(fake), false);
    for (let i = 0; i < 2; i++) {
      assert.throws(() => pythonShimCommand(chosen, { kind: 'python', port: 5678 }), (err: Error) =>
        err.message.includes(`${fake} cannot import`) && /pip install debugpy/.test(err.message)
        && /apt-get install python3-debugpy/.test(err.message) && /functiongraph\.interpreters/.test(err.message));
    }
    assert.equal(await probes(), 1, 'one probe per interpreter');
  });

  void it('an interpreter named in the settings is never overridden, even without debugpy', async (t) => {
    const settings = { paths: { python: fake } };
    const chosen = await resolveDebugInterpreter('Python3.9', settings);
    assert.equal(chosen?.path, fake);
    assert.match(chosen.note, /from settings/);
    const fn = await tempFunction(PY_FUNCTION);
    t.after(() => fn.cleanup());
    const plan = await planLaunch(await fn.spec(), { debug: { kind: 'python' }, interpreters: settings }, { checkPort: false, debugPort: 5678 });
    assert.equal(plan.launch, undefined);
    assert.equal(plan.errors.length, 1);
    assert.ok(plan.errors[0].includes(`${fake} cannot import`), plan.errors[0]);
  });

  void it('without debugging nothing is probed for debugpy', async () => {
    process.env.PATH = fakeDir;
    const r = await resolveInterpreter('Python3.9');
    assert.equal(r?.path, fake);
    assert.equal(knownDebugpy(fake), undefined);
    assert.equal(readFileSync(fake, 'utf8'), FAKE_PYTHON);
    assert.equal(await probes(), 0);
  });
});
