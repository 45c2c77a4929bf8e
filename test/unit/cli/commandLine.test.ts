// What every fgtk subcommand does with its command line (src/cli/common.ts parseCommandLine):
// --help/-h on stdout with exit 0; a usage error as one message plus a hint on stderr, exit 2.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { config, tempDir, writeFolder } from '../lint/helpers';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const COMMANDS = ['invoke', 'lint', 'package', 'new', 'events', 'test'];

interface Run { code: number | null; stdout: string; stderr: string }

function fgtk(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? REPO, timeout: 30_000, env: { ...process.env, NO_COLOR: '1', FGTK_LOCALE: 'en', ...opts.env } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

void describe('fgtk subcommands: one command-line handling', () => {
  before(() => {
    assert.equal(existsSync(CLI), true, 'run npm run build first (test/run-all.mjs does)');
  });

  void it('--help and -h print the command\'s usage on stdout and exit 0', async () => {
    const runs: [string, string][] = [...COMMANDS.map((c): [string, string] => [c, '--help']), ['lint', '-h']];
    await Promise.all(runs.map(async ([c, flag]) => {
      const r = await fgtk([c, flag]);
      assert.equal(r.code, 0, `${c} ${flag}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^Usage: fgtk ${c}\\b`), `${c} ${flag}`);
      assert.equal(r.stderr, '');
    }));
  });

  void it('an unknown option is exit 2 with the message and a hint to --help, no usage dump, nothing on stdout', async () => {
    await Promise.all(COMMANDS.map(async (c) => {
      const r = await fgtk([c, '--frobnicate']);
      assert.equal(r.code, 2, c);
      assert.equal(r.stderr, `fgtk ${c}: Unknown option '--frobnicate'.\nRun \`fgtk ${c} --help\` for the options.\n`);
      assert.equal(r.stdout, '');
    }));
  });

  void it('a missing option value and a stray positional are usage errors too', async () => {
    const missing = await fgtk(['lint', '--format']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, "fgtk lint: Option '--format <value>' argument missing.\nRun `fgtk lint --help` for the options.\n");
    const stray = await fgtk(['new', 'myfunc']);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /^fgtk new: Unexpected argument 'myfunc'\. This command does not take positional arguments\.\nRun `fgtk new --help`/);
  });

  void it('checks after parsing use the same message-and-hint shape (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['lint', '--format', 'xml'], 'fgtk lint: --format must be text, json or sarif, with at most one PATH.'],
      [['package', '--format', 'sarif'], 'fgtk package: --format must be text or json, with at most one DIR.'],
      [['new', '--runtime', 'python3.9'], 'fgtk new: missing --template, --name.'],
      [['events', 'delete'], 'fgtk events: unknown action "delete": use list or new.'],
      [['invoke', '--repeat', '0'], 'fgtk invoke: --repeat needs a positive whole number, got "0".'],
    ];
    await Promise.all(cases.map(async ([args, message]) => {
      const r = await fgtk(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr, `${message}\nRun \`fgtk ${args[0]} --help\` for the options.\n`);
    }));
  });

  void it('a setup problem (nothing at PATH, a damaged .zip, a missing event file) is exit 2 with the message alone', async (t) => {
    const r = await fgtk(['lint', '/no/such/folder']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'fgtk lint: /no/such/folder does not exist.\n');
    const broken = path.join(tempDir(t, 'fgtk-cli-'), 'broken.zip');
    writeFileSync(broken, 'PK not really a zip');
    const zip = await fgtk(['invoke', broken]);
    assert.equal(zip.code, 2);
    assert.match(zip.stderr, /^fgtk invoke: \S+broken\.zip cannot be unpacked: .*Run fgtk lint \S+broken\.zip for details\.\n$/);
    const noEvent = await fgtk(['invoke', '--event', '/no/such/event.json']);
    assert.equal(noEvent.code, 2);
    assert.equal(noEvent.stderr, 'fgtk invoke: Event file /no/such/event.json does not exist.\n');
  });

  void it('zh-cn: the hint is translated under a Chinese locale', async () => {
    const r = await fgtk(['package', '--bogus'], { env: { FGTK_LOCALE: 'zh-cn' } });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "fgtk package: Unknown option '--bogus'.\n运行 `fgtk package --help` 查看选项。\n");
  });

  void it('PKG-1: fgtk package lists entry sizes in the toolkit\'s size format', async (t) => {
    const root = tempDir(t, 'fgtk-cli-');
    writeFolder(path.join(root, 'fn'), {
      'template.yml': config({ Handler: 'bootstrap', Runtime: 'Custom' }),
      bootstrap: { content: '#!/bin/sh\necho\n', mode: 0o755 },
      'page.bin': Buffer.alloc(4096),
      'half.bin': Buffer.alloc(1536),
    });
    const r = await fgtk(['package', 'fn', '-o', 'fn.zip'], { cwd: root });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^ +15 B {2}bootstrap$/m);
    assert.match(r.stdout, /^ +4 KB {2}page\.bin$/m);
    assert.match(r.stdout, /^ +1\.5 KB {2}half\.bin$/m);
    assert.match(r.stdout, /Wrote fn\.zip: 4 files, 5\.\d KB unzipped\./);
    assert.ok(statSync(path.join(root, 'fn.zip')).size > 0);
  });
});
