// One esbuild script for every bundle: the extension, the language server and the CLI.
// Runtime shims, templates and event templates are data files copied as they are (the shims must
// stay plain files that the function's own interpreter loads).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, rmSync, chmodSync } from 'node:fs';
import { precompiledValidatorsPlugin } from './src/core/schemas/precompile.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
};

const entries = [
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

// Side bundles: libraries only some commands need, each a bundle of its own that the main bundles
// require on first use (src/core/lazy.ts, src/core/cloud/connect.ts), so that neither activation nor
// a local `fgtk` command parses them. The plugin points each import at the side bundle's file.
const sideBundles = [
  // Huawei's cloud SDK (~1 MB): loaded on the first cloud command.
  {
    filter: /[\\/]cloud[\\/]huawei[\\/]index$|^\.\/huawei\/index$/, entryPoints: ['src/core/cloud/huawei/index.ts'], outfile: 'dist/cloud-huawei.js',
    // The SDK's log4js prints secrets on errors: a silent stand-in replaces it (see the file).
    alias: { log4js: './src/core/cloud/huawei/log4js-silent.ts' },
  },
  // JUnit XML (with lodash, ~450 KB): `fgtk test --junit` only.
  { filter: /^junit-report-builder$/, entryPoints: ['node_modules/junit-report-builder/dist/index.js'], outfile: 'dist/junit-report-builder.js' },
  // The handler finders' parsers: acorn, Lezer's Python and Java grammars.
  { filter: /[\\/]handler[\\/]parsers$/, entryPoints: ['src/core/handler/parsers.ts'], outfile: 'dist/parsers.js' },
  // ZIP writing and JAR reading.
  { filter: /^adm-zip$/, entryPoints: ['node_modules/adm-zip/adm-zip.js'], outfile: 'dist/adm-zip.js' },
];
const sideBundlesExternal = {
  name: 'side-bundles-external',
  setup(build) {
    for (const side of sideBundles) {
      build.onResolve({ filter: side.filter }, () => ({ path: `./${side.outfile.slice('dist/'.length)}`, external: true }));
    }
  },
};
for (const e of entries) e.plugins = [sideBundlesExternal, precompiledValidatorsPlugin];
for (const { entryPoints, outfile, alias } of sideBundles) entries.push({ entryPoints, outfile, alias });

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
await Promise.all(contexts.map((c) => c.rebuild()));
cpSync('src/core/shims/files', 'dist/shims', { recursive: true });
cpSync('src/core/templates/files', 'dist/templates', { recursive: true });
cpSync('src/core/events/files', 'dist/events', { recursive: true });
chmodSync('dist/cli.js', 0o755);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.dispose()));
}
