// The PHP shim end to end: a user's unchanged `function handler($event, $context)`, run by the real
// Invoker through the runtime API with the local php, exactly as `fgtk invoke` and F5 run it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { groupMembers } from '../../../src/core/process/procfs';
import { assertEchoedContext, CREDENTIALS, invokerFor, logText, makeFunction, outputJson, PROJECT, SAMPLES_DIR } from './harness';

const METHODS = ['getRequestID', 'getRemainingTimeInMilliSeconds', 'getAccessKey', 'getSecretKey', 'getSecurityAccessKey',
  'getSecuritySecretKey', 'getSecurityToken', 'getToken', 'getFunctionName', 'getRunningTimeInSeconds', 'getVersion',
  'getMemorySize', 'getCPUNumber', 'getPackage', 'getProjectID', 'getAlias'];

// Re-encodes the event it got, says whether it came as an object, and calls every context method.
const PHP_ECHO = `<?php
function handler($event, $context) {
  $ctx = [];
  foreach (${JSON.stringify(METHODS).replace(/"/g, "'")} as $m) { $ctx[$m] = $context->$m(); }
  $ctx['getUserData'] = $context->getUserData('GREETING');
  $ctx['missingUserData'] = $context->getUserData('NOPE') === null;
  $logger = $context->getLogger();
  $logger->info('echo %s', 'logged');
  $logger->debug('a debug line');
  $logger->warn('a warning');
  $logger->error('an error');
  return ['event' => $event, 'isObject' => is_object($event), 'ctx' => $ctx];
}
`;

const LOG_LINE = (level: string, text: string) => new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (\\S+) ${level} ${text}$`);
const samples = readdirSync(SAMPLES_DIR).filter((n) => n.endsWith('.json')).sort();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

void describe('PHP shim', () => {
  void test('RT-1/RT-2/INV-6: every real sample event reaches a PHP handler decoded as objects, with every context method and a levelled logger', async (t) => {
    assert.ok(samples.length >= 20, `expected the real samples in ${SAMPLES_DIR}`);
    const spec = await makeFunction(t, { 'index.php': PHP_ECHO }, { runtime: 'PHP8.3', timeout: 7, memory: 512, env: { GREETING: 'hello from the config' } });
    const invoker = invokerFor(t, spec, { credentials: CREDENTIALS, projectId: PROJECT });
    for (const name of samples) {
      const raw = readFileSync(path.join(SAMPLES_DIR, name));
      const result = await invoker.invoke(raw);
      assert.equal(result.status, 'ok', `${name}: ${result.outputText}\n${logText(result)}`);
      const { event, isObject, ctx } = outputJson(result) as { event: unknown; isObject: boolean; ctx: Record<string, unknown> };
      const parsed = JSON.parse(raw.toString('utf8')) as unknown;
      // PHP's encoder writes an empty object {} back as [] only when it was decoded as an array: objects survive.
      assert.deepEqual(event, parsed, `${name}: the handler got the event as decoded JSON`);
      assert.equal(isObject, typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed), `${name}: JSON objects arrive as PHP objects ($event->field)`);
      assertEchoedContext(ctx, result, name);
      for (const [level, text] of [['INFO', 'echo logged'], ['DEBUG', 'a debug line'], ['WARN', 'a warning'], ['ERROR', 'an error']]) {
        const logged = result.logs.map((l) => LOG_LINE(level, text).exec(l.text)).find(Boolean);
        assert.ok(logged, `${name}: the logger wrote "<UTC time> <request ID> ${level} ${text}"; logs:\n${logText(result)}`);
        assert.equal(logged[1], result.requestId);
      }
    }
  });

  void test('RT-2: credentials are empty strings when none are configured (API-2 sends no headers)', async (t) => {
    const spec = await makeFunction(t, { 'index.php': PHP_ECHO }, { runtime: 'PHP7.3' });
    const result = await invokerFor(t, spec).invoke('{}');
    const { ctx, event } = outputJson(result) as { ctx: Record<string, unknown>; event: unknown };
    assert.deepEqual(event, {}, 'an empty object stays an object');
    for (const m of ['getAccessKey', 'getSecretKey', 'getSecurityAccessKey', 'getSecuritySecretKey', 'getSecurityToken', 'getToken']) {
      assert.equal(ctx[m], '', m);
    }
  });

  void test('PKG-4: src/index.handler loads src/index.php once per instance, at the top level (its globals are globals)', async (t) => {
    const code = `<?php
