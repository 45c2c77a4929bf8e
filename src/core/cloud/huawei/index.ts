// CloudApi on Huawei Cloud's official Node SDK (@huaweicloud/huaweicloud-sdk-functiongraph + -core,
// pinned exactly: two deep imports below are not public API). Loaded only on the first cloud call
// (../load.ts), built into its own bundle (dist/cloud-huawei.js), so activation and local commands
// never parse it. Works around the SDK's defects (../../../../docs? see cloud-api.md §1.2):
//   - it prints the Authorization header and security token on every error: its log4js is switched
//     off here (and aliased to a silent stand-in in the bundle);
//   - it writes ~/.huaweicloud/application_id for its User-Agent: a custom User-Agent skips that;
//   - it has no timeout: every call gets one, through axios' per-request config;
//   - without a project id it asks IAM and may create a project: we always pass the id and never
//     call withRegion(), the only path that asks IAM;
//   - it needs `uuid` without declaring it: our package.json has it.
// No user-facing wording here (errors.ts words CloudCallError), so the bundle carries no l10n state.
import type { CallOptions, CloudApi, CloudFunction, CloudLogLine, CloudProject, CloudTrigger, FunctionSettings, IdentityApi, LogQuery, RemoteInvocation } from '../api';
import { functionUrn as urnOf } from '../api';
import { CloudCallError } from '../callError';
import type { CloudCredentials, CloudEndpoints } from '../credentials';
import { redact } from '../redact';
import { withRetry } from '../retry';
import { num, str, toCloudFunction } from './responses';
import { CONTENT_SHA256_HEADER, zipUploadBody } from './zipBody';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const log4js = require('log4js') as { configure(c: unknown): void };
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder') as { ClientBuilder: new (init: (c: HcClient) => HcClient) => SdkBuilder<HcClient> };
import { FunctionGraphClient, ParamCreater } from '@huaweicloud/huaweicloud-sdk-functiongraph';

// The SDK configured log4js with a stdout appender at import; we replace that configuration.
log4js.configure({ appenders: { silent: { type: 'stdout' } }, categories: { default: { appenders: ['silent'], level: 'off' } } });

interface SdkRequestOptions {
  method: string;
  url: string;
  contentType?: string;
  queryParams: Record<string, unknown>;
  pathParams: Record<string, unknown>;
  headers: Record<string, unknown>;
  data?: unknown;
  responseHeaders?: string[];
  axiosRequestConfig?: Record<string, unknown>;
}
interface HcClient {
  sendRequest(options: SdkRequestOptions): Promise<Record<string, unknown> & { body?: unknown }>;
}
interface SdkBuilder<T> {
  withCredential(c: unknown): SdkBuilder<T>;
  withEndpoint(e: string): SdkBuilder<T>;
  withOptions(o: unknown): SdkBuilder<T>;
  build(): T;
}

export interface HuaweiCloudOptions {
  credentials: CloudCredentials;
  region: string;
  projectId: string;
  endpoints: CloudEndpoints;
  /** Default per-call timeout (ms). */
  timeoutMs?: number;
  userAgent?: string;
  /** Retries for idempotent reads (tests use 1 or a short base delay). */
  retry?: { attempts?: number; baseDelayMs?: number };
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The SDK's request builders, fed plain objects keyed as the API spells them (`function_urn`,
 * `X-Cff-Log-Type`): its generated code reads those when the request is not one of its classes.
 */
const params = () => ParamCreater() as unknown as Record<string, (request: Record<string, unknown>) => SdkRequestOptions>;

function sdkCredentials(c: CloudCredentials, projectId?: string): BasicCredentials {
  const cred = new BasicCredentials().withAk(c.accessKey).withSk(c.secretKey);
  if (c.securityToken) cred.withSecurityToken(c.securityToken);
  if (projectId) cred.withProjectId(projectId);
  return cred;
}

function sdkOptions(userAgent: string | undefined) {
  // customUserAgent: the SDK then skips writing ~/.huaweicloud/application_id.
  // maxRedirects 0: axios then writes the body straight to node:http instead of through
  // follow-redirects, which keeps a copy of it for a redirect that these APIs never send.
  return { customUserAgent: userAgent ?? 'fgtk', axiosRequestConfig: { timeout: DEFAULT_TIMEOUT_MS, maxBodyLength: Infinity, maxContentLength: Infinity, maxRedirects: 0 } };
}

