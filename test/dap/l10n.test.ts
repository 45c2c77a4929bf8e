// Bilingual: under the zh-cn locale the adapter (like the core, the server and the CLI) answers
// from l10n/bundle.l10n.zh-cn.json. Its own test file: the l10n configuration is per process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { initL10n } from '../../src/core/l10n';
import { launch, startAdapter } from './helpers';

void test('zh-cn: a launch error the user must fix is shown in Simplified Chinese', async () => {
  initL10n(path.resolve(import.meta.dirname, '..', '..'), 'zh-CN');
  const root = mkdtempSync(path.join(tmpdir(), 'fgtk-dap-l10n-'));
  const h = await startAdapter();
  try {
    const missing = path.join(root, 'nope');
    await assert.rejects(
      launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: missing }),
      (err: Error) => {
        assert.equal(err.message, `找不到函数文件夹：${missing}。请检查 launch.json 中的“function”。`);
        return true;
      },
    );
  } finally {
    await h.close();
    rmSync(root, { recursive: true, force: true });
  }
});
