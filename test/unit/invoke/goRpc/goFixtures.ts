// Builds the Go test functions once per test run (and reuses them across runs while their sources
// are unchanged): a temp folder keyed by a hash of the sources, the target OS/arch and `go version`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const GO_FIXTURES = path.resolve(__dirname, '../../../fixtures/go-functions');
export const GO_STANDIN = path.resolve(__dirname, '../../../fixtures/go-runtime-standin');

function hashTree(dir: string, h: ReturnType<typeof createHash>): void {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (name.endsWith('.go') || name === 'go.mod') h.update(p).update(readFileSync(p));
    else if (!name.includes('.')) {
      try {
        hashTree(p, h);
      } catch { /* a file without extension */ }
    }
  }
}

let goVersion: string | undefined;

/** Path of `<fixture>` built as an executable named `handlerName` for GOOS/GOARCH (linux/amd64 by default). */
export function buildGoFixture(fixture: string, handlerName = fixture, target: { goos?: string; goarch?: string } = {}): string {
  const goos = target.goos ?? 'linux';
  const goarch = target.goarch ?? 'amd64';
  goVersion ??= execFileSync('go', ['version'], { encoding: 'utf8' }).trim();
  const h = createHash('sha256').update(goVersion).update(goos).update(goarch);
  hashTree(path.join(GO_FIXTURES, fixture), h);
  hashTree(GO_STANDIN, h);
  const dir = path.join(os.tmpdir(), `fgtk-go-fixture-${fixture}-${h.digest('hex').slice(0, 16)}`);
  const exe = path.join(dir, handlerName);
  if (existsSync(exe)) return exe;
  mkdirSync(dir, { recursive: true });
  const tmp = `${exe}.${process.pid}.tmp`;
  execFileSync('go', ['build', '-o', tmp, '.'], {
    cwd: path.join(GO_FIXTURES, fixture),
    env: { ...process.env, GOOS: goos, GOARCH: goarch, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  renameSync(tmp, exe);
  return exe;
}
