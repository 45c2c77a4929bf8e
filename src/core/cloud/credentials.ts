// Where the cloud keys, the region and the service endpoints come from. First found wins:
//   1. the environment (`HUAWEICLOUD_SDK_AK`/`_SK`/`_SECURITY_TOKEN`/`_PROJECT_ID`: the SDK's own names, for CI);
//   2. `[basic]` of `~/.huaweicloud/credentials` (or `$HUAWEICLOUD_SDK_CREDENTIALS_FILE`), the file the
//      Go, Python, Java and .NET SDKs read; read only, never written;
//   3. providers the caller adds (the extension's SecretStorage sign-in).
// Nothing here loads the SDK: local invocations reuse this chain to give functions credentials.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { t } from '../l10n';

export { redact } from './redact';

export type CredentialSource = 'environment' | 'credentials-file' | string;

/**
 * An access key pair. The secret key and token are kept off every printed form of the object
 * (toString, JSON, util.inspect), so a careless log line cannot leak them.
 */
export class CloudCredentials {
  constructor(
    readonly accessKey: string,
    readonly secretKey: string,
    /** Temporary credentials also carry a security token. */
    readonly securityToken: string | undefined,
    /** The project this pair was set up for, when the source says; the region's project otherwise. */
    readonly projectId: string | undefined,
    /** Where the pair came from, shown to the user ("environment", the file's path, "VS Code"). */
    readonly source: CredentialSource,
  ) {}

  /** The secrets to redact from anything printed. */
  secrets(): string[] {
    return [this.secretKey, this.securityToken].filter((s): s is string => Boolean(s && s.length >= 4));
  }

  /** The access key with its middle hidden: enough to tell two accounts apart. */
  get maskedAccessKey(): string {
    const ak = this.accessKey;
    return ak.length <= 8 ? '****' : `${ak.slice(0, 4)}…${ak.slice(-4)}`;
  }

  toJSON(): Record<string, unknown> {
    return { accessKey: this.maskedAccessKey, projectId: this.projectId, source: this.source, temporary: Boolean(this.securityToken) };
  }

