// The package linter: every rule over a PackageView, as plain data (LintDiagnostic[]).
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findConfigFiles, loadFunction, parseFunctionConfig, parseRuntime, type FunctionSpec } from '../config';
import { t } from '../l10n';
import { LintContext, toDiagnostics, type Rule } from './context';
import { FolderView, type FolderViewOptions } from '../archive/folderView';
import { singleTopFolder, type PackageView } from '../archive/packageView';
import { BOOTSTRAP_RULES } from './rules/bootstrap';
import { configInvalid, memorySizeUnlisted } from './rules/config';
import { CONTAINER_RULES } from './rules/container';
import { dependencyMissing } from './rules/dependencies';
import { GO_RULES } from './rules/go';
import { packageSecret } from './rules/secrets';
import { HANDLER_RULES } from './rules/handler';
import { JAVA_RULES } from './rules/java';
import { nativeModuleWrongPlatform } from './rules/native';
import { pythonStdlibShadow } from './rules/python';
import { SIZE_RULES } from './rules/sizes';
import { DEFAULT_LINT_SETTINGS, normalizeSettings, type LintDiagnostic, type LintSettings } from './types';
import { ZipView } from '../archive/zipView';

export * from './types';
export type { PackageView, PackageEntry } from '../archive/packageView';
export { FolderView } from '../archive/folderView';
export { ZipView } from '../archive/zipView';

/** (ours) A ZIP linted on its own, with no config that names its runtime. */
const runtimeUnknown: Rule = {
  id: 'runtime-unknown',
  contract: '(ours)',
  severity: 'info',
  check(ctx) {
    if (ctx.spec || ctx.view.kind !== 'zip' || ctx.view.problems.some((p) => p.rule === 'zip-invalid')) return [];
    return [{ file: ctx.view.location, message: t('No function config names this package\'s runtime and handler, so only the package itself was checked. Pass --runtime and --handler (or put template.yml next to it) to check the handler too.') }];
  },
};

export const RULES: readonly Rule[] = [
  ...CONTAINER_RULES, ...SIZE_RULES, configInvalid, memorySizeUnlisted, ...BOOTSTRAP_RULES, ...HANDLER_RULES, ...GO_RULES,
  pythonStdlibShadow, nativeModuleWrongPlatform, dependencyMissing, runtimeUnknown,
  ...JAVA_RULES,
  packageSecret,
];

/** The rules that read only the package, so a config that cannot be read does not silence them. */
const CONFIG_INDEPENDENT = new Set<Rule>([...CONTAINER_RULES.filter((r) => r.id !== 'empty-package'), ...SIZE_RULES, configInvalid]);

/** Every rule ID with its contract section and default severity (for docs, SARIF and settings). */
export const RULE_INFO = RULES.map((r) => ({ id: r.id, contract: r.contract, severity: r.severity }));

export interface LintOptions {
  /** The function's config, when the caller has it (the language server parses unsaved text). */
  spec?: FunctionSpec;
  /** A view the caller keeps (incremental re-lint). */
  view?: PackageView;
  overlay?: FolderViewOptions['overlay'];
  signal?: AbortSignal;
}

/** Lints a function folder or a .zip. */
export async function lintFunction(target: string, settings: Partial<LintSettings> = {}, options: LintOptions = {}): Promise<LintDiagnostic[]> {
  const abs = path.resolve(target);
  const { view, spec } = options.view
    ? { view: options.view, spec: options.spec }
    : await openTarget(abs, options);
  return lintView(view, spec, settings, options.signal);
}

/** Runs every rule over an open view. Rules run in sequence; a signal stops between rules. */
export async function lintView(view: PackageView, spec: FunctionSpec | undefined, settings: Partial<LintSettings> = {}, signal?: AbortSignal): Promise<LintDiagnostic[]> {
  const full = normalizeSettings({ ...DEFAULT_LINT_SETTINGS, ...settings });
  if (!full.enable) return [];
  const ctx = new LintContext(view, spec, full);
  const out: LintDiagnostic[] = [];
  // A config with YAML syntax errors says nothing reliable about runtime, handler or bootstrap:
  // report the syntax errors, and the package checks that need no config, not their follow-ons.
  const rules = spec?.unreadable ? RULES.filter((r) => CONFIG_INDEPENDENT.has(r)) : RULES;
  for (const rule of rules) {
    signal?.throwIfAborted();
    out.push(...toDiagnostics(rule, ctx, await rule.check(ctx)));
  }
  return out;
}

/** The view and config for a folder or a .zip. */
export async function openTarget(target: string, options: LintOptions = {}): Promise<{ view: PackageView; spec?: FunctionSpec }> {
  const st = await fs.stat(target);
  if (st.isDirectory()) {
    const spec = options.spec ?? (await loadFunction(target));
    const codeDir = spec?.codeDir ?? target;
    if (/\.(zip|jar)$/i.test(codeDir) && existsSync(codeDir)) return { view: await ZipView.open(codeDir), spec };
    return { view: await FolderView.open(codeDir, { overlay: options.overlay }), spec };
  }
  const view = await ZipView.open(target);
  return { view, spec: options.spec ?? (await specForZip(target, view)) };
}

/**
 * The config that describes a .zip: one inside it, one next to it whose CodeUri is the ZIP, or the
 * config of the folder it was packaged from (`hello.zip` beside `hello/`). A ZIP with a bootstrap and
 * nothing else is a custom runtime.
 */
export async function specForZip(zipPath: string, view: PackageView): Promise<FunctionSpec | undefined> {
  const inner = view.entries().find((e) => e.kind === 'file' && /^template\.ya?ml$/i.test(e.path));
  if (inner) {
    const text = (await view.read(inner.path, 1024 * 1024))?.toString('utf8');
    const spec = text ? parseFunctionConfig(text, path.join(path.dirname(zipPath), inner.path))[0] : undefined;
    if (spec) return detach(spec, zipPath);
  }
  const dir = path.dirname(zipPath);
  for (const config of await findConfigFiles(dir)) {
    const text = await fs.readFile(config, 'utf8').catch(() => '');
    const spec = parseFunctionConfig(text, config).find((s) => s.codeDir === zipPath);
    if (spec) return spec;
  }
  const sibling = path.join(dir, path.basename(zipPath).replace(/\.(zip|jar)$/i, ''));
  if (sibling !== zipPath && existsSync(sibling)) {
    const spec = await loadFunction(sibling);
    if (spec) return detach(spec, zipPath);
  }
  const top = singleTopFolder(view);
  if (view.get('bootstrap') || (top && view.get(`${top}/bootstrap`))) {
    const custom = parseRuntime('Custom')!;
    return {
      configDir: path.dirname(zipPath), codeDir: zipPath, key: zipPath, name: path.basename(zipPath), runtime: 'Custom', runtimeName: custom.name, family: 'custom', runtimeVersion: '',
      handler: 'bootstrap', memoryMB: 128, timeoutS: 3, version: 'latest', packageName: 'default', env: {}, positions: {}, problems: [],
    };
  }
  return undefined;
}

/** A spec borrowed for a ZIP: its diagnostics land on the ZIP, not on a config that describes a folder. */
function detach(spec: FunctionSpec, zipPath: string): FunctionSpec {
  return { ...spec, codeDir: zipPath, configFile: undefined, positions: {}, problems: [], unreadable: undefined, locate: undefined };
}
