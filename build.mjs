// One esbuild script for every bundle: the extension, the language server and the CLI.
// Runtime shims, templates and event templates are data files copied as they are (the shims must
// stay plain files that the function's own interpreter loads).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, rmSync, chmodSync } from 'node:fs';

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

// Huawei's cloud SDK (~1 MB) is a bundle of its own, loaded on the first cloud command: the
// extension and the CLI import `./huawei/index` lazily, and this plugin points that import at
// dist/cloud-huawei.js so neither parses the SDK at start.
const cloudSdkExternal = {
  name: 'cloud-sdk-external',
  setup(build) {
    build.onResolve({ filter: /[\\/]cloud[\\/]huawei[\\/]index$|^\.\/huawei\/index$/ }, () => ({ path: './cloud-huawei.js', external: true }));
  },
};
for (const e of entries) e.plugins = [cloudSdkExternal];
entries.push({
  entryPoints: ['src/core/cloud/huawei/index.ts'],
  outfile: 'dist/cloud-huawei.js',
  // The SDK's log4js prints secrets on errors: a silent stand-in replaces it (see the file).
  alias: { log4js: './src/core/cloud/huawei/log4js-silent.ts' },
});

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
