#!/usr/bin/env node
// Lists the English source strings of `vscode.l10n.t(...)` (extension) and `t(...)` (core, server,
// CLI, debug adapter) that the zh-cn bundle does not translate yet, and bundle keys no code uses.
//   node l10n/collect.mjs           print what is missing as JSON (paste, translate)
//   node l10n/collect.mjs --check   exit 1 when something is missing
// Only literal first arguments are found; strings built at run time (catalogue titles) are
// listed by reading the JSON catalogues next to the code.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bundleFile = path.join(root, 'l10n', 'bundle.l10n.zh-cn.json');
const files = [];
const walk = (d) => {
  for (const n of readdirSync(d)) {
    const p = path.join(d, n);
    if (statSync(p).isDirectory()) { if (n !== 'files' && n !== 'data') walk(p); } else if (p.endsWith('.ts')) files.push(p);
  }
};
walk(path.join(root, 'src'));

// t('...'), l10n.t("..."), t(`...`) without ${}: the literal is the key.
const call = /(?:\bl10n\.t|(?<![.\w])t)\(\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.)*`)\s*[,)]/g;
const used = new Map();
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  for (const m of text.matchAll(call)) {
    const lit = m[1];
    const value = lit.startsWith('`') ? lit.slice(1, -1) : JSON.parse(lit.startsWith("'") ? `"${lit.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"` : lit);
    if (!used.has(value)) used.set(value, path.relative(root, f));
  }
}
// Titles and descriptions of the data catalogues, translated with t(title) at run time.
for (const catalogue of ['src/core/events/catalogue.json', 'src/core/templates/catalogue.json']) {
  const file = path.join(root, catalogue);
  if (!existsSync(file)) continue;
  const visit = (v) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (['title', 'label', 'description'].includes(k) && typeof x === 'string') { if (!used.has(x)) used.set(x, catalogue); } else visit(x);
      }
    }
  };
  visit(JSON.parse(readFileSync(file, 'utf8')));
}

const bundle = existsSync(bundleFile) ? JSON.parse(readFileSync(bundleFile, 'utf8')) : {};
const missing = Object.fromEntries([...used].filter(([k]) => !(k in bundle)).map(([k, f]) => [k, f]));
const unused = Object.keys(bundle).filter((k) => !used.has(k));
if (process.argv.includes('--check')) {
  const n = Object.keys(missing).length;
  if (n) console.error(`${n} string(s) without a zh-cn translation:\n${Object.keys(missing).map((k) => `  ${k}`).join('\n')}`);
  if (unused.length) console.error(`${unused.length} bundle key(s) no code uses (fine while others edit; prune later).`);
  process.exit(n ? 1 : 0);
}
console.log(JSON.stringify({ missing, unused }, null, 2));
