#!/usr/bin/env node
// A git merge driver for the flat JSON string tables (l10n bundles, package.nls*.json), which every
// branch appends to: the union of both sides' keys, ours in order then theirs' new ones. A key both
// sides changed differently is a real conflict: exit 1 and git leaves the file to a person.
//   git config merge.jsonunion.driver "node l10n/merge-json.mjs %O %A %B"   (.gitattributes names the files)
import { readFileSync, writeFileSync } from 'node:fs';

const [basePath, oursPath, theirsPath] = process.argv.slice(2);
const read = (p) => { try { return JSON.parse(readFileSync(p, 'utf8')); } catch { return undefined; } };
const base = read(basePath) ?? {};
const ours = read(oursPath);
const theirs = read(theirsPath);
if (!ours || !theirs) process.exit(1); // not JSON on one side: let git report it

const merged = { ...ours };
let conflicts = 0;
for (const [key, value] of Object.entries(theirs)) {
  if (!(key in ours)) {
    if (!(key in base)) merged[key] = value; // theirs added it (ours did not delete it)
  } else if (ours[key] !== value) {
    if (base[key] === ours[key]) merged[key] = value;
    else if (base[key] !== value) conflicts++;
  }
}
for (const key of Object.keys(ours)) if (key in base && !(key in theirs) && base[key] === ours[key]) delete merged[key];
if (conflicts) process.exit(1);
writeFileSync(oursPath, JSON.stringify(merged, null, 2) + '\n');