/**
 * The SDK's only request interceptor logs every request with JSON.stringify(body): with logging off
 * the text is still built, a second serialisation of a 27 MB upload. Nothing else hangs there.
 */
function dropRequestLogging(hc: HcClient): void {
  const axios = (hc as unknown as { httpClient?: { _axiosInstance?: { interceptors?: { request?: { clear?: () => void } } } } }).httpClient?._axiosInstance;
  axios?.interceptors?.request?.clear?.();
}

/** The request with `fields` plus the ZIP as `func_code.file` for its body, serialised and hashed once (./zipBody.ts). */
function withZipBody(request: SdkRequestOptions, fields: Record<string, unknown>, zip: Buffer): SdkRequestOptions {
  const body = zipUploadBody(fields, zip);
  request.data = body.bytes;
  request.headers = { ...request.headers, [CONTENT_SHA256_HEADER]: body.sha256 };
  return request;
}

/** The SDK's error (ClientRequestException & co.) or axios' as our own, with secrets redacted. */
function toCallError(operation: string, err: unknown, secrets: string[]): CloudCallError {
  if (err instanceof CloudCallError) return err;
  const e = (err ?? {}) as { httpStatusCode?: number; errorCode?: string; errorMsg?: string; requestId?: string; message?: string; name?: string; code?: string };
  const text = redact(String(e.errorMsg ?? e.message ?? ''), secrets);
  const status = typeof e.httpStatusCode === 'number' ? e.httpStatusCode : undefined;
  if (status) return new CloudCallError(operation, status === 413 ? 'too-large' : 'http', status, e.errorCode, text, e.requestId);
  if (/timeout of \d+ms exceeded|ETIMEDOUT/i.test(text)) return new CloudCallError(operation, 'timeout', undefined, undefined, text);
  if (/canceled|aborted/i.test(text) || e.name === 'AbortError' || e.name === 'CanceledError') return new CloudCallError(operation, 'aborted', undefined, undefined, text);
  if (/ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|socket hang up|EPIPE|network/i.test(text)) return new CloudCallError(operation, 'network', undefined, undefined, text);
  return new CloudCallError(operation, 'other', undefined, e.errorCode, text);
}

function decodeErrorBody(data: unknown, _headers: unknown, status?: number): unknown {
  if (status === undefined || status < 400 || !(data instanceof ArrayBuffer || ArrayBuffer.isView(data))) return data;
  const text = Buffer.from(data instanceof ArrayBuffer ? data : data.buffer).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { error_msg: text.slice(0, 500) };
  }
}

/** The URN without its version qualifier (the API's paths take either; config calls want the unqualified one). */
const unqualified = (urn: string) => urn.split(':').slice(0, 7).join(':');

export class HuaweiCloudApi implements CloudApi {
  readonly region: string;
  readonly projectId: string;
  private readonly fg: HcClient;
  private lts: HcClient | undefined;
  private readonly secrets: string[];
  private readonly timeoutMs: number;

  constructor(private readonly options: HuaweiCloudOptions) {
    this.region = options.region;
    this.projectId = options.projectId;
    this.secrets = options.credentials.secrets();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const client = FunctionGraphClient.newBuilder()
      .withCredential(sdkCredentials(options.credentials, options.projectId))
      .withEndpoint(options.endpoints.functiongraph)
      .withOptions(sdkOptions(options.userAgent))
      .build();
    // The typed methods cannot take a per-call timeout, binary response or cancel signal; the
    // client's own ParamCreater builds the same request and we send it through its HcClient.
    this.fg = (client as unknown as { hcClient: HcClient }).hcClient;
    dropRequestLogging(this.fg);
  }

