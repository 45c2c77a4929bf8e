// Deploy one local function: create it when the cloud has none of that name, else update its code
// and then its configuration (merged onto what is there). The caller built and linted the ZIP.
import { webcrypto } from 'node:crypto';
import type { FunctionSpec } from '../config';
import { formatBytes } from '../format';
import { t } from '../l10n';
import type { CallOptions, CloudApi, CloudFunction, FunctionSettings } from './api';

export interface DeployOutcome {
  functionUrn: string;
  action: 'created' | 'updated';
  codeSize: number;
  codeSha256: string;
}

/** AK/SK-signed bodies may carry 12 MB; base64 grows a ZIP by 4/3, so about 9 MB of ZIP fits. */
export const DEFAULT_INLINE_ZIP_LIMIT_BYTES = 9 * 1024 * 1024;

/** A package the API cannot take inline: the message says the limit and the ways out. */
export class PackageTooLargeError extends Error {}

export function settingsFromSpec(spec: FunctionSpec): FunctionSettings {
  return {
    name: spec.name,
    packageName: spec.packageName || 'default',
    runtime: spec.runtimeName ?? spec.runtime,
    handler: spec.handler,
    memorySizeMB: spec.memoryMB,
    timeoutSeconds: spec.timeoutS,
    environment: spec.env,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    ...(spec.initializer ? { initializer: spec.initializer, initializerTimeoutSeconds: spec.initializerTimeoutS } : {}),
  };
}

/**
 * Whether writing `settings` would change the deployed configuration. A code-only redeploy then
 * skips UpdateFunctionConfig (which rereads and rewrites the whole configuration): two requests
 * fewer, and the configuration keeps its last-modified time. What the settings leave unset
 * (description, initializer) is kept by updateConfig, so it is no change.
 */
export function configDiffers(current: CloudFunction, s: FunctionSettings): boolean {
  const env = Object.entries(s.environment);
  return current.runtime !== s.runtime || current.handler !== s.handler || current.memorySizeMB !== s.memorySizeMB || current.timeoutSeconds !== s.timeoutSeconds
    || env.length !== Object.keys(current.environment).length || env.some(([k, v]) => current.environment[k] !== v)
    || (s.description !== undefined && s.description !== (current.description ?? ''))
    || (s.initializer !== undefined && (s.initializer !== current.initializer || (s.initializerTimeoutSeconds ?? s.timeoutSeconds) !== current.initializerTimeoutSeconds));
}

export function checkInlineSize(zip: Buffer, limitBytes = DEFAULT_INLINE_ZIP_LIMIT_BYTES): void {
  if (zip.length <= limitBytes) return;
  throw new PackageTooLargeError(t('The package is {0}, over the {1} that can be uploaded inline (AK/SK-signed requests carry at most 12 MB, and the ZIP travels as base64). Make it smaller (.fgtkignore, a dependency layer), or upload it to OBS and set the function\'s code from there in the console; functiongraph.cloud.maxInlineZipMB (FGTK_MAX_INLINE_ZIP_MB) raises the limit for endpoints that accept more.', formatBytes(zip.length), formatBytes(limitBytes)));
}

export interface DeployOptions extends CallOptions {
  inlineLimitBytes?: number;
  /** Progress for the UI: 'checking' | 'creating' | 'uploading' | 'configuring'. */
  onStep?: (step: 'checking' | 'creating' | 'uploading' | 'configuring') => void;
}

export async function deployFunction(api: CloudApi, spec: FunctionSpec, zip: Buffer, options: DeployOptions = {}): Promise<DeployOutcome> {
  checkInlineSize(zip, options.inlineLimitBytes);
  const settings = settingsFromSpec(spec);
  const call = { signal: options.signal };
  // Hashed on libuv's thread pool while the requests are under way, not on the main thread after them.
  const hashing = webcrypto.subtle.digest('SHA-256', zip).then((d) => Buffer.from(d).toString('hex'));
  hashing.catch(() => undefined);
  options.onStep?.('checking');
  const existing = await api.getFunction(settings.name, settings.packageName, call);
  if (!existing) {
    options.onStep?.('creating');
    const created = await api.createFunction(settings, zip, call);
    return { functionUrn: created.functionUrn, action: 'created', codeSize: zip.length, codeSha256: await hashing };
  }
  options.onStep?.('uploading');
  await api.updateCode(existing.functionUrn, zip, call);
  if (configDiffers(existing, settings)) {
    options.onStep?.('configuring');
    await api.updateConfig(existing.functionUrn, settings, call);
  }
  return { functionUrn: existing.functionUrn, action: 'updated', codeSize: zip.length, codeSha256: await hashing };
}

/** `FGTK_MAX_INLINE_ZIP_MB` or the setting, in bytes; undefined for the default. */
export function inlineLimitFrom(env: Record<string, string | undefined>, settingMB?: number): number | undefined {
  const mb = Number(env.FGTK_MAX_INLINE_ZIP_MB ?? settingMB);
  return Number.isFinite(mb) && mb > 0 ? Math.round(mb * 1024 * 1024) : undefined;
}
