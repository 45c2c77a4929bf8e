// How a FunctionGraph command was called decides what it may do: a person's click (the Command
// Palette, a menu, a tree node, a CodeLens) may open pickers and is shown its failures; a call from
// code (tests, other extensions) never waits on a picker and gets failures as a rejected promise.
// Plain logic without `vscode`, so that the decision is unit-tested outside VS Code.

/** What code, and our own CodeLens, pass to a FunctionGraph command. */
export interface CommandRequest {
  /** The function: its config folder (with template.yml), its code folder, or a file inside it. */
  function?: string;
  /** The test event: a `.json` file, or the event itself as a JSON value. */
  event?: string | object;
  /** A person's click (our CodeLens sets it): pickers may open, failures are shown, not thrown. */
  interactive?: boolean;
}

export interface CommandCall {
  interactive: boolean;
  /** What the command acts on: a tree node or Uri (the caller knows them), or a path. */
  target?: unknown;
  event?: unknown;
}

const REQUEST_KEYS = new Set(['function', 'event', 'interactive']);

/** A plain object with only {@link CommandRequest}'s keys (and at least one of them). */
export function isCommandRequest(value: unknown): value is CommandRequest {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => REQUEST_KEYS.has(k));
}

/**
 * Reads a command's arguments. `isUiObject` recognises what VS Code passes from our menus: tree nodes
 * and the Uri of the explorer or editor (whose second argument, the multi-selection, is ignored); the
 * palette, keybindings and the debug toolbar pass nothing. From code: a {@link CommandRequest}, or
 * positional arguments (a path and an event, or a command's own options object).
 */
export function parseCommandCall(args: readonly unknown[], isUiObject: (value: unknown) => boolean): CommandCall {
  const [first, second] = args;
  if (first === undefined) return { interactive: true }; // Command Palette, keybinding, Run menu
  if (isUiObject(first)) return { interactive: true, target: first };
  if (isCommandRequest(first)) return { interactive: first.interactive === true, target: first.function, event: first.event };
  return { interactive: false, target: first, event: second };
}

/** VS Code's `CancellationError` and the like: a person pressed Escape or cancelled a progress. */
export function isCancellation(err: unknown): boolean {
  return err instanceof Error && (err.name === 'Canceled' || err.message === 'Canceled');
}

/** What a command does with a failure: a cancelled click says nothing; code always hears of it. */
export function failureHandling(err: unknown, interactive: boolean): 'ignore' | 'show' | 'reject' {
  if (!interactive) return 'reject';
  return isCancellation(err) ? 'ignore' : 'show';
}