$loads = ($loads ?? 0) + 1;
$calls = 0;
echo "loading index.php\\n";
function handler($event, $context) {
  global $loads, $calls;
  $calls++;
  return ['loads' => $loads, 'calls' => $calls, 'path' => $event->path, 'cwd' => getcwd()];
}
`;
    const spec = await makeFunction(t, { 'src/index.php': code }, { runtime: 'PHP8.3', handler: 'src/index.handler' });
    const invoker = invokerFor(t, spec);
    const first = await invoker.invoke('{"path": "/a"}');
    assert.equal(first.status, 'ok', `${first.outputText}\n${logText(first)}`);
    assert.deepEqual(outputJson(first), { loads: 1, calls: 1, path: '/a', cwd: spec.codeDir });
    const second = await invoker.invoke('{"path": "/b"}');
    assert.deepEqual(outputJson(second), { loads: 1, calls: 2, path: '/b', cwd: spec.codeDir }, 'the warm instance did not load the file again');
    assert.equal(second.coldStart, false);
  });

  void test('ENV: a PHP7.3 function on the local PHP 8 gets a version warning; the interpreter is named', async (t) => {
    const spec = await makeFunction(t, { 'index.php': '<?php function handler($e, $c) { return PHP_VERSION; }\n' }, { runtime: 'PHP7.3' });
    const result = await invokerFor(t, spec).invoke('{}');
    assert.equal(result.status, 'ok', result.outputText);
    const text = logText(result);
    assert.match(text, new RegExp(`Runtime PHP7\\.3 → \\S+ \\(PHP ${escapeRe(result.outputText)}, from PATH\\)`));
    assert.match(text, new RegExp(`PHP7\\.3 runs on PHP 7\\.3 on the platform, but the local interpreter is PHP ${escapeRe(result.outputText)}`));
  });

  void test('PKG-4: no local php is a pre-flight error that says what to install or set', async (t) => {
    const spec = await makeFunction(t, { 'index.php': '<?php function handler($e, $c) { return 1; }\n' }, { runtime: 'PHP8.3' });
    const result = await invokerFor(t, spec, { interpreters: { paths: { php: '/nonexistent/php' } } }).invoke('{}');
    assert.equal(result.status, 'error');
    assert.equal(result.error?.errorType, 'PreflightError');
    assert.match(result.error?.errorMessage ?? '', /No local PHP interpreter was found for PHP8\.3\. Install php, or set its path in the settings \(functiongraph\.interpreters, e\.g\. \{"PHP8\.3": "\/usr\/bin\/php"\}\)/);
  });
});

void describe('PHP shim: results and errors', () => {
  const CODE = `<?php
