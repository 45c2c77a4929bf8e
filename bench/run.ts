// `npm run bench`: runs every bench/*.bench.ts (each default-exports `() => Promise<Figure[]>`) and
// prints a table, or one JSON object with `--json`. Ratios compare against baselines measured in
// the same run on the same machine.
import { readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  ratio?: number;
  goal?: string;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
  const results: Record<string, Figure[]> = {};
  for (const file of files) {
    if (!json) process.stderr.write(`running ${file}...\n`);
    const mod = (await import(path.join(__dirname, file))) as { default: (() => Promise<Figure[]>) | { default: () => Promise<Figure[]> } };
    const fn = typeof mod.default === 'function' ? mod.default : mod.default.default;
    results[file.replace(/\.bench\.ts$/, '')] = await fn();
  }
  const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', platform: `${os.platform()} ${os.release()}` };
  if (json) {
    process.stdout.write(JSON.stringify({ machine, date: new Date().toISOString(), results }) + '\n');
    return;
  }
  const rows: string[][] = [['benchmark', 'figure', 'value', 'baseline', 'ratio', 'goal']];
  for (const [bench, figures] of Object.entries(results)) {
    for (const f of figures) {
      rows.push([bench, f.name, `${fmt(f.value)} ${f.unit}`, f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}` : '', f.ratio !== undefined ? `${f.ratio.toFixed(2)}x` : '', f.goal ?? '']);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n');
  process.stdout.write(`\n${machine.cpus} x ${machine.cpu}, Node ${machine.node}, ${machine.platform}\n`);
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3));

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
