import type { RuntimeFamily } from './runtimes';

/** Zero-based, end exclusive; the same convention as LSP so the server converts nothing. */
export interface SourceRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Keys and list indexes from the function resource down: `['Properties', 'Environment', 'Variables', 'X']`. */
export type ConfigPath = readonly (string | number)[];

/** Where one value of a function resource is in the config text. */
export interface ConfigLocation {
  /** The value: a scalar's text, or a whole map or list. Absent when the YAML has a key with no value node. */
  range?: SourceRange;
  /** True for a scalar (a string, a number, an empty value), false for a map, a list or an alias. */
  scalar: boolean;
  /** The key that names the value; absent for list items and a resource that has no key. */
  keyRange?: SourceRange;
}

/** Keys of a function's `Properties` whose position we keep for diagnostics. */
export type ConfigKey =
  | 'Name' | 'Handler' | 'Runtime' | 'MemorySize' | 'Timeout' | 'CodeUri' | 'Environment'
  | 'InitializerHandler' | 'InitializerTimeout' | 'Type' | 'Properties' | 'Resource';

export interface ConfigProblem {
  message: string;
  /** Where in the config file; the whole file when absent. */
  range?: SourceRange;
  /** The property concerned, when there is one. */
  key?: ConfigKey | string;
}

/** Everything the emulator, the linter and the UI need to know about one function. */
export interface FunctionSpec {
  /**
   * Absolute path of the folder that holds the function's config (or its bare `bootstrap`). It
   * identifies the function (launch configurations, commands, the tree, CodeLens); `events/` is here.
   */
  configDir: string;
  /**
   * Absolute path of the function's code, `CodeUri` resolved against `configDir` (the config folder
   * itself when there is no CodeUri): a folder, or the `.zip` the CodeUri names. A running instance's
   * `RUNTIME_CODE_ROOT` is this folder (for a ZIP, the folder it was unpacked into).
   */
  codeDir: string;
  /**
   * The function's identity, from functionKey(): `configDir`, or `configDir#logicalId` when its
   * template declares several functions. What launch configurations' `"function"` holds.
   */
  key: string;
  /** The YAML file the function came from; undefined for a folder with just a `bootstrap`. */
  configFile?: string;
  /** The logical ID under `Resources`, when the template has that level. */
  logicalId?: string;
  /** How many functions the config declares (several: each is its own function everywhere). */
  siblings?: number;
  name: string;
  /** The runtime as written, or `Custom` when there is no config. */
  runtime: string;
  /** The platform's name for it, when we know it (PKG-4b). */
  runtimeName?: string;
  family: RuntimeFamily | 'unknown';
  runtimeVersion: string;
  handler: string;
  memoryMB: number;
  timeoutS: number;
  version: string;
  packageName: string;
  env: Record<string, string>;
  initializer?: string;
  initializerTimeoutS?: number;
  description?: string;
  /** Positions of the config's keys (the key's value, or the key itself for maps). */
  positions: Partial<Record<ConfigKey, SourceRange>>;
  /** What is wrong with the config file itself (checkConfig reports these as `config-invalid`). */
  problems: ConfigProblem[];
  /**
   * The config has YAML syntax errors, so what was read from it cannot be trusted: only the
   * syntax errors are reported (rules that would fail merely because it could not be read are not).
   */
  unreadable?: boolean;
  /** The raw `Properties` object as parsed, for schema validation. */
  properties?: Record<string, unknown>;
  /**
   * Where the value at `path` below the function resource is, in the text this spec was parsed
   * from (so an editor's unsaved text, when that is what was parsed); undefined when that text has
   * no such value. Absent for specs that did not come from a config text.
   */
  locate?: (path: ConfigPath) => ConfigLocation | undefined;
}

/** ENV-4: what the platform assumes when the config says nothing. */
export const DEFAULTS = {
  version: 'latest',
  packageName: 'default',
  memoryMB: 128,
  timeoutS: 3,
} as const;
