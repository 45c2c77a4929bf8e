// STAND-IN (tests and benchmarks only, never shipped): a loopback fake of the Huawei Cloud routes the
// toolkit uses, because the real service cannot be reached from CI. Faithful where it matters:
//   - every request's SDK-HMAC-SHA256 signature is verified with a known AK/SK (./signature.ts,
//     pinned by Huawei's published test vector), the X-Sdk-Date window (±15 min), X-Project-Id
//     against the {project_id} in the path, the security token when one is configured;
//   - answers have the real API's shapes (the SDK's models ListFunctionsResponse, ShowFunctionConfigResponse,
//     InvokeFunctionResponse, ShowLtsLogDetailsResponse, ListFunctionTriggerResult, KeystoneListProjectsResponse,
//     and LTS ListLogs; test/unit/cloud/fake.test.ts checks the keys against the installed SDK);
//   - its errors are the gateway's and the service's: 401 APIGW.0301, 404 FSS.1051, 413 over 12 MB;
//   - UpdateFunctionConfig replaces the whole configuration; invoke without X-CFF-Request-Version: v1
//     answers the bare result (as the service does).
// Failures on demand: fail(operation, {status, delayMs, times}) for 401/404/429/500 or a slow answer.
import AdmZip from 'adm-zip';
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyRequest } from './signature';

export const FAKE_AK = 'FGTKFAKEAK0000000001';
export const FAKE_SK = 'fgtk-fake-SECRET-key-6f1d2c9a8b7e';
export const FAKE_TOKEN = 'fgtk-fake-SECURITY-token-0a9b8c7d';
export const FAKE_REGION = 'cn-north-4';
export const FAKE_PROJECT = '0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e';
/** The account's projects unless a test says otherwise: one in cn-north-4, one in cn-east-3. */
export const FAKE_PROJECTS: readonly { id: string; name: string }[] = [{ id: FAKE_PROJECT, name: FAKE_REGION }, { id: 'aa00000000000000000000000000east', name: 'cn-east-3' }];

export interface FakeFunction {
  config: Record<string, unknown>;
  zip: Buffer;
  triggers: Record<string, unknown>[];
}

export interface RecordedRequest {
  operation: string;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  bodyBytes: number;
  status: number;
}

export interface Failure {
  status?: number;
  errorCode?: string;
  errorMsg?: string;
  /** Answer after this long (a slow service; longer than the client's timeout = a timeout). */
  delayMs?: number;
  /** How many matching requests fail (default 1). */
  times?: number;
}

export interface FakeOptions {
  accessKey?: string;
  secretKey?: string;
  /** When set, every request must carry it as X-Security-Token. */
  securityToken?: string;
  projects?: readonly { id: string; name: string }[];
  /** Largest signed body the gateway accepts (12 MB for AK/SK). */
  maxBodyBytes?: number;
}

const LOG_GROUP = { group_id: 'lg-0001-functiongraph', group_name: 'functiongraph.log.group.0b1c2d3e' };

export class HuaweiCloudFake {
  readonly requests: RecordedRequest[] = [];
  readonly functions = new Map<string, FakeFunction>();
  /** LTS records per stream id. */
  readonly logRecords = new Map<string, { content: string; line_num: string; time: number; labels: Record<string, string> }[]>();
  private readonly failures = new Map<string, Failure & { left: number }>();
  private server!: http.Server;
  url = '';
  private seq = 0;

  private constructor(readonly options: Required<Omit<FakeOptions, 'securityToken'>> & { securityToken?: string }) {}

