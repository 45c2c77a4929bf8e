// Simplified Chinese in a real VS Code (the `zh` run: VS Code in zh-cn with a stand-in language pack):
// a pre-flight error of the engine reaches the user in Chinese through the Invoke command.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, inWorkspace, stepOf } from './helpers';

suite('zh-cn: messages in Simplified Chinese', () => {
  test('VS Code runs in zh-cn', async () => {
    await activateExtension();
    assert.equal(vscode.env.language, 'zh-cn');
  });

  test('Invoke on a bootstrap with CRLF line endings: the pre-flight error says so in Chinese', async () => {
    await activateExtension();
    const dir = inWorkspace('zh-crlf');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'bootstrap'), '#!/bin/sh\r\necho hi\r\n', { mode: 0o755 });
    try {
      const message = await stepOf('FunctionGraph: Invoke Locally on it', async () => {
        try {
          const result = await vscode.commands.executeCommand<{ status: string; outputText?: string; error?: { errorMessage?: string } }>('functiongraph.invoke', { function: dir });
          return JSON.stringify(result);
        } catch (err) {
          return (err as Error).message;
        }
      });
      assert.match(message, /CRLF/, message);
      assert.match(message, /[\u4e00-\u9fff]/, `the message is in Chinese: ${message}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