  private async send(operation: string, client: HcClient, request: SdkRequestOptions, extra: { timeoutMs?: number; signal?: AbortSignal; binary?: boolean } = {}) {
    request.axiosRequestConfig = {
      timeout: extra.timeoutMs ?? this.timeoutMs,
      ...(extra.signal ? { signal: extra.signal } : {}),
      // A ZIP as bytes; an error answer (JSON) decoded so its error_code still reaches us.
      ...(extra.binary ? { responseType: 'arraybuffer', transformResponse: [decodeErrorBody] } : {}),
    };
    try {
      return await client.sendRequest(request);
    } catch (err) {
      throw toCallError(operation, err, this.secrets);
    }
  }

  private read<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return withRetry(call, { ...this.options.retry, signal });
  }

  async listFunctions(options: CallOptions = {}): Promise<CloudFunction[]> {
    const out: CloudFunction[] = [];
    let marker: string | undefined = '0';
    for (let page = 0; marker !== undefined && page < 1000; page++) {
      const request = params().listFunctions({ marker, maxitems: '400' });
      const res = await this.read(() => this.send('ListFunctions', this.fg, request, options), options.signal);
      const functions = Array.isArray(res.functions) ? (res.functions as Record<string, unknown>[]) : [];
      out.push(...functions.map(toCloudFunction));
      const next = res.next_marker;
      const count = num(res.count, out.length);
      marker = functions.length > 0 && next !== undefined && next !== null && String(next) !== marker && out.length < count ? String(next) : undefined;
    }
    return out;
  }

  private async rawConfig(urn: string, options: CallOptions): Promise<Record<string, unknown>> {
    const request = params().showFunctionConfig({ function_urn: urn });
    const res = await this.read(() => this.send('ShowFunctionConfig', this.fg, request, options), options.signal);
    const { httpStatusCode: _ignored, ...raw } = res;
    return raw;
  }

  async getFunction(name: string, packageName = 'default', options: CallOptions = {}): Promise<CloudFunction | undefined> {
    try {
      return toCloudFunction(await this.rawConfig(unqualified(urnOf(this.region, this.projectId, name, packageName)), options));
    } catch (err) {
      if (err instanceof CloudCallError && err.status === 404) return undefined;
      throw err;
    }
  }

  private uploadTimeout(zip: Buffer) {
    return Math.max(this.timeoutMs, 60_000 + Math.ceil(zip.length / 1048576) * 2_000);
  }

  async createFunction(s: FunctionSettings, zip: Buffer, options: CallOptions = {}): Promise<CloudFunction> {
    const body: Record<string, unknown> = {
      func_name: s.name,
      package: s.packageName,
      runtime: s.runtime,
      handler: s.handler,
      memory_size: s.memorySizeMB,
      timeout: s.timeoutSeconds,
      code_type: 'zip',
      code_filename: `${s.name}.zip`,
      type: 'v2',
      ...(Object.keys(s.environment).length ? { user_data: JSON.stringify(s.environment) } : {}),
      ...(s.description ? { description: s.description } : {}),
      ...(s.initializer ? { initializer_handler: s.initializer, initializer_timeout: s.initializerTimeoutSeconds ?? s.timeoutSeconds } : {}),
    };
    const request = withZipBody(params().createFunction({ body }), body, zip);
    const res = await this.send('CreateFunction', this.fg, request, { ...options, timeoutMs: this.uploadTimeout(zip) });
    return toCloudFunction(res);
  }

  async updateCode(urn: string, zip: Buffer, options: CallOptions = {}): Promise<void> {
    const body = { code_type: 'zip', code_filename: `${urn.split(':')[6] ?? 'code'}.zip` };
    const request = withZipBody(params().updateFunctionCode({ function_urn: unqualified(urn), body }), body, zip);
    await this.send('UpdateFunctionCode', this.fg, request, { ...options, timeoutMs: this.uploadTimeout(zip) });
  }

  async updateConfig(urn: string, s: FunctionSettings, options: CallOptions = {}): Promise<CloudFunction> {
    // UpdateFunctionConfig replaces the whole configuration: send back what is there, changed.
    const current = await this.rawConfig(unqualified(urn), options);
    const keep = ['func_name', 'runtime', 'timeout', 'handler', 'memory_size', 'gpu_memory', 'gpu_type', 'user_data', 'encrypted_user_data', 'xrole', 'app_xrole',
      'description', 'func_vpc', 'peering_cidr', 'mount_config', 'strategy_config', 'custom_image', 'extend_config', 'initializer_handler', 'initializer_timeout',
      'pre_stop_handler', 'pre_stop_timeout', 'ephemeral_storage', 'enterprise_project_id', 'log_config', 'network_controller', 'is_stateful_function',
      'enable_dynamic_memory', 'enable_auth_in_header', 'domain_names', 'restore_hook_handler', 'restore_hook_timeout', 'heartbeat_handler',
      'enable_class_isolation', 'enable_lts_log', 'lts_custom_tag', 'user_data_encrypt_kms_key_id'];
    const body: Record<string, unknown> = {};
    for (const k of keep) if (current[k] !== undefined && current[k] !== null) body[k] = current[k];
    Object.assign(body, {
      func_name: s.name,
      runtime: s.runtime,
      handler: s.handler,
      memory_size: s.memorySizeMB,
      timeout: s.timeoutSeconds,
      user_data: JSON.stringify(s.environment),
      ...(s.description !== undefined ? { description: s.description } : {}),
      ...(s.initializer ? { initializer_handler: s.initializer, initializer_timeout: s.initializerTimeoutSeconds ?? s.timeoutSeconds } : {}),
    });
    const request = params().updateFunctionConfig({ function_urn: unqualified(urn), body });
    return toCloudFunction(await this.send('UpdateFunctionConfig', this.fg, request, options));
  }

  async invoke(urn: string, event: unknown, options: CallOptions & { timeoutSeconds?: number } = {}): Promise<RemoteInvocation> {
    // v1: a JSON answer with request_id, result, log and status (v0 gives the bare result);
    // tail: the last ~4 KB of the log in `log`.
    const request = params().invokeFunction({ function_urn: urn, body: event, 'X-Cff-Log-Type': 'tail', 'X-CFF-Request-Version': 'v1' });
    request.responseHeaders = ['X-Cff-Request-Id'];
    const timeoutMs = options.timeoutSeconds ? options.timeoutSeconds * 1000 + 15_000 : this.timeoutMs;
    const res = await this.send('InvokeFunction', this.fg, request, { signal: options.signal, timeoutMs });
    const result = res.result;
    return {
      requestId: str(res.request_id ?? res['X-Cff-Request-Id']),
      ok: num(res.status, 200) === 200,
      result: typeof result === 'string' ? result : result === undefined ? '' : JSON.stringify(result),
      log: str(res.log),
    };
  }

  async exportCode(urn: string, options: CallOptions = {}): Promise<Buffer> {
    const request = params().exportFunction({ function_urn: unqualified(urn), type: 'code' });
    const res = await this.read(() => this.send('ExportFunction', this.fg, request, { ...options, binary: true, timeoutMs: Math.max(this.timeoutMs, 120_000) }), options.signal);
    const body = res.body;
    if (Buffer.isBuffer(body)) return body;
    if (body instanceof ArrayBuffer) return Buffer.from(body);
    if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    throw new CloudCallError('ExportFunction', 'other', undefined, undefined, 'the answer held no ZIP');
  }

  async listTriggers(urn: string, options: CallOptions = {}): Promise<CloudTrigger[]> {
    const request = params().listFunctionTriggers({ function_urn: unqualified(urn) });
    const res = await this.read(() => this.send('ListFunctionTriggers', this.fg, request, options), options.signal);
    const list = Array.isArray(res) ? (res as Record<string, unknown>[]) : Array.isArray(res.body) ? (res.body as Record<string, unknown>[]) : [];
    return list.map((r) => ({
      triggerId: str(r.trigger_id),
      type: str(r.trigger_type_code),
      ...(r.trigger_status ? { status: str(r.trigger_status) } : {}),
      details: (r.event_data && typeof r.event_data === 'object' ? r.event_data : {}) as Record<string, unknown>,
    }));
  }

  private ltsClient(): HcClient {
    // No LTS package is on npm; the core's generic client signs LTS requests the same way.
    return (this.lts ??= new ClientBuilder((c) => c)
      .withCredential(sdkCredentials(this.options.credentials, this.projectId))
      .withEndpoint(this.options.endpoints.lts)
      .withOptions(sdkOptions(this.options.userAgent))
      .build());
  }

  async logLines(urn: string, query: LogQuery, options: CallOptions = {}): Promise<CloudLogLine[]> {
    const detail = params().showLtsLogDetails({ function_urn: unqualified(urn) });
    const where = await this.read(() => this.send('ShowLtsLogDetails', this.fg, detail, options), options.signal);
    const groupId = str(where.group_id);
    const streamId = str(where.stream_id);
    if (!groupId || !streamId) return [];
    const data: Record<string, unknown> = {
      start_time: String(query.after ? Math.max(query.since, query.after.time) : query.since),
      end_time: String(query.until ?? Date.now()),
      is_desc: false,
      search_type: 'forwards',
      limit: Math.min(query.limit ?? 500, 5000),
      ...(query.after ? { line_num: query.after.lineNum } : {}),
    };
    const request: SdkRequestOptions = {
      method: 'POST',
      url: '/v2/{project_id}/groups/{log_group_id}/streams/{log_stream_id}/content/query',
      contentType: 'application/json',
      queryParams: {},
      pathParams: { log_group_id: groupId, log_stream_id: streamId },
      headers: {},
      data,
    };
    const res = await this.read(() => this.send('ListLogs', this.ltsClient(), request, options), options.signal);
    const logs = Array.isArray(res.logs) ? (res.logs as Record<string, unknown>[]) : [];
    return logs.map((l) => {
      const lineNum = str(l.line_num);
      const labels = (l.labels && typeof l.labels === 'object' ? l.labels : {}) as Record<string, unknown>;
      // line_num is the collection time in nanoseconds followed by a sequence: the first 13 digits are ms.
      const time = /^\d{13,}$/.test(lineNum) ? Number(lineNum.slice(0, 13)) : Date.now();
      const text = str(l.content).replace(/\n$/, '');
      const requestId = str(labels.request_id ?? labels.requestId) || /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i.exec(text)?.[0];
      return { time, text, ...(requestId ? { requestId } : {}), cursor: { time, lineNum } };
    });
  }
}

