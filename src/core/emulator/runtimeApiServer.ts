// The embedded runtime API (contract API-1..6) and extensions API (EXT-1..2) on 127.0.0.1, one
// server per Invoker. The Invoker offers one event at a time (API-6: one outstanding event per
// instance); this server hands it to the next long-polling GET and resolves when the function
// POSTs a response or an error for its request ID.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExtensionRegistry } from './extensions';
import { formatBytes } from '../format';
import { sendJson } from './httpUtil';
import { t } from '../l10n';

export const REQUEST_PATH = '/v1/runtime/invocation/request';
export const RESPONSE_PREFIX = '/v1/runtime/invocation/response/';
export const ERROR_PREFIX = '/v1/runtime/invocation/error/';
export const REGISTER_PATH = '/extension/register';

/** INV-5: a synchronous response may be at most 6 MB. */
export const MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
/** INV-5: an asynchronous request may be at most 256 KB. */
export const MAX_ASYNC_PAYLOAD = 256 * 1024;

export type Answer =
  | { kind: 'response' | 'error'; body: Buffer; at: number }
  /** The function posted more than the limit; it was told so with a 413. */
  | { kind: 'too-large'; size: number; at: number }
  /** The event was taken back before any GET received it (the instance went away, or it is an HTTP function). */
  | { kind: 'withdrawn'; at: number };

export interface Credentials { accessKey?: string; secretKey?: string; authToken?: string; securityToken?: string }

export interface RuntimeApiOptions {
  credentials?: Credentials;
  /** For EXT-2 replies. */
  functionName: string;
  functionVersion: string;
  maxResponseBytes?: number;
  /** Our own notes for the session log: unknown paths, 404/409, extension registrations. */
  log: (level: 'info' | 'warn' | 'error', text: string) => void;
}

interface Offered {
  requestId: string;
  body: Buffer;
  headers: string[];
  resolve: (a: Answer) => void;
  /** performance.now() when a GET received it. */
  deliveredAt?: number;
  onDelivered?: (at: number) => void;
}

/** How many answered request IDs we remember for 409s; older ones fall back to 404. */
const ANSWERED_MEMORY = 4096;

export class RuntimeApiServer {
  readonly extensions: ExtensionRegistry;
  private readonly server: http.Server;
  private waiting: http.ServerResponse[] = [];
  private pending: Offered | undefined;
  private readonly outstanding = new Map<string, Offered>();
  private readonly answered = new Set<string>();
  private firstGetListener: ((at: number) => void) | undefined;
  private addr = '';
  private readonly maxResponse: number;
  private readonly baseHeaders: string[];

  constructor(private readonly options: RuntimeApiOptions) {
    this.maxResponse = options.maxResponseBytes ?? MAX_SYNC_PAYLOAD;
    this.extensions = new ExtensionRegistry(options.functionName, options.functionVersion, options.log);
    const c = options.credentials ?? {};
    // API-2: credential headers only when configured.
    this.baseHeaders = [
      ...(c.accessKey ? ['X-CFF-Access-Key', c.accessKey] : []),
      ...(c.secretKey ? ['X-CFF-Secret-Key', c.secretKey] : []),
      ...(c.authToken ? ['X-CFF-Auth-Token', c.authToken] : []),
      ...(c.securityToken ? ['X-CFF-Security-Token', c.securityToken] : []),
    ];
    this.server = http.createServer({
      // API-1: a long-polling GET never times out on its own, however long the function idles.
      requestTimeout: 0,
      keepAliveTimeout: 0,
      noDelay: true,
    }, (req, res) => this.route(req, res));
    this.server.timeout = 0;
    this.server.headersTimeout = 0;
    // The socket must outlive any idle period of a waiting GET: no socket timeout at all.
    this.server.on('connection', (socket: import('node:net').Socket) => socket.setTimeout(0));
  }

