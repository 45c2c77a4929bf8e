// Lint rules on PHP handlers (PKG-1, PKG-4): the handler's file and function, read without running PHP.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintFunction } from '../../../src/core/lint';
import { config, tempDir, writeFolder } from './helpers';

const CFG = (handler = 'index.handler', runtime = 'PHP8.3') => config({ Handler: handler, Runtime: runtime, MemorySize: 128, Timeout: 3 });
const rules = async (dir: string) => (await lintFunction(dir)).map((d) => ({ rule: d.rule, message: d.message, fix: d.fix }));

void describe('PHP handler lint', () => {
  it('a PHP7.3 or PHP8.3 function whose index.php defines handler lints clean', async (t) => {
    for (const runtime of ['PHP7.3', 'PHP8.3']) {
      const dir = writeFolder(tempDir(t), { 'template.yml': CFG('index.handler', runtime), 'index.php': '<?php\nfunction handler($event, $context) {\n  return 1;\n}\n' });
      assert.deepEqual(await rules(dir), [], runtime);
    }
  });

  it('PKG-4: the handler file is missing', async (t) => {
    const dir = writeFolder(tempDir(t), { 'template.yml': CFG(), 'main.php': '<?php function other($e, $c) {}\n' });
    const [d] = (await rules(dir)).filter((x) => x.rule === 'handler-not-found');
    assert.match(d.message, /Handler "index\.handler" needs index\.php at the root, which is not in .*\. Create it or correct Handler\./);
  });

  it('PKG-4: another root file defines the function: a fix sets Handler to it', async (t) => {
    const dir = writeFolder(tempDir(t), { 'template.yml': CFG(), 'app.php': '<?php function handler($e, $c) {}\n' });
    const [d] = (await rules(dir)).filter((x) => x.rule === 'handler-not-found');
    assert.match(d.message, /app\.handler defines it/);
    assert.equal((d.fix?.[0] as { newText?: string }).newText, 'app.handler');
  });

  it('PKG-4: the function is missing (a mention in a comment or a method does not count); one other function gets a fix', async (t) => {
    const src = '<?php\n// function handler($event, $context) was renamed\nclass A { function handler() {} }\nfunction main($event, $context) { return 1; }\n';
    const dir = writeFolder(tempDir(t), { 'template.yml': CFG('src/index.handler'), 'src/index.php': src });
    const [d] = (await rules(dir)).filter((x) => x.rule === 'handler-not-found');
    assert.ok(d, 'handler-not-found');
    assert.match(d.message, /src\/index\.php does not define "handler" \(Handler names it\); it defines main\. Set Handler to src\/index\.main, or add function handler\(\$event, \$context\)\./);
    assert.equal((d.fix?.[0] as { newText?: string }).newText, 'src/index.main');
  });

  it('PKG-4: a handler declared in a namespace is not the global function the runtime calls', async (t) => {
    const dir = writeFolder(tempDir(t), { 'template.yml': CFG(), 'index.php': '<?php\nnamespace App;\n\nfunction handler($event, $context) { return 1; }\n' });
    const [d] = (await rules(dir)).filter((x) => x.rule === 'handler-not-found');
    assert.match(d.message, /declares App\\handler inside a namespace, but the runtime calls the global function handler/);
    assert.equal(d.fix, undefined);
  });

  it('PKG-4: a function the file may get from an include is not flagged', async (t) => {
    const dir = writeFolder(tempDir(t), { 'template.yml': CFG(), 'index.php': "<?php\nrequire_once __DIR__ . '/lib.php'; // defines handler\n", 'lib.php': '<?php function handler($e, $c) {}\n' });
    assert.deepEqual((await rules(dir)).filter((x) => x.rule === 'handler-not-found'), []);
  });

  it('PKG-1: index.php in a subfolder: a fix points Handler at it', async (t) => {
    const dir = writeFolder(tempDir(t), { 'template.yml': CFG(), 'composer.json': '{}', 'src/index.php': '<?php function handler($e, $c) {}\n' });
    const [d] = (await rules(dir)).filter((x) => x.rule === 'entry-not-at-root');
    assert.match(d.message, /is at src\/index\.php\. Set Handler to src\/index\.handler/);
  });

  it('PKG-4: a handler with the .php extension gets a fix without it', async (t) => {
    const dir = writeFolder(tempDir(t), { 'template.yml': CFG('index.php'), 'index.php': '<?php function handler($e, $c) {}\n' });
    const [d] = (await rules(dir)).filter((x) => x.rule === 'handler-file-extension');
    assert.equal((d.fix?.[0] as { newText?: string }).newText, 'index.handler');
    assert.equal(path.basename((d.fix?.[0] as { file?: string }).file ?? ''), 'template.yml');
  });
});
