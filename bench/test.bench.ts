// `fgtk test` (issue 14) against what a user would do without it: 100 test events of one Node.js
// function run by one `fgtk test` (one warm instance) versus 100 separate `fgtk invoke --event`
// runs (a process, a cold start and an emulator each). Both through the built CLI, as users run
// them, measured in the same run on the same machine. Goal: at least 20x faster.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, promises as fs, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Figure } from './run';

const EVENTS = 100;
const CLI = path.resolve(__dirname, '..', 'dist', 'cli.js');

function fgtk(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`fgtk ${args[0]} failed: ${stderr}`));
      else resolve();
    });
  });
}

async function writeFunction(dir: string): Promise<string[]> {
  await fs.mkdir(path.join(dir, 'events'), { recursive: true });
  await fs.writeFile(path.join(dir, 'template.yml'), [
    'Resources:', '  bench:', '    Type: HC::Serverless::Function', '    Properties:', '      Name: bench',
    '      Handler: index.handler', '      Runtime: Node.js20.15', '      MemorySize: 128', '      Timeout: 10', '',
  ].join('\n'));
  await fs.writeFile(path.join(dir, 'index.js'), 'exports.handler = async (event) => ({ n: event.n, doubled: event.n * 2 });\n');
  const files: string[] = [];
  for (let n = 0; n < EVENTS; n++) {
    const name = `e${String(n).padStart(3, '0')}`;
    const file = path.join(dir, 'events', `${name}.json`);
    await fs.writeFile(file, JSON.stringify({ n }));
    await fs.writeFile(path.join(dir, 'events', `${name}.expected.json`), JSON.stringify({ status: 'ok', output: { doubled: n * 2 } }));
    files.push(file);
  }
  return files;
}

export default async function bench(): Promise<Figure[]> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fgtk-bench-test-'));
  try {
    const files = await writeFunction(dir);
    await fgtk(['test', dir]); // warm the file cache and the interpreter lookup for both sides

    const t0 = performance.now();
    await fgtk(['test', dir, '--junit', path.join(dir, 'report.xml')]);
    const testMs = performance.now() - t0;

    const t1 = performance.now();
    for (const file of files) await fgtk(['invoke', dir, '--event', file]);
    const invokeMs = performance.now() - t1;

    return [{
      name: `fgtk test, ${EVENTS} events of one function`,
      value: testMs,
      unit: 'ms',
      baseline: { name: `${EVENTS} separate fgtk invoke runs`, value: invokeMs },
      ratio: invokeMs / testMs,
      goal: '>= 20x faster',
    }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