  toString(): string {
    return `CloudCredentials(${this.maskedAccessKey} from ${this.source})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** A source of credentials after the environment and the file (the extension adds SecretStorage). */
export interface CredentialProvider {
  readonly name: string;
  load(): Promise<CloudCredentials | undefined>;
}

type Env = Record<string, string | undefined>;

const trimmed = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/** 1. The SDK's environment variables; undefined unless both keys are set. */
export function environmentCredentials(env: Env = process.env): CloudCredentials | undefined {
  const ak = trimmed(env.HUAWEICLOUD_SDK_AK);
  const sk = trimmed(env.HUAWEICLOUD_SDK_SK);
  if (!ak || !sk) return undefined;
  return new CloudCredentials(ak, sk, trimmed(env.HUAWEICLOUD_SDK_SECURITY_TOKEN), trimmed(env.HUAWEICLOUD_SDK_PROJECT_ID), 'environment');
}

/** The credentials file the other Huawei Cloud SDKs read. */
export function credentialsFilePath(env: Env = process.env, home = os.homedir()): string {
  return trimmed(env.HUAWEICLOUD_SDK_CREDENTIALS_FILE) ?? path.join(home, '.huaweicloud', 'credentials');
}

/**
 * The sections of an INI file: `[name]` then `key = value` lines; `#` and `;` start comments.
 * Hand-written because it is this small and the format has no nesting; an INI library would be
 * a dependency for twenty lines.
 */
export function parseIni(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      current = sections[header[1]] ??= {};
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0 || !current) continue;
    current[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return sections;
}

/** 2. `[basic]` of the credentials file; undefined when the file or its keys are missing. */
export async function fileCredentials(env: Env = process.env, home = os.homedir()): Promise<CloudCredentials | undefined> {
  const file = credentialsFilePath(env, home);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(t('Cannot read the credentials file {0}: {1}', file, (err as Error).message));
  }
  const basic = parseIni(text).basic;
  const ak = trimmed(basic?.ak);
  const sk = trimmed(basic?.sk);
  if (!ak || !sk) return undefined;
  return new CloudCredentials(ak, sk, trimmed(basic.security_token), trimmed(basic.project_id), file);
}

/** The whole chain: environment, file, then the caller's providers. Undefined when none has keys. */
export async function resolveCredentials(options: { env?: Env; home?: string; providers?: readonly CredentialProvider[] } = {}): Promise<CloudCredentials | undefined> {
  const env = options.env ?? process.env;
  const fromEnv = environmentCredentials(env);
  if (fromEnv) return fromEnv;
  const fromFile = await fileCredentials(env, options.home);
  if (fromFile) return fromFile;
  for (const p of options.providers ?? []) {
    const found = await p.load();
    if (found) return found;
  }
  return undefined;
}

/** What to tell someone who has no credentials anywhere. */
export function noCredentialsMessage(env: Env = process.env, home = os.homedir()): string {
  return t('No Huawei Cloud credentials found. Set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (and HUAWEICLOUD_SDK_PROJECT_ID), put ak and sk under [basic] in {0}, or run FunctionGraph: Sign In in VS Code.', credentialsFilePath(env, home));
}

// ------------------------------------------------------------------ region

export const DEFAULT_REGION = 'cn-north-4';

/** Huawei Cloud region ids: `cn-north-4`, `ap-southeast-1`, `ru-northwest-2`, `cn-southwest-2`… */
const REGION_ID = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function isRegionId(region: string): boolean {
  return REGION_ID.test(region);
}

/** `--region`, then `HUAWEICLOUD_SDK_REGION`, then the setting, then cn-north-4. Throws on a malformed id. */
export function resolveRegion(options: { flag?: string; setting?: string; env?: Env } = {}): string {
  const env = options.env ?? process.env;
  const region = trimmed(options.flag) ?? trimmed(env.HUAWEICLOUD_SDK_REGION) ?? trimmed(options.setting) ?? DEFAULT_REGION;
  if (!isRegionId(region)) throw new Error(t('"{0}" is not a Huawei Cloud region id (such as cn-north-4 or ap-southeast-1).', region));
  return region;
}

// ------------------------------------------------------------------ endpoints

export interface CloudEndpoints {
  functiongraph: string;
  iam: string;
  lts: string;
}

export type CloudService = keyof CloudEndpoints;

/** Environment variable and setting (under `functiongraph.cloud.`) that override each service's URL. */
export const ENDPOINT_OVERRIDES: Record<CloudService, { env: string; setting: string }> = {
  functiongraph: { env: 'FGTK_FUNCTIONGRAPH_ENDPOINT', setting: 'endpoint' },
  iam: { env: 'FGTK_IAM_ENDPOINT', setting: 'iamEndpoint' },
  lts: { env: 'FGTK_LTS_ENDPOINT', setting: 'ltsEndpoint' },
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * A service URL as given by a user: https for anything real; plain http only on this machine
 * (a test stand-in, a local proxy). Returns it without a trailing slash; throws with the fix.
 */
export function checkEndpoint(value: string, origin: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(t('{0} is not a URL: "{1}". Give a base URL such as https://functiongraph.cn-north-4.myhuaweicloud.com.', origin, value));
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new Error(t('{0} must use https (plain http is allowed only for 127.0.0.1): "{1}".', origin, value));
  }
  if (url.username || url.password) throw new Error(t('{0} must not carry a user name or password.', origin));
  return url.toString().replace(/\/+$/, '');
}

/** The public endpoints of a region, each replaced by its override when one is set (env first). */
export function resolveEndpoints(region: string, options: { env?: Env; settings?: Partial<Record<CloudService, string>> } = {}): CloudEndpoints {
  const env = options.env ?? process.env;
  const defaults: CloudEndpoints = {
    functiongraph: `https://functiongraph.${region}.myhuaweicloud.com`,
    iam: `https://iam.${region}.myhuaweicloud.com`,
    lts: `https://lts.${region}.myhuaweicloud.com`,
  };
  const out = { ...defaults };
  for (const service of Object.keys(ENDPOINT_OVERRIDES) as CloudService[]) {
    const { env: name, setting } = ENDPOINT_OVERRIDES[service];
    const fromEnv = trimmed(env[name]);
    const fromSetting = trimmed(options.settings?.[service]);
    if (fromEnv) out[service] = checkEndpoint(fromEnv, name);
    else if (fromSetting) out[service] = checkEndpoint(fromSetting, `functiongraph.cloud.${setting}`);
  }
  return out;
}
