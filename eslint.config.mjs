import tseslint from 'typescript-eslint';

// ---- Layers (docs/architecture.md): arrows point down only, so a cycle fails `npm test` ----------
// Each folder of src/core may import only the folders listed for it (and the files at src/core's
// root: l10n, format, dataDir). A folder not listed here is not restricted yet: add it when you add it.
const CORE_MAY_IMPORT = {
  process: [],
  config: [],
  events: [],
  handler: ['config'],
  archive: ['config'],
  emulator: ['process'],
  lint: ['archive', 'config', 'handler', 'process'],
  package: ['archive', 'config', 'handler', 'lint', 'process'],
  templates: ['config', 'events', 'handler', 'lint', 'package', 'process'],
  invoke: ['archive', 'config', 'emulator', 'events', 'handler', 'package', 'process'],
  testing: ['archive', 'config', 'emulator', 'events', 'handler', 'invoke', 'package', 'process'],
  cloud: ['archive', 'config', 'lint', 'package', 'process'],
};
/** The adapters over the core; each may import the core and src/shared, never one another (the extension's debug adapter glue excepted). */
const ADAPTERS = ['extension', 'debug', 'server', 'cli'];

/** An import that climbs out of its folder into `folder` (`../lint/x`, `../../package`). */
const into = (folders, message) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message });
const vscodeBan = (who) => ({ name: 'vscode', message: `${who} never imports vscode: only src/extension does (architecture.md, house style 1).` });
const protocolBans = [
  { name: 'vscode-languageserver', message: 'The core knows nothing of LSP.' },
  { name: 'vscode-languageserver/node', message: 'The core knows nothing of LSP.' },
  { name: '@vscode/debugadapter', message: 'The core knows nothing of DAP.' },
  { name: '@vscode/debugprotocol', message: 'The core knows nothing of DAP.' },
];
const restrict = (files, paths, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } });
/** Runtime shims are data files that the function's own interpreter loads; invoke/launch starts them. */
const shimsAreData = into(['shims'], 'src/core/shims holds data files only; launch code belongs in src/core/invoke/launch.');

function layerRules() {
  const coreFolders = Object.keys(CORE_MAY_IMPORT);
  const coreBase = [vscodeBan('The core'), ...protocolBans];
  const outOfCore = into([...ADAPTERS, 'shared'], 'The core is imported by the adapters and src/shared, never the other way round.');
  return [
    restrict(['src/core/**/*.ts'], coreBase, [outOfCore, shimsAreData]),
    // Files at src/core's root (l10n, format, dataDir) are the bottom: they import no folder of the core.
    restrict(['src/core/*.ts'], coreBase, [outOfCore, into(coreFolders, 'l10n, format and dataDir are below every folder of the core.'), shimsAreData]),
    ...coreFolders.map((folder) => {
      const above = coreFolders.filter((f) => f !== folder && !CORE_MAY_IMPORT[folder].includes(f));
      return restrict([`src/core/${folder}/**/*.ts`], coreBase, [
        outOfCore, shimsAreData,
        ...(above.length ? [into(above, `src/core/${folder} may import only ${CORE_MAY_IMPORT[folder].join(', ') || 'the files at src/core\'s root'} (arrows point down: see CORE_MAY_IMPORT in eslint.config.mjs).`)] : []),
      ]);
    }),
    restrict(['src/shared/**/*.ts'], [vscodeBan('src/shared'), { name: '@vscode/debugadapter', message: 'src/shared holds contracts (types and names), not adapter code.' }], [
      into(ADAPTERS, 'src/shared is imported by the adapters, never the other way round.'),
    ]),
    ...ADAPTERS.filter((a) => a !== 'extension').map((adapter) => restrict([`src/${adapter}/**/*.ts`], [vscodeBan(`src/${adapter}`)], [
      into(ADAPTERS.filter((a) => a !== adapter), `src/${adapter} talks to the other adapters through src/shared contracts only.`),
    ])),
    restrict(['src/extension/**/*.ts'], [], [
      into(['server', 'cli'], 'The extension talks to the language server and the CLI through src/shared contracts only.'),
      into(['debug'], 'Only src/extension/debugAdapters.ts (the inline adapter glue) imports src/debug; commands use core/invoke and src/shared.'),
    ]),
    restrict(['src/extension/debugAdapters.ts'], [], [into(['server', 'cli'], 'The extension talks to the language server and the CLI through src/shared contracts only.')]),
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '**/files/**', 'test/fixtures/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's describe/test return promises that the runner itself tracks.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [
        { from: 'package', package: 'node:test', name: ['describe', 'test', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
      ] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain CommonJS helpers run by Node directly (bench/floor-client.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', performance: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...layerRules(),
);
