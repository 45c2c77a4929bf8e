// Pre-flight checks and the platform-to-local translation of bootstraps and interpreters (PKG-2, PKG-3, section 9).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { existsSync, realpathSync } from 'node:fs';
import { cpuMillicores, localShIsDash, planBootstrap, preflight, resolveInterpreter } from '../../../src/core/invoke';
import { fixture, tempFunction } from './helpers';

const ECHO = '#!/bin/sh\necho hi\n';

void describe('preflight', () => {
  void it('PKG-2: no bootstrap says what to create', async () => {
    const fn = await tempFunction({ 'template.yml': 'HcCrmTemplateVersion: v2\nResources:\n  f:\n    Type: HC::Serverless::Function\n    Properties:\n      Handler: bootstrap\n      Runtime: Custom\n' });
    try {
      const { errors } = await preflight(await fn.spec());
      assert.equal(errors.length, 1);
      assert.match(errors[0], /No bootstrap file/);
      assert.match(errors[0], /named exactly "bootstrap"/);
    } finally {
      await fn.cleanup();
    }
  });

  void it('PKG-2: a bootstrap that is not executable says chmod +x', async () => {
    const fn = await tempFunction({ bootstrap: ECHO }, { bootstrap: 0o644 });
    try {
      const { errors } = await preflight(await fn.spec());
      assert.equal(errors.length, 1);
      assert.match(errors[0], /not executable/);
      assert.match(errors[0], /chmod \+x/);
    } finally {
      await fn.cleanup();
    }
  });

  void it('PKG-3: CRLF line endings are an error with the command that fixes them', async () => {
    const fn = await tempFunction({ bootstrap: '#!/bin/sh\r\necho hi\r\n' });
    try {
      const { errors } = await preflight(await fn.spec());
      assert.equal(errors.length, 1);
      assert.match(errors[0], /CRLF/);
      assert.match(errors[0], /sed -i/);
    } finally {
      await fn.cleanup();
    }
  });

  void it('section 9: an unknown platform interpreter path is an error naming the known ones', async () => {
    const fn = await tempFunction({ bootstrap: '/opt/function/runtime/cobol1.0/rtsp/cobol/bin/cobc $RUNTIME_CODE_ROOT/main.cob\n' });
    try {
      const { errors } = await preflight(await fn.spec());
      assert.equal(errors.length, 1);
      assert.match(errors[0], /\/opt\/function\/runtime\/cobol1\.0\/rtsp\/cobol\/bin\/cobc/);
      assert.match(errors[0], /not an interpreter we know/);
    } finally {
      await fn.cleanup();
    }
  });

  void it('section 9: a platform interpreter with no local equivalent says which setting fixes it', async () => {
    const fn = await tempFunction({ bootstrap: '/opt/function/runtime/python2.7/rtsp/python/bin/python $RUNTIME_CODE_ROOT/index.py\n' });
    try {
      const r = await resolveInterpreter('Python2.7');
      const { errors } = await preflight(await fn.spec());
      if (r) {
        assert.deepEqual(errors, []); // this machine has a Python 2
      } else {
        assert.equal(errors.length, 1);
        assert.match(errors[0], /no local python2 was found/);
        assert.match(errors[0], /functiongraph\.interpreters/);
      }
    } finally {
      await fn.cleanup();
    }
  });

  void it('a good function passes with no errors', async () => {
    const { errors } = await preflight(await fixture('node-echo'));
    assert.deepEqual(errors, []);
  });

  void it('ENV-5: an unusual memory size or timeout is a warning, a non-positive timeout an error', async () => {
    const spec = await fixture('node-echo');
    assert.match((await preflight(spec, { memoryMB: 100 })).warnings.join(), /100 MB is not one the platform offers/);
    assert.match((await preflight(spec, { timeoutS: 0 })).errors.join(), /positive/);
  });

  void it('RT-GO: a Go 1.x function without its executable says which file is missing and how to build it', async () => {
    const fn = await tempFunction({ 'template.yml': 'HcCrmTemplateVersion: v2\nResources:\n  f:\n    Type: HC::Serverless::Function\n    Properties:\n      Runtime: Go1.x\n      Handler: main\n' });
    try {
      const { errors } = await preflight(await fn.spec());
      assert.match(errors.join(), /No executable named main[\s\S]*GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -o main \./);
    } finally {
      await fn.cleanup();
    }
  });
});

