// Finds handlers and the modules they load, without running them: one finder per source language
// (one file each, behind HandlerFinder), shared by the linter and the CodeLens.
import { findRegisteredGoHandler } from './go';
import { parseHandler, type SourceLanguage } from './handlerString';
import { javaFinder } from './java';
import { javascriptFinder } from './javascript';
import { phpFinder } from './php';
import { pythonFinder } from './python';
import type { HandlerFinder, SymbolSearch } from './types';

export { HANDLER_FORMATS, parseHandler, type HandlerTarget, type SourceLanguage } from './handlerString';
export { packageOf } from './javascript';
export { findRegisteredGoHandler, goFinder } from './go';
export type { HandlerFinder, Presence, SymbolSearch } from './types';

/** A new language adds its finder file beside the others and one line here. */
const FINDERS: Partial<Record<SourceLanguage, HandlerFinder>> = {
  node: javascriptFinder,
  python: pythonFinder,
  php: phpFinder,
  java: javaFinder,
};

export function finderFor(lang: SourceLanguage): HandlerFinder | undefined {
  return FINDERS[lang];
}

/**
 * The handler's place in a file of a function: `relPath` is the file's path relative to the code
 * folder (with `/`). Undefined when the handler does not live in that file.
 */
export function findHandlerIn(family: string, handler: string, relPath: string, source: string): SymbolSearch | undefined {
  // Go 1.x: the handler names the executable; its function is the one main() registers, in any package-main file at the root.
  if (family === 'go') {
    if (relPath.includes('/') || !relPath.endsWith('.go') || relPath.endsWith('_test.go')) return undefined;
    const found = findRegisteredGoHandler(source);
    return found.presence === 'defined' ? found : undefined;
  }
  const target = parseHandler(family, handler).target;
  const finder = target && finderFor(target.lang);
  if (!target?.symbol || !finder || !target.files.includes(relPath)) return undefined;
  return finder.find(source, target.symbol);
}
