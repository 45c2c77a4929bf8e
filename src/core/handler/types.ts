// What every language's handler finder answers, for the linter and the CodeLens alike.

/** Three values so that code we cannot read with certainty never gets an error. */
export type Presence = 'defined' | 'missing' | 'unsure';

export interface SymbolSearch {
  presence: Presence;
  /** 0-based line of the definition (or of the export that names it), when defined. */
  line?: number;
}

/**
 * One per source language, in its own file beside this one (javascript.ts, python.ts, ...), each
 * on a real parser or lexer: comments and strings never count as code.
 */
export interface HandlerFinder {
  /** Where, if anywhere, the module defines or exports `name` as a handler the runtime can call. */
  find(source: string, name: string): SymbolSearch;
  /** Names the module defines that a handler could name (for a "did you mean" fix). */
  symbols(source: string): string[];
  /**
   * Packages or top-level modules the module loads when it is loaded (bare names: `lodash`,
   * `@scope/pkg`, `requests`): relative imports, optional ones (inside try) and the language's
   * own pseudo-modules are left out.
   */
  imports(source: string): string[];
}
