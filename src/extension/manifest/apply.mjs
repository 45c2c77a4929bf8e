#!/usr/bin/env node
// Merges the extension's manifest fields (manifest.json beside this file) into package.json.
// It reads, modifies and writes only the keys listed in manifest.json, so the scripts and
// dependencies other people own are never touched. `--check` exits 1 when package.json is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const pkgFile = path.join(root, 'package.json');
const fragment = JSON.parse(readFileSync(path.join(import.meta.dirname, 'manifest.json'), 'utf8'));
const text = readFileSync(pkgFile, 'utf8');
const pkg = JSON.parse(text);
for (const [key, value] of Object.entries(fragment)) pkg[key] = value;
const out = JSON.stringify(pkg, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (out !== text) {
    console.error('package.json is out of date with src/extension/manifest/manifest.json: run node src/extension/manifest/apply.mjs');
    process.exit(1);
  }
} else if (out !== text) {
  writeFileSync(pkgFile, out);
  console.log(`package.json: updated ${Object.keys(fragment).join(', ')}`);
}
