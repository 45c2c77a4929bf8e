// Regenerates nodejs.json and python.json from the OpenTelekomCloud runtime repositories' bundled-library
// pages (themselves generated from the platform's runtime images), e.g.
//   node generate.mjs ~/src/otc-functiongraph-nodejs-runtime ~/src/otc-functiongraph-python-runtime
// Python lists name distributions; DIST_TO_MODULES maps the ones whose import name differs.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const [nodeRepo, pythonRepo] = process.argv.slice(2);
if (!nodeRepo || !pythonRepo) throw new Error('usage: node generate.mjs <otc-functiongraph-nodejs-runtime> <otc-functiongraph-python-runtime>');
const here = path.dirname(new URL(import.meta.url).pathname);
const DIR = 'doc/source/devguide/bundled_libraries';

const DIST_TO_MODULES = {
  'backports.ssl-match-hostname': ['backports'], 'backports.tarfile': ['backports'], futures: ['concurrent'],
  'python-dateutil': ['dateutil'], pyyaml: ['yaml'], obssdk: ['obs'], protobuf: ['google'],
  setuptools: ['setuptools', 'pkg_resources'], python: [],
};

function names(repo, file) {
  const rst = readFileSync(path.join(repo, DIR, file), 'utf8');
  return [...rst.matchAll(/^\s+\* - (?:`([^ <`]+)[^`]*`_|(\S+))\s*$/gm)].map((m) => m[1] ?? m[2]).filter((n) => n !== 'Name');
}
const commit = (repo) => execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

function build(repo, prefix, site, toModules) {
  const runtimes = {};
  for (const file of readdirSync(path.join(repo, DIR)).filter((f) => f.startsWith(`bundled_libraries_${prefix}`)).sort()) {
    const version = file.slice(`bundled_libraries_${prefix}`.length, -'.rst'.length);
    runtimes[version] = [...new Set(names(repo, file).flatMap(toModules))].sort();
  }
  return { source: `${site}/devguide/bundled_libraries/_index.html`, generatedFrom: `${path.basename(repo)}@${commit(repo)}:${DIR}`, runtimes };
}

const write = (name, data) => writeFileSync(path.join(here, name), `${JSON.stringify(data, null, 1)}\n`);
write('nodejs.json', build(nodeRepo, 'nodejs', 'https://opentelekomcloud-community.github.io/otc-functiongraph-nodejs-runtime', (n) => [n]));
write('python.json', build(pythonRepo, 'Python', 'https://opentelekomcloud-community.github.io/otc-functiongraph-python-runtime',
  (n) => DIST_TO_MODULES[n.toLowerCase()] ?? [n.replace(/-/g, '_').split('.')[0]]));
