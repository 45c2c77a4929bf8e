// Issue 14 for Go 1.x: in a warm session (F5, `fgtk invoke --watch`) a change to the Go sources
// restarts the instance, and the restart builds the handler again first: the next event never
// reaches the stale binary. A compile error then fails the invocation as a build error.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadFunction } from '../../../../src/core/config';
import { Invoker } from '../../../../src/core/invoke';
import { prepareFunction } from '../../../../src/core/invoke/prepare';
import { GO_FIXTURES, GO_STANDIN } from './goFixtures';

void test('Go 1.x: after a source change the restart rebuilds the handler before the next event; a compile error is a build failure', { timeout: 300_000 }, async (t) => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fgtk-go-rebuild-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const dir = path.join(root, 'gofn');
  mkdirSync(dir);
  const main = path.join(dir, 'main.go');
  copyFileSync(path.join(GO_FIXTURES, 'behaviours', 'main.go'), main);
  writeFileSync(path.join(dir, 'go.mod'), `module example.com/gofn\n\ngo 1.20\n\nrequire huaweicloud.com/go-runtime v0.0.0-00010101000000-000000000000\n\nreplace huaweicloud.com/go-runtime => ${GO_STANDIN}\n`);
  writeFileSync(path.join(dir, 'template.yml'), [
    'HcCrmTemplateVersion: v2', 'Resources:', '  gofn:', '    Type: HC::Serverless::Function', '    Properties:',
    '      Name: gofn', '      Handler: handler', '      Runtime: Go1.x', '      MemorySize: 128', '      Timeout: 10', '',
  ].join('\n'));
  const spec = (await loadFunction(dir))!;
  const event = '{"do":"string","value":"x"}';

  // As fgtk invoke and F5 do: the build ahead of pre-flight, then the warm instance.
  assert.deepEqual(await prepareFunction(spec, { debug: false, onLine: () => undefined }).then((r) => r.ok), true);
  const invoker = new Invoker(spec, { timeoutS: 10 });
  t.after(() => invoker.dispose());
  const logs: string[] = [];
  invoker.on('log', (l) => logs.push(l.text));
  const first = await invoker.invoke(event);
  assert.equal(first.outputText, 'plain x', JSON.stringify(first.error));
  assert.equal(logs.some((l) => /go build/.test(l)), false, 'the cold start found the handler up to date');

  writeFileSync(main, readFileSync(main, 'utf8').replace('"plain " + e.Value', '"changed " + e.Value'));
  invoker.restartBeforeNextEvent('main.go');
  const second = await invoker.invoke(event);
  assert.equal(second.outputText, 'changed x', `the rebuilt handler answers\n${logs.join('\n')}`);
  assert.equal(second.coldStart, true);
  assert.ok(logs.some((l) => /go build -o handler/.test(l)), logs.join('\n'));
  assert.ok(logs.some((l) => /Built handler in \d+ ms/.test(l)), logs.join('\n'));

  writeFileSync(path.join(dir, 'broken.go'), 'package main\n\nfunc broken() { notDefined() }\n');
  invoker.restartBeforeNextEvent('broken.go');
  const broken = await invoker.invoke(event);
  assert.notEqual(broken.status, 'ok');
  assert.equal(broken.error?.errorType, 'BuildFailed', JSON.stringify(broken.error));
  assert.ok(logs.some((l) => /broken\.go:3:\d+: undefined: notDefined/.test(l)), logs.join('\n'));
});
