// Issue 14: instances follow code changes. `fgtk invoke --watch` keeps the instance and sends the
// events again after each change; a code or config change restarts the instance first (never an
// event to stale code), an event change only re-sends. Ctrl+C leaves no process behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../shims/harness';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

async function until<T>(what: string, probe: () => T | undefined, explain: () => string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${explain()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

void describe('fgtk invoke --watch', () => {
  void test('a code change restarts the instance before the events are sent again; an event change re-sends to the warm one; a config change takes effect', async (t) => {
    assert.ok(existsSync(CLI), 'run npm run build first');
    const dir = tempDir(t);
    await fs.mkdir(path.join(dir, 'events'));
    const yml = (greeting: string) => ['Resources:', '  w:', '    Type: HC::Serverless::Function', '    Properties:', '      Name: w', '      Handler: index.handler',
      '      Runtime: Node.js20.15', '      MemorySize: 128', '      Timeout: 5', '      Environment:', '        Variables:', `          GREETING: ${greeting}`, ''].join('\n');
    await fs.writeFile(path.join(dir, 'template.yml'), yml('hi'));
    await fs.writeFile(path.join(dir, 'index.js'), 'exports.handler = async (e) => ({ v: 1, greeting: process.env.GREETING, name: e.name, pid: process.pid });\n');
    await fs.writeFile(path.join(dir, 'events', 'a.json'), '{"name": "a"}');
    // An expectation beside the event must not be sent by the pattern.
    await fs.writeFile(path.join(dir, 'events', 'a.expected.json'), '{"status": "ok"}');

    const child = spawn(process.execPath, [CLI, 'invoke', dir, '--watch', '--json', '--event', path.join(dir, 'events', '*.json')], { env: { ...process.env, NO_COLOR: '1', FGTK_LOCALE: 'en' }, stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const results = () => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(JSON.parse(l).output as string) as { v: number; greeting: string; name: string; pid: number });
    const explain = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
    const nth = (n: number) => until(`result #${n}`, () => results()[n - 1], explain);

    const first = await nth(1);
    assert.deepEqual([first.v, first.greeting, first.name], [1, 'hi', 'a']);
    await until('the watcher', () => (/Watching .* for changes/.test(stderr) ? true : undefined), explain);

    // Code change: the instance is replaced before the event is sent again.
    await fs.writeFile(path.join(dir, 'index.js'), 'exports.handler = async (e) => ({ v: 2, greeting: process.env.GREETING, name: e.name, pid: process.pid });\n');
    const second = await nth(2);
    assert.equal(second.v, 2, 'the event went to the new code');
    assert.notEqual(second.pid, first.pid, 'a new instance');
    assert.match(stdout.split('\n')[1], /code changed, restarting: index\.js/, 'the restart is in the invocation\'s log (--json)');
    assert.equal(alive(first.pid), false, 'the stale instance was stopped');

    // Event change: sent again to the same warm instance, no restart.
    await fs.writeFile(path.join(dir, 'events', 'a.json'), '{"name": "a2"}');
    const third = await nth(3);
    assert.deepEqual([third.name, third.pid], ['a2', second.pid]);

    // Config change: the new environment is in effect for the next event.
    await fs.writeFile(path.join(dir, 'template.yml'), yml('hello'));
    const fourth = await nth(4);
    assert.equal(fourth.greeting, 'hello');
    assert.notEqual(fourth.pid, second.pid);
    assert.equal(results().length, 4, `only a.json is an event, never a.expected.json\n${explain()}`);

    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 130);
    assert.equal(alive(fourth.pid), false, 'Ctrl+C leaves no instance behind');
  });
});
