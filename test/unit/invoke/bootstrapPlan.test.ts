// Section 9: which /opt/function/runtime/... paths in a bootstrap the launcher maps to a local
// interpreter, and to which one. Fake interpreters named in the settings (shell scripts that answer
// the version probe) make the answer the same on every machine and show which family was chosen.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KNOWN_RUNTIMES, platformInterpreter } from '../../../src/core/config';
import { clearInterpreterCache, planBootstrap, type BootstrapPlan, type InterpreterSettings } from '../../../src/core/invoke';
import { tempFunction } from './helpers';

type Fake = 'node' | 'python3' | 'python2' | 'java' | 'php';
/** What the launcher does with a path: maps it to a fake, reports it, or leaves the text alone. */
type Outcome = { to: Fake; warning?: RegExp } | { error: RegExp } | 'untouched';

const R = '/opt/function/runtime';
const NOT_KNOWN = /is not an interpreter we know how to run locally/;

// Paths as they stand in a shell bootstrap (`<path> $RUNTIME_CODE_ROOT/main`).
const IN_SHELL_TEXT: [string, Outcome][] = [
  [`${R}/nodejs18.15/rtsp/nodejs/bin/node`, { to: 'node' }],
  [`${R}/nodejs12.13/rtsp/nodejs/bin/node`, { to: 'node', warning: /^Node\.js12\.13 runs on Node\.js 12\.13 on the platform, but the local interpreter is Node\.js 18\.15\.0/ }],
  [`${R}/python3.9/rtsp/python/bin/python3`, { to: 'python3' }],
  [`${R}/python3.9/rtsp/python/bin/python3.9`, { to: 'python3' }],
  [`${R}/python3.9/rtsp/python/bin/python`, { to: 'python3' }],
  [`${R}/python3.6/rtsp/python/bin/python3`, { to: 'python3', warning: /^Python3\.6 runs on Python 3\.6 on the platform, but the local interpreter is Python 3\.9\.2/ }],
  [`${R}/python2.7/rtsp/python/bin/python`, { to: 'python2' }],
  [`${R}/python2.7/rtsp/python/bin/python2.7`, { to: 'python2' }],
  [`${R}/java17/rtsp/jre/bin/java`, { to: 'java' }],
  [`${R}/java8/rtsp/jre/bin/java`, { to: 'java', warning: /^Java8 runs on Java 8 on the platform, but the local interpreter is Java 17\.0\.2/ }],
  // Folders the platform does not have still run, with the family their name says.
  [`${R}/nodejs99.1/rtsp/nodejs/bin/node`, { to: 'node', warning: /^nodejs99\.1 runs on Node\.js 99\.1 on the platform, but the local interpreter is Node\.js 18\.15\.0/ }],
  [`${R}/python3.99/rtsp/python/bin/python3`, { to: 'python3', warning: /^python3\.99 runs on Python 3\.99 on the platform, but the local interpreter is Python 3\.9\.2/ }],
  [`${R}/python/rtsp/python/bin/python3`, { to: 'python3' }],
  [`${R}/NodeJS18.15/rtsp/nodejs/bin/node`, { to: 'node' }],
  [`${R}/php7.3/rtsp/php/bin/php`, { to: 'php' }],
  // Any executable with the family's name counts, wherever it sits below rtsp/.
  [`${R}/nodejs18.15/rtsp/other/node`, { to: 'node' }],
  // A folder that needs Python 2 when the only Python the settings name is 3.
  [`${R}/python2/rtsp/python/bin/python`, { error: /the platform's python2\), but no local python2 was found/ }],
  // Only paths below rtsp/ are rewritten in shell text; this one is left for the linter to report.
  [`${R}/nodejs18.15/bin/node`, 'untouched'],
  [`${R}/nodejs18.15/rtsp/nodejs/lib/node_modules`, { error: NOT_KNOWN }],
  [`${R}/nodejs18.15/rtsp/python/bin/python3`, { error: NOT_KNOWN }],
  [`${R}/python3.9/rtsp/python/bin/pip3`, { error: NOT_KNOWN }],
  [`${R}/cobol1.0/rtsp/cobol/bin/cobc`, { error: NOT_KNOWN }],
  [`${R}/go1.x/rtsp/go/bin/go`, { error: NOT_KNOWN }],
  ['/usr/bin/node', 'untouched'],
];

// Paths as a bootstrap's shebang (`#!<path>`): the launcher starts the interpreter with the file.
const AS_SHEBANG: [string, Outcome][] = [
  [`${R}/nodejs18.15/rtsp/nodejs/bin/node`, { to: 'node' }],
  [`${R}/python3.9/rtsp/python/bin/python3`, { to: 'python3' }],
  [`${R}/python2.7/rtsp/python/bin/python`, { to: 'python2' }],
  [`${R}/java17/rtsp/jre/bin/java`, { to: 'java' }],
  [`${R}/nodejs99.1/rtsp/nodejs/bin/node`, { to: 'node', warning: /^nodejs99\.1 runs on Node\.js 99\.1/ }],
  // A shebang needs no rtsp/: the folder and the executable's name decide.
  [`${R}/nodejs18.15/bin/node`, { to: 'node' }],
  [`${R}/nodejs18.15/rtsp/nodejs/lib/node_modules`, { error: NOT_KNOWN }],
  [`${R}/cobol1.0/rtsp/cobol/bin/cobc`, { error: NOT_KNOWN }],
];

let bin: string;
let fakes: Record<Fake, string>;
let settings: InterpreterSettings;

async function writeFake(name: string, script: string): Promise<string> {
  const file = path.join(bin, name);
  await fs.writeFile(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return file;
}

before(async () => {
  bin = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-fake-interpreters-')));
  // Each answers the probe interpreters.ts sends its family: its own path, then its version.
  fakes = {
    node: await writeFake('fake-node', 'printf "%s\\n%s\\n" "$0" 18.15.0'),
    python3: await writeFake('fake-python3', 'printf "%s\\n%s\\n" "$0" 3.9.2'),
    python2: await writeFake('fake-python2', 'printf "%s\\n%s\\n" "$0" 2.7.18'),
    java: await writeFake('fake-java', 'echo \'openjdk version "17.0.2" 2022-01-18\' >&2'),
    php: await writeFake('fake-php', 'printf "%s\\n%s\\n" "$0" 7.3.33'),
  };
  settings = { paths: { nodejs: fakes.node, python: fakes.python3, 'Python2.7': fakes.python2, java: fakes.java, php: fakes.php } };
});

after(async () => {
  clearInterpreterCache();
  await fs.rm(bin, { recursive: true, force: true });
});

async function plan(bootstrap: string): Promise<{ plan: BootstrapPlan; file: string }> {
  const fn = await tempFunction({ bootstrap });
  try {
    return { plan: await planBootstrap(fn.dir, settings), file: path.join(fn.dir, 'bootstrap') };
  } finally {
    await fn.cleanup();
  }
}

const label = (o: Outcome) => (o === 'untouched' ? 'left as it is' : 'to' in o ? `→ ${o.to}` : 'reported');

void describe('section 9: platform interpreter paths in shell text', () => {
  for (const [platformPath, outcome] of IN_SHELL_TEXT) {
    void it(`${platformPath} ${label(outcome)}`, async () => {
      const { plan: p } = await plan(`${platformPath} $RUNTIME_CODE_ROOT/main\n`);
      const script = p.launch?.args.includes('-c') ? p.launch.args[p.launch.args.indexOf('-c') + 1] : undefined;
      if (outcome === 'untouched') {
        assert.deepEqual(p.errors, []);
        assert.equal(script, undefined, 'the text runs as written');
      } else if ('to' in outcome) {
        assert.deepEqual(p.errors, []);
        assert.equal(script, `${fakes[outcome.to]} $RUNTIME_CODE_ROOT/main\n`);
        assert.ok(p.notes.some((n) => n.startsWith(`bootstrap: ${platformPath} → ${fakes[outcome.to]} (`)), p.notes.join('\n'));
        if (outcome.warning) assert.match(p.warnings.join('\n'), outcome.warning);
        else assert.deepEqual(p.warnings, []);
      } else {
        assert.equal(p.errors.length, 1, p.errors.join('\n'));
        assert.ok(p.errors[0].startsWith(`bootstrap calls ${platformPath}`), p.errors[0]);
        assert.match(p.errors[0], outcome.error);
        assert.equal(script, undefined, 'nothing is rewritten');
      }
    });
  }

  void it('every interpreter path the docs list (and the linter accepts) maps to the family\'s interpreter', async () => {
    for (const runtime of KNOWN_RUNTIMES) {
      const documented = platformInterpreter(runtime);
      if (!documented) continue;
      const want = runtime.family === 'python' ? (runtime.version.startsWith('2') ? 'python2' : 'python3') : runtime.family === 'nodejs' ? 'node' : 'java';
      const { plan: p } = await plan(`${documented} $RUNTIME_CODE_ROOT/main\n`);
      assert.deepEqual(p.errors, [], documented);
      assert.ok(p.launch?.args.includes(`${fakes[want]} $RUNTIME_CODE_ROOT/main\n`), `${documented} → ${want}`);
    }
  });

  void it('the "not an interpreter" error lists the documented layout', async () => {
    const { plan: p } = await plan(`${R}/cobol1.0/rtsp/cobol/bin/cobc x\n`);
    assert.match(p.errors[0], /known: \.\.\.\/nodejs<version>\/rtsp\/nodejs\/bin\/node, \.\.\.\/python<version>\/rtsp\/python\/bin\/python3, \.\.\.\/java<version>\/rtsp\/jre\/bin\/java\)/);
  });
});

void describe('section 9: platform interpreter paths as the shebang', () => {
  for (const [platformPath, outcome] of AS_SHEBANG) {
    void it(`#!${platformPath} ${label(outcome)}`, async () => {
      const { plan: p, file } = await plan(`#!${platformPath} -u\nprint(1)\n`);
      if (outcome === 'untouched') assert.fail('no untouched shebang rows');
      if ('to' in outcome) {
        assert.deepEqual(p.errors, []);
        assert.deepEqual(p.launch, { command: fakes[outcome.to], args: ['-u', file], env: {} });
        if (outcome.warning) assert.match(p.warnings.join('\n'), outcome.warning);
      } else {
        assert.equal(p.launch, undefined);
        assert.match(p.errors.join('\n'), outcome.error);
      }
    });
  }
});