function text($event, $context) { return 'plain text, not JSON'; }
function data($event, $context) { return ['doubled' => $event->n * 2, 'unicode' => '函数', 'url' => 'a/b', 'list' => [1, 2]]; }
function nothing($event, $context) { }
function number($event, $context) { return 1.5; }
function obj($event, $context) { $o = new stdClass(); $o->n = $event->n; return $o; }
function apig($event, $context) { return ['statusCode' => 200, 'headers' => ['Content-Type' => 'application/json'], 'isBase64Encoded' => false, 'body' => json_encode(['path' => $event->path])]; }
function fails($event, $context) { helper($event); }
function helper($event) { throw new InvalidArgumentException('handler exploded'); }
function typeError($event, $context) { return strlen(); }
function unencodable($event, $context) { return ['bad' => "\\xB1\\x31"]; }
function custom($event, $context) { throw new class('custom failure') extends RuntimeException {}; }
`;
  const ok: [string, string, (output: Buffer) => void][] = [
    ['text', 'RT-3: a returned string is passed as is', (o) => assert.equal(o.toString(), 'plain text, not JSON')],
    ['data', 'RT-3: an array is JSON-encoded (UTF-8 and slashes as they are)', (o) => assert.equal(o.toString(), '{"doubled":6,"unicode":"函数","url":"a/b","list":[1,2]}')],
    ['nothing', 'RT-3: no return value becomes JSON null', (o) => assert.equal(o.toString(), 'null')],
    ['number', 'RT-3: a number is JSON', (o) => assert.equal(o.toString(), '1.5')],
    ['obj', 'RT-3: an object is JSON', (o) => assert.deepEqual(JSON.parse(o.toString()), { n: 3 })],
  ];
  for (const [handler, title, check] of ok) {
    void test(title, async (t) => {
      const spec = await makeFunction(t, { 'index.php': CODE }, { runtime: 'PHP8.3', handler: `index.${handler}` });
      const result = await invokerFor(t, spec).invoke('{"n": 3}');
      assert.equal(result.status, 'ok', `${result.outputText}\n${logText(result)}`);
      check(result.output);
    });
  }

  void test('HTTP-4: an APIG answer in the gateway shape passes without a warning', async (t) => {
    const spec = await makeFunction(t, { 'index.php': CODE }, { runtime: 'PHP8.3', handler: 'index.apig' });
    const event = readFileSync(path.join(SAMPLES_DIR, 'apig_event.json'));
    const result = await invokerFor(t, spec).invoke(event);
    assert.equal(result.status, 'ok', result.outputText);
    assert.deepEqual(result.warnings, []);
    assert.equal((outputJson(result) as { statusCode: number }).statusCode, 200);
  });

  void test('RT-3/INV-3: an uncaught Throwable becomes {errorMessage, errorType, stackTrace} with the user\'s frames only', async (t) => {
    const spec = await makeFunction(t, { 'index.php': CODE }, { runtime: 'PHP8.3', handler: 'index.fails' });
    const result = await invokerFor(t, spec).invoke('{}');
    assert.equal(result.status, 'error');
    const body = outputJson(result) as { errorType: string; errorMessage: string; stackTrace: string[] };
    assert.equal(body.errorType, 'InvalidArgumentException');
    assert.equal(body.errorMessage, 'handler exploded');
    const file = path.join(spec.codeDir, 'index.php');
    assert.equal(body.stackTrace[0], `${file}(9)`, 'first where it was thrown');
    assert.ok(body.stackTrace.some((l) => l.startsWith(`${file}(8): helper()`)), body.stackTrace.join('\n'));
    assert.ok(!body.stackTrace.some((l) => l.includes('runtime.php')), 'the shim\'s own frames are left out');
    assert.equal(result.error?.errorType, 'InvalidArgumentException');
  });

  void test('INV-3: PHP engine errors (TypeError, ArgumentCountError) and anonymous exception classes fail the invocation, not the instance', async (t) => {
    const spec = await makeFunction(t, { 'index.php': CODE }, { runtime: 'PHP8.3', handler: 'index.typeError' });
    const invoker = invokerFor(t, spec);
    const result = await invoker.invoke('{}');
    assert.equal(result.status, 'error');
    assert.equal(result.error?.errorType, 'ArgumentCountError');
    assert.match(result.error?.errorMessage ?? '', /strlen\(\) expects exactly 1 argument, 0 given/);
    const again = await invoker.invoke('{}');
    assert.equal(again.coldStart, false, 'the same instance answers again');
    const custom = await makeFunction(t, { 'index.php': CODE }, { runtime: 'PHP8.3', handler: 'index.custom' });
    const c = await invokerFor(t, custom).invoke('{}');
    assert.equal(c.status, 'error');
    assert.match(c.error?.errorType ?? '', /^RuntimeException@anonymous/);
    assert.equal(c.error?.errorMessage, 'custom failure');
  });

  void test('RT-3: a result that cannot be JSON-encoded fails clearly', async (t) => {
    const spec = await makeFunction(t, { 'index.php': CODE }, { runtime: 'PHP8.3', handler: 'index.unencodable' });
    const result = await invokerFor(t, spec).invoke('{}');
    assert.equal(result.status, 'error');
    assert.equal(result.error?.errorType, 'JsonException');
    assert.match(result.error?.errorMessage ?? '', /the result could not be JSON-encoded: Malformed UTF-8/);
  });

  void test('RT-1: an event that is not JSON fails with a message saying so', async (t) => {
    const spec = await makeFunction(t, { 'index.php': CODE }, { runtime: 'PHP8.3', handler: 'index.text' });
    const result = await invokerFor(t, spec).invoke('this is not json');
    assert.equal(result.status, 'error');
    assert.equal(result.error?.errorType, 'InvalidEvent');
    assert.match(result.error?.errorMessage ?? '', /not valid JSON \(Syntax error\)/);
  });
});

void describe('PHP shim: bad code gets a clear message, never a hang or an orphan', () => {
  void test('PKG-4: a syntax error in the handler file is reported at once with the file and line, on every invocation', async (t) => {
    const spec = await makeFunction(t, { 'src/index.php': '<?php\nfunction handler($event, $context) {\n  $x = ;\n  return $x;\n}\n' }, { runtime: 'PHP8.3', handler: 'src/index.handler', timeout: 30 });
    const invoker = invokerFor(t, spec);
    for (const attempt of [1, 2]) {
      const started = Date.now();
      const result = await invoker.invoke('{}');
      assert.equal(result.status, 'error', `attempt ${attempt}: ${result.outputText}`);
      assert.equal(result.error?.errorType, 'ParseError');
      assert.match(result.error?.errorMessage ?? '', /^syntax error, unexpected token ";" in src\/index\.php on line 3$/);
      assert.ok(Date.now() - started < 10_000, 'answered well before the 30 s timeout');
      if (attempt === 1) assert.match(logText(result), /Loading src\/index\.php failed: ParseError: syntax error/, 'the cold start\'s log says so too');
    }
  });

  void test('PKG-4: a missing handler function is named with the file and what it does define', async (t) => {
    const spec = await makeFunction(t, { 'index.php': '<?php\nfunction handle($e, $c) { return 1; }\nfunction other($e, $c) { return 2; }\n' }, { runtime: 'PHP8.3', handler: 'index.handler' });
    const result = await invokerFor(t, spec).invoke('{}');
    assert.equal(result.status, 'error');
    assert.equal(result.error?.errorType, 'HandlerNotFound');
    assert.equal(result.error?.errorMessage, 'handler index.handler not found: index.php has no function "handler" (it defines: handle, other)');
  });

  void test('PKG-4: a missing handler file is named with the folder it was looked for in', async (t) => {
    const spec = await makeFunction(t, { 'index.php': '<?php function handler($e, $c) { return 1; }\n' }, { runtime: 'PHP8.3', handler: 'src/main.handler' });
    const result = await invokerFor(t, spec).invoke('{}');
    assert.equal(result.status, 'error');
    assert.equal(result.error?.errorType, 'HandlerNotFound');
    assert.match(result.error?.errorMessage ?? '', new RegExp(`^handler src/main\\.handler not found: no file src/main\\.php in ${escapeRe(spec.codeDir)}$`));
  });

  void test('INV-1: a fatal error (exit, memory) crashes the instance with PHP\'s message in the report; the next invocation gets a fresh one', async (t) => {
    const code = `<?php
