// The FunctionGraph API's snake_case answers read as our types, loosely: a field the API leaves out
// reads as empty (or the fallback), not as an error.
import type { CloudFunction } from '../api';

/** A field as text ('' when absent). */
export const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
/** A field as a number (`fallback` when absent or not numeric). */
export const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v) || fallback);

function parseUserData(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'string') return {};
  try {
    const parsed = JSON.parse(v) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, x]) => [k, str(x)]));
  } catch {
    return {};
  }
}

/** The API's snake_case function object (list item or config) as ours. */
export function toCloudFunction(raw: Record<string, unknown>): CloudFunction {
  return {
    name: str(raw.func_name),
    functionUrn: str(raw.func_urn),
    packageName: str(raw.package) || 'default',
    runtime: str(raw.runtime),
    handler: str(raw.handler),
    memorySizeMB: num(raw.memory_size),
    timeoutSeconds: num(raw.timeout),
    ...(raw.code_size !== undefined ? { codeSize: num(raw.code_size) } : {}),
    ...(raw.description ? { description: str(raw.description) } : {}),
    ...(raw.last_modified ? { lastModified: str(raw.last_modified) } : {}),
    environment: parseUserData(raw.user_data),
    ...(raw.initializer_handler ? { initializer: str(raw.initializer_handler), initializerTimeoutSeconds: num(raw.initializer_timeout) } : {}),
  };
}