  static async start(options: FakeOptions = {}): Promise<HuaweiCloudFake> {
    const fake = new HuaweiCloudFake({
      accessKey: options.accessKey ?? FAKE_AK,
      secretKey: options.secretKey ?? FAKE_SK,
      securityToken: options.securityToken,
      projects: options.projects ?? FAKE_PROJECTS,
      maxBodyBytes: options.maxBodyBytes ?? 12 * 1024 * 1024,
    });
    fake.server = http.createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests of `operation` (e.g. `ListFunctions`, `*`) fail or are slow. */
  fail(operation: string, failure: Failure): void {
    this.failures.set(operation, { ...failure, left: failure.times ?? 1 });
  }

  operations(): string[] {
    return this.requests.map((r) => r.operation);
  }

  /** Adds a deployed function (with a real ZIP for export) as if created in the console. */
  seed(name: string, config: Partial<Record<string, unknown>> = {}, files: Record<string, string> = { 'index.js': 'exports.handler = async (event) => event;\n' }, projectId = FAKE_PROJECT): FakeFunction {
    const zip = new AdmZip();
    for (const [f, text] of Object.entries(files)) zip.addFile(f, Buffer.from(text), '', 0o644);
    const buffer = zip.toBuffer();
    const fn: FakeFunction = { config: this.configFor(projectId, { func_name: name, runtime: 'Node.js18.15', handler: 'index.handler', memory_size: 256, timeout: 30, ...config }, buffer), zip: buffer, triggers: [] };
    this.functions.set(this.key(projectId, name, String(fn.config.package)), fn);
    return fn;
  }

  private key(projectId: string, name: string, pkg = 'default'): string {
    return `${projectId}/${pkg}/${name}`;
  }

  private configFor(projectId: string, body: Record<string, unknown>, zip: Buffer): Record<string, unknown> {
    const pkg = String(body.package ?? 'default');
    const name = String(body.func_name);
    const region = this.options.projects.find((p) => p.id === projectId)?.name.split('_')[0] ?? FAKE_REGION;
    const urn = `urn:fss:${region}:${projectId}:function:${pkg}:${name}:latest`;
    return {
      func_id: randomUUID(),
      resource_id: `${randomUUID()}:${name}:latest`,
      func_urn: urn,
      func_name: name,
      domain_id: 'd0000000000000000000000000000001',
      namespace: projectId,
      project_name: region,
      package: pkg,
      runtime: body.runtime,
      timeout: body.timeout,
      handler: body.handler,
      memory_size: body.memory_size,
      cpu: 300,
      code_type: 'zip',
      code_url: '',
      code_filename: body.code_filename ?? `${name}.zip`,
      code_size: zip.length,
      user_data: body.user_data ?? '',
      encrypted_user_data: body.encrypted_user_data ?? '',
      digest: randomUUID().replace(/-/g, ''),
      version: 'latest',
      image_name: 'latest-' + this.seq++,
      xrole: body.xrole ?? '',
      app_xrole: body.app_xrole ?? '',
      description: body.description ?? '',
      last_modified: new Date().toISOString().replace('Z', '+00:00'),
      func_vpc: body.func_vpc ?? null,
      mount_config: body.mount_config ?? null,
      strategy_config: { concurrency: 400, concurrent_num: 1 },
      initializer_handler: body.initializer_handler ?? '',
      initializer_timeout: body.initializer_timeout ?? 0,
      enterprise_project_id: '0',
      long_time: false,
      log_group_id: LOG_GROUP.group_id,
      log_stream_id: `ls-${name}`,
      type: body.type ?? 'v2',
      enable_lts_log: true,
    };
  }

  // ---------------------------------------------------------------- HTTP

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      chunks.push(c as Buffer);
    }
    const raw = Buffer.concat(chunks);
    const target = req.url ?? '/';
    const url = new URL(target, 'http://fake');
    const path = url.pathname;
    const route = this.route(req.method ?? 'GET', path);
    const record: RecordedRequest = { operation: route?.operation ?? 'Unknown', method: req.method ?? '', path, query: url.searchParams, headers: req.headers, body: undefined, bodyBytes: size, status: 0 };
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      const isBuffer = Buffer.isBuffer(body);
      const data = isBuffer ? body : typeof body === 'string' ? Buffer.from(body) : Buffer.from(JSON.stringify(body));
      res.writeHead(status, { 'content-type': isBuffer ? 'application/zip' : typeof body === 'string' ? 'text/plain' : 'application/json;charset=UTF-8', 'x-request-id': randomUUID().replace(/-/g, ''), 'content-length': String(data.length), ...headers });
      res.end(data);
    };
    const apiError = (status: number, code: string, msg: string) => send(status, { error_code: code, error_msg: msg });

    if (size > this.options.maxBodyBytes) return apiError(413, 'APIGW.0201', 'Request entity too large');
    const bad = verifyRequest({ method: req.method ?? 'GET', target, headers: req.headers, body: raw }, { accessKey: this.options.accessKey, secretKey: this.options.secretKey });
    // The real gateway echoes the canonical request here; that text includes signed header values,
    // the security token among them (cloud-api.md addendum): clients must redact it.
    if (bad) return apiError(401, 'APIGW.0301', `Incorrect IAM authentication information: ${bad}; x-security-token:${String(req.headers['x-security-token'] ?? '')}`);
    if (this.options.securityToken && req.headers['x-security-token'] !== this.options.securityToken) {
      return apiError(401, 'APIGW.0301', `Incorrect IAM authentication information: security token is invalid or expired: ${String(req.headers['x-security-token'] ?? '')}`);
    }
    if (!route) return apiError(404, 'APIGW.0101', `The API does not exist or has not been published in the environment: ${req.method} ${path}`);
    if (route.projectId !== undefined) {
      if (req.headers['x-project-id'] !== route.projectId) return apiError(401, 'APIGW.0301', 'Incorrect IAM authentication information: X-Project-Id does not match the project in the path');
      if (!this.options.projects.some((p) => p.id === route.projectId)) return apiError(403, 'APIGW.0302', 'The IAM user is not authorized to access the project');
    }
    try {
      record.body = raw.length && String(req.headers['content-type'] ?? '').includes('json') ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      return apiError(400, 'FSS.0400', 'The request body is not JSON');
    }
    const failure = this.failures.get(route.operation) ?? this.failures.get('*');
    if (failure && failure.left > 0) {
      failure.left--;
      if (failure.delayMs) await new Promise((r) => setTimeout(r, failure.delayMs));
      if (failure.status) {
        const defaults: Record<number, [string, string]> = {
          401: ['APIGW.0301', 'Incorrect IAM authentication information: verify aksk signature fail'],
          403: ['APIGW.0302', 'The IAM user is not authorized to access the API'],
          404: ['FSS.1051', 'Not found the function'],
          429: ['APIGW.0308', 'The throttling threshold has been reached: policy user over ratelimit'],
          500: ['FSS.0500', 'Internal Server Error'],
          503: ['FSS.0503', 'Service Unavailable'],
        };
        const [code, msg] = defaults[failure.status] ?? ['FSS.0000', 'error'];
        if (res.destroyed) return;
        return apiError(failure.status, failure.errorCode ?? code, failure.errorMsg ?? msg);
      }
    }
    if (res.destroyed) return;
    route.handle(record, send, apiError);
  }

  private route(method: string, path: string): { operation: string; projectId?: string; handle: (r: RecordedRequest, send: (s: number, b: unknown, h?: Record<string, string>) => void, err: (s: number, c: string, m: string) => void) => void } | undefined {
    if (method === 'GET' && path === '/v3/projects') return { operation: 'KeystoneListProjects', handle: (r, send) => this.listProjects(r, send) };
    let m = /^\/v2\/([^/]+)\/fgs\/functions\/?$/.exec(path);
    if (m && method === 'GET') return { operation: 'ListFunctions', projectId: m[1], handle: (r, send) => this.listFunctions(m![1], r, send) };
    if (m && method === 'POST') return { operation: 'CreateFunction', projectId: m[1], handle: (r, send, err) => this.createFunction(m![1], r, send, err) };
    m = /^\/v2\/([^/]+)\/fgs\/functions\/([^/]+)\/(config|code|invocations|export|lts-log-detail)$/.exec(path);
    if (m) {
      const [, projectId, rawUrn, what] = m;
      const ops: Record<string, string> = { 'GET config': 'ShowFunctionConfig', 'PUT config': 'UpdateFunctionConfig', 'PUT code': 'UpdateFunctionCode', 'POST invocations': 'InvokeFunction', 'GET export': 'ExportFunction', 'GET lts-log-detail': 'ShowLtsLogDetails' };
      const operation = ops[`${method} ${what}`];
      if (!operation) return undefined;
      return { operation, projectId, handle: (r, send, err) => this.onFunction(operation, projectId, decodeURIComponent(rawUrn), r, send, err) };
    }
    m = /^\/v2\/([^/]+)\/fgs\/triggers\/([^/]+)$/.exec(path);
    if (m && method === 'GET') {
      const [, projectId, rawUrn] = m;
      return { operation: 'ListFunctionTriggers', projectId, handle: (r, send, err) => this.onFunction('ListFunctionTriggers', projectId, decodeURIComponent(rawUrn), r, send, err) };
    }
    m = /^\/v2\/([^/]+)\/groups\/([^/]+)\/streams\/([^/]+)\/content\/query$/.exec(path);
    if (m && method === 'POST') return { operation: 'ListLogs', projectId: m[1], handle: (r, send) => this.listLogs(m![3], r, send) };
    return undefined;
  }

  private listProjects(r: RecordedRequest, send: (s: number, b: unknown) => void): void {
    const name = r.query.get('name');
    const projects = this.options.projects.filter((p) => !name || p.name === name).map((p) => ({
      id: p.id, name: p.name, domain_id: 'd0000000000000000000000000000001', description: '', enabled: true, is_domain: false, parent_id: 'd0000000000000000000000000000001',
      links: { self: `https://iam.myhuaweicloud.com/v3/projects/${p.id}` },
    }));
    send(200, { projects, links: { self: 'https://iam.myhuaweicloud.com/v3/projects', previous: null, next: null } });
  }

  private listFunctions(projectId: string, r: RecordedRequest, send: (s: number, b: unknown) => void): void {
    const all = [...this.functions.entries()].filter(([k]) => k.startsWith(`${projectId}/`)).map(([, f]) => f.config);
    const marker = Number(r.query.get('marker') ?? 0) || 0;
    const max = Math.min(Number(r.query.get('maxitems') ?? 400) || 400, 400);
    const page = all.slice(marker, marker + max);
    const listFields = ['func_urn', 'func_name', 'domain_id', 'namespace', 'project_name', 'package', 'runtime', 'timeout', 'handler', 'memory_size', 'cpu', 'code_type', 'code_url',
      'code_filename', 'code_size', 'user_data', 'digest', 'version', 'image_name', 'xrole', 'app_xrole', 'description', 'last_modified', 'strategy_config',
      'initializer_handler', 'initializer_timeout', 'enterprise_project_id', 'long_time', 'log_group_id', 'log_stream_id', 'type'];
    const functions = page.map((c) => Object.fromEntries(listFields.filter((k) => k in c).map((k) => [k, c[k]])));
    send(200, { functions, next_marker: marker + page.length, count: all.length });
  }

  private createFunction(projectId: string, r: RecordedRequest, send: (s: number, b: unknown) => void, err: (s: number, c: string, m: string) => void): void {
    const b = (r.body ?? {}) as Record<string, unknown>;
    for (const k of ['func_name', 'package', 'runtime', 'timeout', 'handler', 'memory_size', 'code_type']) {
      if (b[k] === undefined || b[k] === '') return err(400, 'FSS.0201', `${k} is required`);
    }
    const key = this.key(projectId, String(b.func_name), String(b.package));
    if (this.functions.has(key)) return err(409, 'FSS.1061', 'The function already exists');
    const zip = this.zipOf(b, err);
    if (!zip) return;
    const fn: FakeFunction = { config: this.configFor(projectId, b, zip), zip, triggers: [] };
    this.functions.set(key, fn);
    send(200, fn.config);
  }

  private zipOf(b: Record<string, unknown>, err: (s: number, c: string, m: string) => void): Buffer | undefined {
    if (b.code_type !== 'zip') {
      err(400, 'FSS.0201', `code_type ${String(b.code_type)} is not supported by this fake`);
      return undefined;
    }
    const file = (b.func_code as { file?: unknown } | undefined)?.file;
    if (typeof file !== 'string' || !file) {
      err(400, 'FSS.0201', 'func_code.file is required for code_type zip');
      return undefined;
    }
    const zip = Buffer.from(file, 'base64');
    try {
      new AdmZip(zip).getEntries();
    } catch {
      err(400, 'FSS.0208', 'The code package is not a valid zip file');
      return undefined;
    }
    return zip;
  }

  private find(projectId: string, urn: string): FakeFunction | undefined {
    const parts = urn.split(':');
    if (parts.length < 7 || parts[0] !== 'urn' || parts[3] !== projectId) return undefined;
    return this.functions.get(this.key(projectId, parts[6], parts[5]));
  }

  private onFunction(operation: string, projectId: string, urn: string, r: RecordedRequest, send: (s: number, b: unknown, h?: Record<string, string>) => void, err: (s: number, c: string, m: string) => void): void {
    const fn = this.find(projectId, urn);
    if (!fn) return err(404, 'FSS.1051', 'Not found the function');
    const b = (r.body ?? {}) as Record<string, unknown>;
    switch (operation) {
      case 'ShowFunctionConfig':
        return send(200, fn.config);
      case 'UpdateFunctionConfig': {
        for (const k of ['func_name', 'runtime', 'timeout', 'handler', 'memory_size']) if (b[k] === undefined) return err(400, 'FSS.0201', `${k} is required`);
        // A full replace: what the body leaves out is cleared.
        const keep = ['func_id', 'resource_id', 'func_urn', 'domain_id', 'namespace', 'project_name', 'package', 'code_type', 'code_url', 'code_filename', 'code_size', 'digest', 'version', 'image_name', 'last_modified', 'log_group_id', 'log_stream_id', 'type', 'cpu', 'strategy_config', 'enterprise_project_id', 'long_time', 'enable_lts_log'];
        const next: Record<string, unknown> = Object.fromEntries(keep.map((k) => [k, fn.config[k]]));
        Object.assign(next, { user_data: '', description: '', initializer_handler: '', initializer_timeout: 0, xrole: '', app_xrole: '', func_vpc: null, mount_config: null }, b);
        next.last_modified = new Date().toISOString().replace('Z', '+00:00');
        fn.config = next;
        return send(200, fn.config);
      }
      case 'UpdateFunctionCode': {
        const zip = this.zipOf(b, err);
        if (!zip) return;
        fn.zip = zip;
        Object.assign(fn.config, { code_size: zip.length, code_filename: b.code_filename ?? fn.config.code_filename, digest: randomUUID().replace(/-/g, ''), last_modified: new Date().toISOString().replace('Z', '+00:00') });
        return send(200, { func_urn: fn.config.func_urn, func_name: fn.config.func_name, runtime: fn.config.runtime, code_type: 'zip', code_url: '', code_filename: fn.config.code_filename, code_size: zip.length, digest: fn.config.digest, last_modified: fn.config.last_modified, func_code: { file: '', link: '' }, depend_version_list: [], strategy_config: fn.config.strategy_config });
      }
      case 'InvokeFunction':
        return this.invoke(fn, r, send);
      case 'ExportFunction':
        if (r.query.get('type') !== 'code' && r.query.get('code') !== 'true') return err(400, 'FSS.0201', 'type=code or code=true is required');
        return send(200, fn.zip, { 'content-disposition': `attachment; filename=${String(fn.config.func_name)}.zip` });
      case 'ShowLtsLogDetails':
        return send(200, { group_name: LOG_GROUP.group_name, group_id: LOG_GROUP.group_id, stream_id: fn.config.log_stream_id, stream_name: `${String(fn.config.func_name)}-latest` });
      case 'ListFunctionTriggers':
        return send(200, fn.triggers);
    }
  }

  /**
   * The "function" echoes its event: `{"echo": <event>}`; an event with `"fgtkFakeError": "msg"`
   * fails with that message. Log lines go to the tail and to the function's LTS stream.
   */
  private invoke(fn: FakeFunction, r: RecordedRequest, send: (s: number, b: unknown, h?: Record<string, string>) => void): void {
    const requestId = randomUUID();
    const event = r.body as Record<string, unknown> | undefined;
    const failed = typeof event?.fgtkFakeError === 'string';
    const result = failed ? JSON.stringify({ errorMessage: event.fgtkFakeError, errorType: 'Error', stackTrace: [] }) : JSON.stringify({ echo: event ?? null });
    // Stamped in the past, as LTS stamps lines when written: a reader polling up to "now" sees them all.
    const now = Date.now() - 3;
    const iso = (ms: number) => new Date(ms).toISOString();
    const lines = [
      `${iso(now)} Start invoke request '${requestId}', version: latest`,
      `${iso(now + 1)} ${requestId} INFO event received: ${JSON.stringify(event ?? null).slice(0, 200)}`,
      ...(failed ? [`${iso(now + 2)} ${requestId} ERROR ${String(event.fgtkFakeError)}`] : []),
      `${iso(now + 3)} Finish invoke request '${requestId}', duration: 12.345ms, billing duration: 13ms, memory used: 41.215MB, billing memory: ${String(fn.config.memory_size)}MB, cpu used: 0.215U, storage used: 0.000MB`,
    ];
    const stream = String(fn.config.log_stream_id);
    const records = this.logRecords.get(stream) ?? [];
    lines.forEach((content, i) => records.push({ content, time: now + i, line_num: (BigInt(now + i) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(), labels: { hostName: 'fake', requestId, functionName: String(fn.config.func_name) } }));
    this.logRecords.set(stream, records);
    const status = failed ? 500 : 200;
    if (r.headers['x-cff-request-version'] !== 'v1') return send(200, result, { 'x-cff-request-id': requestId });
    const log = r.headers['x-cff-log-type'] === 'tail' ? lines.join('\n').slice(-4096) : '';
    send(200, { request_id: requestId, result, log, status }, { 'x-cff-request-id': requestId });
  }

  private listLogs(streamId: string, r: RecordedRequest, send: (s: number, b: unknown) => void): void {
    const b = (r.body ?? {}) as Record<string, unknown>;
    const start = Number(b.start_time);
    const end = Number(b.end_time);
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start || end - start > 30 * 86_400_000) {
      return send(400, { error_code: 'LTS.0008', error_msg: 'Invalid time range: at most 30 days, start before end' });
    }
    const after = typeof b.line_num === 'string' ? BigInt(b.line_num) : undefined;
    const limit = Math.min(Number(b.limit ?? 50) || 50, 5000);
    const all = (this.logRecords.get(streamId) ?? []).filter((l) => l.time >= start && l.time <= end && (after === undefined || BigInt(l.line_num) > after));
    const page = all.slice(0, limit);
    send(200, { count: all.length, logs: page.map((l) => ({ content: l.content, line_num: l.line_num, labels: l.labels })), isQueryComplete: page.length === all.length });
  }
}