function handler($event, $context) {
  if ($event->crash) { ini_set('memory_limit', '16M'); $a = str_repeat('x', 64 * 1024 * 1024); }
  return 'survived';
}
`;
    const spec = await makeFunction(t, { 'index.php': code }, { runtime: 'PHP8.3' });
    const invoker = invokerFor(t, spec);
    const first = await invoker.invoke('{"crash": true}');
    assert.equal(first.status, 'crashed', first.outputText);
    assert.match(first.error?.errorMessage ?? '', /Allowed memory size of 16777216 bytes exhausted/);
    const second = await invoker.invoke('{"crash": false}');
    assert.equal(second.status, 'ok', second.outputText);
    assert.equal(second.coldStart, true, 'the crashed instance was replaced');
    assert.equal(second.outputText, 'survived');
  });

  void test('INV-1: a handler that runs past the timeout is stopped with its whole process; no php process is left behind', async (t) => {
    const code = '<?php\nfunction handler($event, $context) { if ($event->sleep) { sleep(30); } return "awake"; }\n';
    // Timeout: 3 is the platform's least (the config check refuses less): 1 s comes from the options, as --timeout gives it.
    const spec = await makeFunction(t, { 'index.php': code }, { runtime: 'PHP8.3', timeout: 3 });
    const invoker = invokerFor(t, spec, { timeoutS: 1 });
    await invoker.invoke('{"sleep": false}');
    const pid = invoker.instancePid;
    assert.ok(pid, 'an instance runs');
    const result = await invoker.invoke('{"sleep": true}');
    assert.equal(result.status, 'timeout');
    assert.equal(invoker.instancePid, undefined);
    assert.deepEqual(await groupMembers(pid), [], 'the timed-out instance\'s processes are gone');
    const next = await invoker.invoke('{"sleep": false}');
    assert.equal(next.status, 'ok');
    assert.equal(next.coldStart, true);
  });
});

void describe('PHP shim: initializer', () => {
  const INIT = `<?php
