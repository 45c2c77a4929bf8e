// A launch configuration's `runtime` and `handler`, like `fgtk invoke --runtime --handler`: a folder
// without template.yml becomes a function, and a config's values can be replaced.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { LaunchError, resolveFunction } from '../../../src/core/invoke/launchTarget';

function folder(t: TestContext, files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fgtk-launch-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

void describe('launch configuration: runtime and handler', () => {
  void it('PKG-4: a folder with main.py and no template.yml runs with runtime and handler from launch.json', async (t) => {
    const dir = folder(t, { 'main.py': 'def handler(event, context):\n    return 1\n' });
    await assert.rejects(resolveFunction({ function: dir }), (e: Error) => e instanceof LaunchError && /set "runtime" and "handler"/.test(e.message));
    const spec = await resolveFunction({ function: dir, runtime: 'Python3.9', handler: 'main.handler' });
    assert.deepEqual([spec.family, spec.runtimeName, spec.runtimeVersion, spec.handler, spec.dir], ['python', 'Python3.9', '3.9', 'main.handler', dir]);
  });

  void it('PKG-4: handler in launch.json replaces the config\'s; an unknown runtime is a clear error', async (t) => {
    const dir = folder(t, { 'template.yml': 'Resources:\n  f:\n    Type: HC::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: Node.js20.15\n      MemorySize: 256\n' });
    const spec = await resolveFunction({ function: dir, handler: 'other.main' });
    assert.deepEqual([spec.handler, spec.runtimeName, spec.memoryMB], ['other.main', 'Node.js20.15', 256]);
    await assert.rejects(resolveFunction({ function: dir, runtime: 'Python9' }), /"runtime" in the launch configuration is not a FunctionGraph runtime: Python9/);
  });
});