/** IAM: the projects of a region (sign-in lets the user pick one). Lists only; never creates. */
export class HuaweiIdentityApi implements IdentityApi {
  private readonly client: HcClient;
  private readonly secrets: string[];

  constructor(private readonly options: { credentials: CloudCredentials; endpoints: CloudEndpoints; timeoutMs?: number; userAgent?: string; retry?: HuaweiCloudOptions['retry'] }) {
    this.secrets = options.credentials.secrets();
    this.client = new ClientBuilder((c) => c)
      .withCredential(sdkCredentials(options.credentials))
      .withEndpoint(options.endpoints.iam)
      .withOptions(sdkOptions(options.userAgent))
      .build();
  }

  async listProjects(region: string, options: CallOptions = {}): Promise<CloudProject[]> {
    const request: SdkRequestOptions = {
      method: 'GET', url: '/v3/projects', contentType: 'application/json', queryParams: {}, pathParams: {}, headers: {},
      axiosRequestConfig: {},
    };
    const res = await withRetry(async () => {
      request.axiosRequestConfig = { timeout: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, ...(options.signal ? { signal: options.signal } : {}) };
      try {
        return await this.client.sendRequest(request);
      } catch (err) {
        throw toCallError('KeystoneListProjects', err, this.secrets);
      }
    }, { ...this.options.retry, signal: options.signal });
    const projects = Array.isArray(res.projects) ? (res.projects as Record<string, unknown>[]) : [];
    // A region's own project is named after it; sub-projects are `<region>_<name>`.
    return projects
      .map((p) => ({ id: str(p.id), name: str(p.name) }))
      .filter((p) => p.id && (p.name === region || p.name.startsWith(`${region}_`)));
  }
}

export function createCloudApi(options: HuaweiCloudOptions): CloudApi {
  return new HuaweiCloudApi(options);
}

export function createIdentityApi(options: ConstructorParameters<typeof HuaweiIdentityApi>[0]): IdentityApi {
  return new HuaweiIdentityApi(options);
}