$inits = 0;
$calls = 0;
function initializer($context) { global $inits; $inits++; $context->getLogger()->info('init ran'); }
function failingInit($context) { throw new RuntimeException('database unreachable'); }
function slowInit($context) { sleep(30); }
function handler($event, $context) { global $inits, $calls; $calls++; return ['inits' => $inits, 'calls' => $calls]; }
`;
  void test('INV-7: the initializer runs once per instance, before the first handler call', async (t) => {
    const spec = await makeFunction(t, { 'index.php': INIT }, { runtime: 'PHP8.3', initializer: 'index.initializer' });
    const invoker = invokerFor(t, spec);
    const first = await invoker.invoke('{}');
    assert.equal(first.status, 'ok', `${first.outputText}\n${logText(first)}`);
    assert.deepEqual(outputJson(first), { inits: 1, calls: 1 });
    assert.deepEqual(outputJson(await invoker.invoke('{}')), { inits: 1, calls: 2 }, 'not run again on a warm instance');
  });

  void test('INV-7: an initializer in another file is loaded too', async (t) => {
    const spec = await makeFunction(t, {
      'init.php': '<?php function setup($context) { $GLOBALS["ready"] = "yes"; }\n',
      'index.php': '<?php function handler($e, $c) { return $GLOBALS["ready"] ?? "no"; }\n',
    }, { runtime: 'PHP8.3', initializer: 'init.setup' });
    const result = await invokerFor(t, spec).invoke('{}');
    assert.equal(result.outputText, 'yes', logText(result));
  });

  void test('INV-7: a failing initializer fails every invocation with a clear message', async (t) => {
    const spec = await makeFunction(t, { 'index.php': INIT }, { runtime: 'PHP8.3', initializer: 'index.failingInit' });
    const invoker = invokerFor(t, spec);
    for (const attempt of [1, 2]) {
      const result = await invoker.invoke('{}');
      assert.equal(result.status, 'error', `attempt ${attempt}`);
      assert.equal(result.error?.errorType, 'RuntimeException');
      assert.equal(result.error?.errorMessage, 'Initializer index.failingInit failed: database unreachable', `attempt ${attempt}`);
    }
  });

  void test('INV-7: the initializer has its own timeout', async (t) => {
    const spec = await makeFunction(t, { 'index.php': INIT }, { runtime: 'PHP8.3', initializer: 'index.slowInit', initializerTimeout: 1, timeout: 10 });
    const started = Date.now();
    const result = await invokerFor(t, spec).invoke('{}');
    assert.equal(result.status, 'error', result.outputText);
    assert.equal(result.error?.errorType, 'InitializerTimeout');
    assert.match(result.error?.errorMessage ?? '', /Initializer index\.slowInit failed: timed out after 1 s/);
    assert.ok(Date.now() - started < 8000, 'failed at the initializer timeout, not the function timeout');
  });

  void test('INV-7: an initializer that does not exist fails the invocation naming it', async (t) => {
    const spec = await makeFunction(t, { 'index.php': INIT }, { runtime: 'PHP8.3', initializer: 'index.nope' });
    const result = await invokerFor(t, spec).invoke('{}');
    assert.equal(result.status, 'error');
    assert.match(result.error?.errorMessage ?? '', /^Initializer index\.nope failed: initializer index\.nope not found: index\.php has no function "nope"/);
  });
});
