// `fgtk invoke` as users run it: the built CLI (dist/cli.js) in a child process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { FIXTURES, REPO, alive, eventually, liveGroupMembers, pgidOf } from '../invoke/helpers';

const CLI = path.join(REPO, 'dist', 'cli.js');

interface Run { code: number | null; signal: string | null; stdout: string; stderr: string }

function fgtk(args: string[], opts: { stdin?: string; env?: Record<string, string>; onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FGTK_LOCALE: 'en', ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      opts.onStdout?.(stdout, (s) => child.kill(s));
    });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdin.end(opts.stdin ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const hello = path.join(REPO, 'examples', 'hello-shell');
const nodeEcho = path.join(FIXTURES, 'node-echo');

void describe('fgtk invoke', () => {
  before(() => {
    assert.equal(existsSync(CLI), true, 'run npm run build first (test/run-all.mjs does)');
  });

  void it('runs the README example: the official shell sample with its event', async () => {
    const r = await fgtk(['invoke', 'examples/hello-shell', '--event', 'examples/hello-shell/events/hello.json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Echoing request: hello world!\n');
    assert.match(r.stderr, /REPORT RequestId: [0-9a-f-]+\tStatus: ok\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms/);
    assert.match(r.stderr, /dash/);
  });

  void it('--json prints one object per invocation with the summary fields; events in order, --repeat repeats the list', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-cli-'));
    try {
      await fs.writeFile(path.join(dir, 'a.json'), '{"n":"a"}');
      await fs.writeFile(path.join(dir, 'b.json'), '{"n":"b"}');
      const r = await fgtk(['invoke', nodeEcho, '--json', '-e', path.join(dir, 'a.json'), '--event', path.join(dir, 'b.json'), '--repeat', '2', '--memory', '256', '--env', 'K=V']);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.deepEqual(lines.map((l) => l.output), ['{"n":"a"}', '{"n":"b"}', '{"n":"a"}', '{"n":"b"}']);
      for (const l of lines) {
        assert.equal(l.status, 'ok');
        assert.match(String(l.requestId), /^[0-9a-f-]{36}$/);
        for (const k of ['durationMs', 'billedDurationMs', 'memorySizeMB', 'maxMemoryUsedMB']) assert.equal(typeof l[k], 'number', k);
        assert.equal(l.memorySizeMB, 256);
        assert.equal(Array.isArray(l.logs), true);
      }
      assert.equal(typeof lines[0].initDurationMs, 'number');
      assert.equal(lines[1].initDurationMs, undefined);
      assert.equal(r.stderr, '');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  void it('no --event sends {}; "-" reads the event from stdin', async () => {
    const none = await fgtk(['invoke', nodeEcho]);
    assert.equal(none.stdout, '{}\n');
    const piped = await fgtk(['invoke', nodeEcho, '-e', '-'], { stdin: '{"from":"stdin ✓"}' });
    assert.equal(piped.code, 0);
    assert.equal(piped.stdout, '{"from":"stdin ✓"}\n');
  });

  void it('exit 1 when an invocation fails, with the INV-3 error on stdout and the reason on stderr', async () => {
    const r = await fgtk(['invoke', nodeEcho, '-e', '-'], { stdin: '{"cmd":"error","message":"nope"}' });
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), { errorType: 'BadThing', errorMessage: 'nope' });
    assert.match(r.stderr, /Status: error/);
    const t = await fgtk(['invoke', nodeEcho, '--timeout', '1', '--json', '-e', '-'], { stdin: '{"cmd":"hang"}' });
    assert.equal(t.code, 1);
    assert.equal((JSON.parse(t.stdout) as { status: string }).status, 'timeout');
  });

  void it('bad input is a usage error (exit 2) with a message, never a crash', async () => {
    const cases: [string[], RegExp][] = [
      [['invoke', '/no/such/folder'], /does not exist/],
      [['invoke', os.tmpdir() + '/'], /No function in/],
      [['invoke', nodeEcho, '--event', '/no/such/event.json'], /does not exist/],
      [['invoke', nodeEcho, '--event', os.tmpdir()], /is a folder/],
      [['invoke', nodeEcho, '--repeat', '0'], /--repeat needs a positive whole number/],
      [['invoke', nodeEcho, '--memory', 'lots'], /--memory needs a positive whole number/],
      [['invoke', nodeEcho, '--timeout=-1'], /--timeout needs a positive number/],
      [['invoke', nodeEcho, '--env', 'NOEQUALS'], /KEY=VALUE/],
      [['invoke', nodeEcho, '--frobnicate'], /Unknown option/],
      [['invoke', nodeEcho, hello], /at most one/],
      [['invoke', path.join(hello, 'bootstrap')], /is not a folder/],
    ];
    for (const [args, message] of cases) {
      const r = await fgtk(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(r.stdout, '');
    }
  });

  void it('pre-flight errors stop before anything starts (exit 2)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-cli-'));
    try {
      await fs.writeFile(path.join(dir, 'bootstrap'), '#!/bin/sh\r\necho hi\r\n', { mode: 0o644 });
      const r = await fgtk(['invoke', dir]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /not executable/);
      assert.match(r.stderr, /CRLF/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  void it('PKG-1: a deployment .zip runs from a private unpacked copy that is removed afterwards', async () => {
    const AdmZip = (await import('adm-zip')).default;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-cli-'));
    try {
      const zip = new AdmZip();
      // adm-zip stores the Unix mode in the high 16 bits of the external attributes (PKG-2).
      zip.addFile('bootstrap', await fs.readFile(path.join(nodeEcho, 'bootstrap')), '', 0o755);
      const file = path.join(dir, 'fn.zip');
      zip.writeZip(file);
      // A temp folder of this test's own: other tests (and other users of /tmp) unpack ZIPs at the same time.
      const tmp = await fs.mkdtemp(path.join(dir, 'tmp-'));
      let seenWhileRunning: string[] = [];
      const r = await fgtk(['invoke', file, '-e', '-'], {
        stdin: '{"zipped":true}', env: { TMPDIR: tmp },
        onStdout: () => { seenWhileRunning = readdirSync(tmp); },
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '{"zipped":true}\n');
      assert.ok(seenWhileRunning.some((n) => n.startsWith('fgtk-pkg-')), `the ZIP ran from a copy unpacked under TMPDIR (saw ${seenWhileRunning.join(', ') || 'nothing'})`);
      assert.deepEqual((await fs.readdir(tmp)).filter((n) => n.startsWith('fgtk-pkg-')), [], 'the unpacked copy is gone');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  void it('--help documents every option', async () => {
    const r = await fgtk(['invoke', '--help']);
    assert.equal(r.code, 0);
    for (const o of ['--event', '--repeat', '--json', '--timeout', '--memory', '--env', '--enforce-memory']) assert.match(r.stdout, new RegExp(o));
  });

  void it('zh-cn: the help is in Simplified Chinese under a Chinese locale (LANG=zh_CN.UTF-8)', async () => {
    const r = await fgtk(['invoke', '--help'], { env: { FGTK_LOCALE: '', LC_ALL: '', LANG: 'zh_CN.UTF-8' } });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^用法：fgtk invoke/);
    assert.match(r.stdout, /--enforce-memory +调用超出内存大小时判为失败/);
  });

  void it('Ctrl+C (SIGINT) stops the instance and its whole process tree, grandchildren included', async () => {
    let sleepPid = 0;
    let pgid: number | undefined;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-cli-'));
    try {
      await fs.writeFile(path.join(dir, 'bg.json'), '{"cmd": "background-sleep"}');
      await fs.writeFile(path.join(dir, 'hang.json'), '{"cmd": "sleep-forever"}');
      const r = await fgtk(['invoke', path.join(FIXTURES, 'bash-echo'), '--timeout', '60', '-e', path.join(dir, 'bg.json'), '-e', path.join(dir, 'hang.json')], {
        onStdout: (out, kill) => {
          if (sleepPid || !/^\d+\n/.test(out)) return;
          sleepPid = Number(out.trim());
          pgid = pgidOf(sleepPid);
          setTimeout(() => kill('SIGINT'), 300); // the second event is now hanging in `sleep 300`
        },
      });
      assert.equal(r.code, 130, r.stderr);
      assert.ok(sleepPid > 0 && pgid !== undefined, 'the first invocation reported its background sleep');
      assert.equal(await eventually(() => !alive(sleepPid) && liveGroupMembers(pgid!).length === 0), true, `left: ${liveGroupMembers(pgid!)}`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
