// Messages of the core, the language server and the CLI go through @vscode/l10n so that the
// same English source strings are translated from `l10n/bundle.l10n.<locale>.json`.
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const t = l10n.t;

/**
 * Loads the bundle for `locale` (e.g. `zh-cn`) from the `l10n/` folder beside `root`
 * (the extension or package root). English needs no bundle.
 */
export function initL10n(root: string, locale: string | undefined): void {
  const lang = (locale ?? '').toLowerCase();
  if (!lang || lang.startsWith('en')) return;
  for (const candidate of [lang, lang.split('-')[0]]) {
    const file = path.join(root, 'l10n', `bundle.l10n.${candidate}.json`);
    if (existsSync(file)) {
      l10n.config({ fsPath: file });
      return;
    }
  }
}
