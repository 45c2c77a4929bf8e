// From "the user wants the cloud" to a CloudApi: credentials, region, endpoints and project, then
// the SDK, loaded here and only here, on the first cloud call (its bundle is dist/cloud-huawei.js;
// build.mjs keeps it out of the CLI's and the extension's own bundles).
import type { CloudApi, CloudProject, IdentityApi } from './api';
import { CloudCallError } from './callError';
import {
  noCredentialsMessage, resolveCredentials, resolveEndpoints, resolveRegion,
  type CloudCredentials, type CloudEndpoints, type CloudService, type CredentialProvider,
} from './credentials';
import { t } from '../l10n';
import { version } from '../../../package.json';

type Env = Record<string, string | undefined>;

export interface ConnectOptions {
  /** `--region`. */
  region?: string;
  env?: Env;
  home?: string;
  /** Settings the extension passes (`functiongraph.cloud.*`). */
  settings?: { region?: string; endpoints?: Partial<Record<CloudService, string>>; projectId?: string };
  providers?: readonly CredentialProvider[];
  /** Tests shorten the retry pauses. */
  retry?: { attempts?: number; baseDelayMs?: number };
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface CloudSession {
  api: CloudApi;
  credentials: CloudCredentials;
  region: string;
  projectId: string;
  endpoints: CloudEndpoints;
}

/** A setup problem (no credentials, no project): exit code 2 in the CLI, a sign-in offer in the editor. */
export class CloudSetupError extends Error {}

const USER_AGENT = `fgtk/${version}`;

let sdk: Promise<typeof import('./huawei/index')> | undefined;
/** The SDK module, loaded once. */
export function loadSdk(): Promise<typeof import('./huawei/index')> {
  return (sdk ??= import('./huawei/index'));
}

export async function identityApi(credentials: CloudCredentials, endpoints: CloudEndpoints, options: Pick<ConnectOptions, 'retry' | 'timeoutMs'> = {}): Promise<IdentityApi> {
  return (await loadSdk()).createIdentityApi({ credentials, endpoints, userAgent: USER_AGENT, retry: options.retry, timeoutMs: options.timeoutMs });
}

/** The projects of `region` the keys can see (IAM, list only: we never create one). */
export async function listProjects(credentials: CloudCredentials, region: string, endpoints: CloudEndpoints, options: Pick<ConnectOptions, 'retry' | 'timeoutMs' | 'signal'> = {}): Promise<CloudProject[]> {
  return (await identityApi(credentials, endpoints, options)).listProjects(region, { signal: options.signal });
}

/** `FGTK_CLOUD_TIMEOUT_S`: the per-request timeout (default 30 s; invokes add the function's own timeout). */
function timeoutFrom(env: Env): number | undefined {
  const s = Number(env.FGTK_CLOUD_TIMEOUT_S);
  return Number.isFinite(s) && s > 0 ? s * 1000 : undefined;
}

export async function connect(options: ConnectOptions = {}): Promise<CloudSession> {
  const env = options.env ?? process.env;
  let region: string;
  let endpoints: CloudEndpoints;
  try {
    region = resolveRegion({ flag: options.region, setting: options.settings?.region, env });
    endpoints = resolveEndpoints(region, { env, settings: options.settings?.endpoints });
  } catch (err) {
    throw new CloudSetupError((err as Error).message);
  }
  const credentials = await resolveCredentials({ env, home: options.home, providers: options.providers });
  if (!credentials) throw new CloudSetupError(noCredentialsMessage(env, options.home));
  let projectId = credentials.projectId ?? options.settings?.projectId;
  if (!projectId) {
    // Ask IAM which projects the region has; one: use it; none or several: say how to choose.
    let projects: CloudProject[];
    try {
      projects = await listProjects(credentials, region, endpoints, { ...options, timeoutMs: options.timeoutMs ?? timeoutFrom(env) });
    } catch (err) {
      if (err instanceof CloudCallError) throw err;
      throw new CloudSetupError((err as Error).message);
    }
    if (projects.length !== 1) {
      throw new CloudSetupError(projects.length === 0
        ? t('The account has no project in region {0}. Pick another region (--region), or create the project in the console; fgtk never creates one.', region)
        : t('Region {0} has several projects ({1}). Set HUAWEICLOUD_SDK_PROJECT_ID (or project_id in the credentials file) to the one to use.', region, projects.map((p) => `${p.name} ${p.id}`).join(', ')));
    }
    projectId = projects[0].id;
  }
  const api = (await loadSdk()).createCloudApi({
    credentials, region, projectId, endpoints, userAgent: USER_AGENT, retry: options.retry, timeoutMs: options.timeoutMs ?? timeoutFrom(env),
  });
  return { api, credentials, region, projectId, endpoints };
}