  /** Starts listening on an ephemeral port of 127.0.0.1; resolves with `host:port` (no scheme, ENV-1). */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const a = this.server.address() as AddressInfo;
    this.addr = `127.0.0.1:${a.port}`;
    return this.addr;
  }

  get address(): string {
    return this.addr;
  }

  /** Exposed for the test that proves the long poll is exempt from Node's server timeouts. */
  get httpServer(): http.Server {
    return this.server;
  }

  /** Called once at the next GET of the runtime API (readiness of a cold start, init duration). */
  onNextGet(listener: ((at: number) => void) | undefined): void {
    this.firstGetListener = listener;
  }

  /**
   * Offers one event (raw bytes, API-1) under `requestId`; resolves with the function's answer.
   * `onDelivered` runs when a GET received it (the start of the invocation's duration).
   */
  offer(requestId: string, body: Buffer, invokeType: 'sync' | 'async', onDelivered?: (at: number) => void): Promise<Answer> {
    if (this.pending || this.outstanding.size > 0) throw new Error('An event is already outstanding (API-6)');
    return new Promise<Answer>((resolve) => {
      const offered: Offered = {
        requestId,
        body,
        headers: ['Content-Type', 'application/octet-stream', 'Content-Length', String(body.length), 'X-Cff-Request-Id', requestId, 'X-CFF-Invoke-Type', invokeType, ...this.baseHeaders],
        resolve,
        onDelivered,
      };
      const res = this.takeWaiting();
      if (res) this.deliver(offered, res);
      else this.pending = offered;
    });
  }

  /** Takes back an event no GET has received yet; true if it was still pending. */
  withdraw(requestId: string): boolean {
    if (this.pending?.requestId !== requestId) return false;
    const p = this.pending;
    this.pending = undefined;
    p.resolve({ kind: 'withdrawn', at: performance.now() });
    return true;
  }

  /**
   * The instance went away (timeout, crash, dispose): the event is no longer outstanding, and a late
   * answer for it gets 409. Waiting GETs of the dead instance are dropped.
   */
  abandon(requestId: string): void {
    if (this.pending?.requestId === requestId) this.pending = undefined;
    if (this.outstanding.delete(requestId)) this.remember(requestId);
  }

  /** Forget everything tied to one instance (a new one starts). */
  resetInstance(): void {
    for (const res of this.waiting) res.destroy();
    this.waiting = [];
    this.extensions.clear();
  }

  async close(): Promise<void> {
    this.resetInstance();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private takeWaiting(): http.ServerResponse | undefined {
    while (this.waiting.length > 0) {
      const res = this.waiting.shift()!;
      if (!res.destroyed && !res.socket?.destroyed) return res;
    }
    return undefined;
  }

  private deliver(offered: Offered, res: http.ServerResponse): void {
    this.pending = undefined;
    this.outstanding.set(offered.requestId, offered);
    const at = performance.now();
    offered.deliveredAt = at;
    offered.onDelivered?.(at);
    res.writeHead(200, offered.headers);
    res.end(offered.body);
  }

  private remember(requestId: string): void {
    this.answered.add(requestId);
    if (this.answered.size > ANSWERED_MEMORY) {
      const oldest = this.answered.values().next().value;
      if (oldest !== undefined) this.answered.delete(oldest);
    }
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? '';
    const method = req.method ?? '';
    if (method === 'GET' && (url === REQUEST_PATH || url.startsWith(REQUEST_PATH + '?'))) return this.handleGet(res);
    if (method === 'POST') {
      if (url.startsWith(RESPONSE_PREFIX)) return this.handleAnswer(req, res, 'response', url.slice(RESPONSE_PREFIX.length));
      if (url.startsWith(ERROR_PREFIX)) return this.handleAnswer(req, res, 'error', url.slice(ERROR_PREFIX.length));
      if (url === REGISTER_PATH) return this.extensions.handleRegister(req, res);
    }
    this.notFound(req, res);
  }

  private handleGet(res: http.ServerResponse): void {
    const listener = this.firstGetListener;
    if (listener) {
      this.firstGetListener = undefined;
      listener(performance.now());
    }
    const offered = this.pending;
    if (offered) {
      this.deliver(offered, res);
      return;
    }
    this.waiting.push(res);
    res.once('close', () => {
      const i = this.waiting.indexOf(res);
      if (i >= 0) this.waiting.splice(i, 1);
    });
  }

  private handleAnswer(req: http.IncomingMessage, res: http.ServerResponse, kind: 'response' | 'error', rawId: string): void {
    const requestId = decodeId(rawId);
    const offered = this.outstanding.get(requestId);
    if (!offered) {
      req.resume();
      const repeated = this.answered.has(requestId);
      const status = repeated ? 409 : 404;
      const message = repeated
        ? `Request ${requestId} was already answered (or was stopped); each request ID takes exactly one response or error (API-6).`
        : `Unknown request ID "${requestId}": use the X-Cff-Request-Id header of the GET ${REQUEST_PATH} response (API-6).`;
      this.options.log('warn', t('{0} for POST {1}: {2}', String(status), req.url ?? '', message));
      sendJson(res, status, { errorType: repeated ? 'RequestAlreadyAnswered' : 'UnknownRequestId', errorMessage: message });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= this.maxResponse) chunks.push(chunk);
    });
    req.on('end', () => {
      if (!this.outstanding.delete(requestId)) {
        // Abandoned while the body was arriving (timeout).
        sendJson(res, 409, { errorType: 'RequestAlreadyAnswered', errorMessage: `Request ${requestId} was stopped before its answer arrived.` });
        return;
      }
      this.remember(requestId);
      const at = performance.now();
      if (size > this.maxResponse) {
        const message = `The ${kind} body is ${formatBytes(size)}; FunctionGraph accepts at most ${formatBytes(this.maxResponse)} (INV-5).`;
        sendJson(res, 413, { errorType: 'PayloadTooLarge', errorMessage: message });
        offered.resolve({ kind: 'too-large', size, at });
        return;
      }
      // API-5: success is exactly 200; an empty body keeps `curl` quiet in shell bootstraps.
      res.writeHead(200, ['Content-Length', '0']);
      res.end();
      offered.resolve({ kind, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size), at });
    });
    req.on('error', () => { /* the instance died mid-POST; its exit is handled by the Invoker */ });
  }

  private notFound(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    const hint = /\/2018-06-01\/runtime\//.test(req.url ?? '')
      ? ' This looks like AWS Lambda\'s runtime API; FunctionGraph uses GET /v1/runtime/invocation/request and POST /v1/runtime/invocation/{response|error}/{REQUEST_ID}.'
      : ` The runtime API is GET ${REQUEST_PATH}, POST ${RESPONSE_PREFIX}{REQUEST_ID} and POST ${ERROR_PREFIX}{REQUEST_ID}.`;
    const message = `No such path: ${req.method} ${req.url}.${hint}`;
    this.options.log('warn', t('404 {0}', message));
    sendJson(res, 404, { errorType: 'NotFound', errorMessage: message });
  }
}

function decodeId(raw: string): string {
  const q = raw.indexOf('?');
  const id = q >= 0 ? raw.slice(0, q) : raw;
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}
