// The layers of architecture.md hold by lint, not by review: an import that points up (a cycle in
// the making) or reaches VS Code from outside the extension fails `npm test`. Each case lints a real
// source file with one import added, through the repository's own eslint.config.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const eslint = new ESLint({
  cwd: ROOT,
  // Only the layer rule: the type-aware rules need the whole project and prove nothing here.
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});

async function restrictedImports(file: string, addedLine: string): Promise<string[]> {
  const text = `${readFileSync(path.join(ROOT, file), 'utf8')}\n${addedLine}\n`;
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

void describe('layers (architecture.md): arrows point down only', () => {
  void it('the files as they are break no layer rule', async () => {
    for (const file of ['src/core/lint/index.ts', 'src/core/package/packageFunction.ts', 'src/extension/commands/index.ts', 'src/debug/session.ts', 'src/shared/dapProtocol.ts']) {
      assert.deepEqual(await restrictedImports(file, ''), [], file);
    }
  });

  for (const [what, file, line] of [
    ['lint → package (the old cycle through the ignore rules)', 'src/core/lint/types.ts', "import '../package';"],
    ['archive → lint (archive sits below lint and package)', 'src/core/archive/packageView.ts', "import '../lint';"],
    ['invoke → templates', 'src/core/invoke/result.ts', "import '../templates';"],
    ['templates → invoke (the old which() detour)', 'src/core/templates/index.ts', "import '../invoke/interpreters';"],
    ['code importing a runtime shim (shims are data files)', 'src/core/invoke/launch/node.ts', "import '../../shims';"],
    ['the core reaching into an adapter', 'src/core/invoke/result.ts', "import '../../debug/session';"],
    ['the core reaching into src/shared', 'src/core/config/index.ts', "import '../../shared/dapProtocol';"],
    ['the extension\'s commands reaching into the debug adapter', 'src/extension/commands/runCommands.ts', "import '../../debug/session';"],
    ['the debug adapter importing vscode', 'src/debug/session.ts', "import 'vscode';"],
    ['src/shared importing vscode', 'src/shared/dapProtocol.ts', "import 'vscode';"],
    ['src/shared importing an adapter', 'src/shared/dapProtocol.ts', "import '../debug/session';"],
    ['the language server importing the extension', 'src/server/server.ts', "import '../extension/ctx';"],
    ['the core importing the DAP library', 'src/core/invoke/invoker.ts', "import '@vscode/debugadapter';"],
  ] as const) {
    void it(`fails lint: ${what}`, async () => {
      const messages = await restrictedImports(file, line);
      assert.equal(messages.length, 1, `${file} + ${line}: ${JSON.stringify(messages)}`);
    });
  }

  void it('the inline adapter glue may import src/debug', async () => {
    assert.deepEqual(await restrictedImports('src/extension/debugAdapters.ts', "import '../debug/main';"), []);
  });
});
