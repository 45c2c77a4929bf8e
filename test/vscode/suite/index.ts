// Entry point VS Code loads in the extension host (extensionTestsPath): run() resolves when every
// test passed and rejects otherwise; both runners (run-real.mjs, run-electron.mjs) use it.
//
// FGTK_VSCODE_RUN picks the files: `trusted` (default) runs every suite file the other runs do not
// name (smoke test, journeys, breakpoints, ...), `untrusted` the Workspace Trust test (the runner opens the
// same workspace untrusted), `templates` every template created, linted and run with F5.
// Lines starting with `@@` are for run-real.mjs, which reads the extension host's console:
//   @@failure {"title", "journey", "step", "message"}   one per failed test
//   @@result {"passed", "failed", "pending"}             the counts, once at the end
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { currentStep, resetStep } from './helpers';

// The runs other than `trusted` name their files; `trusted` runs every other *.test.js, so that a
// new suite file runs without being registered here.
const OWN_FILES: Record<string, string[]> = {
  untrusted: ['trust.test.js', 'cloudTrust.test.js'],
  templates: ['templates.test.js'],
  zh: ['zhCn.test.js'],
};

function filesOf(kind: string): string[] | undefined {
  if (kind !== 'trusted') return OWN_FILES[kind];
  const taken = new Set(Object.values(OWN_FILES).flat());
  return readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && !taken.has(f)).sort();
}

export function run(): Promise<void> {
  const kind = process.env.FGTK_VSCODE_RUN ?? 'trusted';
  const files = filesOf(kind);
  if (!files) return Promise.reject(new Error(`FGTK_VSCODE_RUN=${kind}: expected trusted or one of ${Object.keys(OWN_FILES).join(', ')}`));
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec', grep: process.env.FGTK_VSCODE_GREP });
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes, pending } = runner.stats ?? { passes: 0, pending: 0 };
      console.log(`@@result ${JSON.stringify({ passed: passes, failed: failures, pending })}`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on('test', () => resetStep());
    runner.on('fail', (test, err: Error) => {
      const step = currentStep();
      console.log(`@@failure ${JSON.stringify({
        title: test.fullTitle(),
        journey: test.parent?.title ?? '',
        step: step ?? test.title,
        message: err?.message ?? String(err),
      })}`);
    });
  });
}