void describe('bootstrap plan', () => {
  void it('section 9: #!/bin/sh runs under bash --posix when the local sh is dash, and says so', async () => {
    const fn = await tempFunction({ bootstrap: '#!/bin/sh\nset -o pipefail\necho ok\n' });
    try {
      const plan = await planBootstrap(fn.dir);
      if (await localShIsDash()) {
        assert.match(plan.launch!.command, /bash$/);
        assert.deepEqual(plan.launch!.args, ['--posix', `${fn.dir}/bootstrap`]);
        assert.match(plan.notes.join('\n'), /dash/);
      } else {
        assert.equal(plan.launch!.command, `${fn.dir}/bootstrap`);
      }
    } finally {
      await fn.cleanup();
    }
  });

  void it('section 9: no shebang runs through a shell; platform paths are rewritten with $0 kept as the bootstrap', async () => {
    const fn = await tempFunction({ bootstrap: '/opt/function/runtime/nodejs12.13/rtsp/nodejs/bin/node /opt/function/code/index.js\n' });
    try {
      const plan = await planBootstrap(fn.dir);
      const args = plan.launch!.args;
      assert.equal(args[args.length - 1], `${fn.dir}/bootstrap`);
      const script = args[args.indexOf('-c') + 1];
      assert.equal(script, `${process.execPath} ${fn.dir}/index.js\n`);
      assert.match(plan.notes.join('\n'), /no shebang/);
      assert.match(plan.notes.join('\n'), /\/opt\/function\/code/);
    } finally {
      await fn.cleanup();
    }
  });

  void it('an ELF binary runs as it is', async () => {
    const fn = await tempFunction({ bootstrap: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(64)]) });
    try {
      const plan = await planBootstrap(fn.dir);
      assert.equal(plan.launch!.command, `${fn.dir}/bootstrap`);
      assert.deepEqual(plan.errors, []);
    } finally {
      await fn.cleanup();
    }
  });
});

void describe('interpreters', () => {
  void it('RT: Node.js runtimes resolve to a local node, with a major-version mismatch as a note, not an error', async () => {
    const r = await resolveInterpreter('Node.js12.13');
    assert.ok(r, 'a node was found');
    assert.equal(r.family, 'nodejs');
    assert.equal(existsSync(r.path), true);
    assert.match(r.note, /^Node\.js12\.13 → /);
    assert.match(r.mismatch ?? '', /12\.13/);
    assert.equal(await resolveInterpreter('nodejs12.13'), await resolveInterpreter('nodejs12.13'), 'cached');
  });

  void it('the pyenv python3 shim on PATH resolves to the real executable', async () => {
    const r = await resolveInterpreter('Python3.9');
    assert.ok(r, 'a python3 was found');
    assert.equal(r.family, 'python');
    assert.doesNotMatch(r.path, /\/shims\//);
    assert.equal(realpathSync(r.path).length > 0, true);
    assert.match(r.version, /^3\./);
    // ENV-3: a minor version other than 3.9 is warned about, naming both.
    if (r.version.startsWith('3.9.')) assert.equal(r.mismatch, undefined);
    else assert.match(r.mismatch ?? '', new RegExp(`Python 3\\.9 on the platform, but the local interpreter is Python ${r.version.replace(/\./g, '\\.')}`));
  });

  void it('explicit settings win', async () => {
    const r = await resolveInterpreter('Node.js18.15', { paths: { 'Node.js18.15': process.execPath } });
    assert.equal(r?.path, process.execPath);
    assert.match(r?.note ?? '', /from settings/);
  });

  void it('unknown runtimes resolve to nothing', async () => {
    assert.equal(await resolveInterpreter('cobol1.0'), undefined);
  });

  void it('ENV-1: CPU scales with memory, 300 millicores per 128 MB', () => {
    assert.equal(cpuMillicores(128), 300);
    assert.equal(cpuMillicores(256), 600);
    assert.equal(cpuMillicores(1024), 2400);
  });
});
