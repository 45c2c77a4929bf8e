#!/usr/bin/env node
// Lists the English source strings of `vscode.l10n.t(...)` (extension) and `t(...)` (core, server,
// CLI, debug adapter) that the zh-cn bundle does not translate yet, and bundle keys no code uses.
//   node l10n/collect.mjs           print what is missing as JSON (paste, translate)
//   node l10n/collect.mjs --check   exit 1 when something is missing, or a t() key is not a literal
//   node l10n/collect.mjs --prune   remove the bundle keys no code uses
// Only literal first arguments are found, so any other key fails the check; strings that come from
// data (catalogue titles) are listed by reading the JSON catalogues next to the code.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
// Any call of t: one whose key is not a literal is invisible here, so it is an error, unless its
// line says which data catalogue (read below) holds the keys: `// l10n-keys: src/core/x/catalogue.json`.
const anyCall = /(?:\bl10n\.t|(?<![.\w])t)\(/g;
const CATALOGUES = ['src/core/events/catalogue.json', 'src/core/templates/catalogue.json'];
const nonLiteral = [];
const used = new Map();
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const literalAt = new Set([...text.matchAll(call)].map((m) => m.index));
  for (const m of text.matchAll(anyCall)) {
    if (literalAt.has(m.index)) continue;
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const line = text.slice(lineStart, text.indexOf('\n', m.index) === -1 ? undefined : text.indexOf('\n', m.index));
    if (/^\s*(\/\/|\*|\/\*)/.test(line)) continue; // a comment that mentions t(
    const marker = /\/\/ l10n-keys: (\S+)/.exec(line);
    if (marker && CATALOGUES.includes(marker[1])) continue;
    const lineNo = text.slice(0, m.index).split('\n').length;
    nonLiteral.push(`${path.relative(root, f)}:${lineNo}: ${line.trim()}`);
  }
  for (const m of text.matchAll(call)) {
    const lit = m[1];
    const value = lit.startsWith('`') ? lit.slice(1, -1) : JSON.parse(lit.startsWith("'") ? `"${lit.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"` : lit);
    if (!used.has(value)) used.set(value, path.relative(root, f));
  }
}
// Titles and descriptions of the data catalogues, translated with t(title) at run time.
for (const catalogue of CATALOGUES) {
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
  if (nonLiteral.length) console.error(`${nonLiteral.length} call(s) of t() whose key is not a literal, so no translation can be checked (write t('the English text') at the call):\n${nonLiteral.map((l) => `  ${l}`).join('\n')}`);
  if (unused.length) console.error(`${unused.length} bundle key(s) no code uses (fine while others edit; prune later with --prune).`);
  process.exit(n || nonLiteral.length ? 1 : 0);
}
if (process.argv.includes('--prune')) {
  // Drops the keys no code uses, keeping the others in their order (the merge driver appends).
  const kept = Object.fromEntries(Object.entries(bundle).filter(([k]) => used.has(k)));
  writeFileSync(bundleFile, JSON.stringify(kept, null, 2) + '\n');
  console.log(`removed ${unused.length} key(s): ${unused.join(' | ')}`);
  process.exit(0);
}
console.log(JSON.stringify({ missing, nonLiteral, unused }, null, 2));
