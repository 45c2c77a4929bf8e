// HTTP functions (contract HTTP-1..5): the instance's bootstrap serves on 127.0.0.1:8000; each test
// event (an API-gateway event, HTTP-3) becomes a real HTTP request with the HTTP-2 headers, and the
// reply becomes the platform's result shape with multi-value headers and a base64 body.
import * as http from 'node:http';
import * as net from 'node:net';
import { portOwners } from '../process/procfs';
import { formatBytes } from '../format';
import { t } from '../l10n';
import { MAX_SYNC_PAYLOAD } from './runtimeApiServer';

export const HTTP_FUNCTION_HOST = '127.0.0.1';
export const HTTP_FUNCTION_PORT = 8000;

/** True when a TCP connection to host:port succeeds right now. */
export function portAccepts(port: number, host = HTTP_FUNCTION_HOST): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Polls until host:port accepts a connection; resolves true then, or false once `stopped()` says so
 * (the init deadline passed, the instance exited, or it turned out to be a runtime-API function).
 */
export async function waitForPort(port: number, stopped: () => boolean, intervalMs = 10, host = HTTP_FUNCTION_HOST): Promise<boolean> {
  while (!stopped()) {
    if (await portAccepts(port, host)) return true;
    if (stopped()) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return false;
}

/**
 * Why port 8000 cannot be used, or undefined when it is free. Names the owning process when the OS
 * lets us see it (/proc/net/tcp inode → /proc/<pid>/fd).
 */
export async function port8000Problem(port = HTTP_FUNCTION_PORT): Promise<string | undefined> {
  if (!(await portAccepts(port))) return undefined;
  const owners = await portOwners(port);
  const who = owners.length > 0
    ? owners.map((o) => `pid ${o.pid} (${o.command.length > 120 ? o.command.slice(0, 117) + '...' : o.command})`).join(', ')
    : t('another process (this system does not let us see which one; try {0})', `\`ss -ltnp 'sport = :${port}'\``);
  return t('Port {0} on 127.0.0.1 is already in use by {1}. An HTTP function\'s bootstrap must listen on 127.0.0.1:{0} and no other port (HTTP-1), so it cannot start while that process holds the port. Stop it and invoke again.', port, who);
}

export interface ApigEvent {
  httpMethod: string;
  path?: string;
  headers?: Record<string, string | string[]>;
  queryStringParameters?: Record<string, string | string[]>;
  body?: string;
  isBase64Encoded?: boolean;
}

/** HTTP-3: an API-gateway event has at least `httpMethod` (and usually `path`, `headers`, `requestContext`). */
export function asApigEvent(value: unknown): ApigEvent | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  return typeof v.httpMethod === 'string' && v.httpMethod ? (v as unknown as ApigEvent) : undefined;
}

/** Parses raw event bytes as JSON; undefined when they are not JSON. */
export function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** HTTP-4: the result shape an event function behind an API gateway must return. */
export function isApigResult(output: Buffer): boolean {
  const v = parseJson(output);
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  return typeof r.statusCode === 'number' && 'body' in r && (r.headers === undefined || (typeof r.headers === 'object' && r.headers !== null)) && (r.isBase64Encoded === undefined || typeof r.isBase64Encoded === 'boolean');
}

export interface BridgeRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body: Buffer;
  warnings: string[];
}

const HOP_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade']);
/** The function's response keeps its Content-Length, as the platform's documented response does (HTTP-3). */
const RESPONSE_HOP_HEADERS = new Set([...HOP_HEADERS].filter((h) => h !== 'content-length'));

/** HTTP-3: an APIG event (or any other bytes) → the HTTP request the platform would send. */
export function eventToRequest(eventBytes: Buffer, cffHeaders: Record<string, string>): BridgeRequest {
  const warnings: string[] = [];
  const event = asApigEvent(parseJson(eventBytes));
  if (!event) {
    warnings.push(t('The event is not an API-gateway event (no "httpMethod", HTTP-3); it was sent as POST / with the event as the body. Use an APIG test event for HTTP functions (fgtk events new apig).'));
    return { method: 'POST', path: '/', headers: { 'content-type': 'application/json', ...cffHeaders }, body: eventBytes, warnings };
  }
  let path = typeof event.path === 'string' && event.path ? event.path : '/';
  if (!path.startsWith('/')) path = '/' + path;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) {
    for (const item of Array.isArray(v) ? v : [v]) query.append(k, String(item));
  }
  const qs = query.toString();
  if (qs) path += (path.includes('?') ? '&' : '?') + qs;
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) {
    if (HOP_HEADERS.has(k.toLowerCase())) continue;
    headers[k] = Array.isArray(v) ? v.map(String) : String(v);
  }
  Object.assign(headers, cffHeaders);
  const raw = typeof event.body === 'string' ? event.body : event.body === undefined || event.body === null ? '' : JSON.stringify(event.body);
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  return { method: event.httpMethod.toUpperCase(), path, headers, body, warnings };
}

export interface BridgeReply {
  statusCode: number;
  /** HTTP-3 result: `{statusCode, headers: {name: [values]}, body: base64, isBase64Encoded: true}` as JSON. */
  output: Buffer;
}

export class BridgeError extends Error {
  constructor(message: string, readonly errorType: 'RequestFailed' | 'BadResponse' | 'ResponseTooLarge') {
    super(message);
  }
}

/** Sends bridged requests to the instance's server over one keep-alive agent. */
export class HttpBridge {
  private agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly port = HTTP_FUNCTION_PORT, private readonly maxBody = MAX_SYNC_PAYLOAD) {}

  send(request: BridgeRequest, signal: AbortSignal): Promise<BridgeReply> {
    return new Promise<BridgeReply>((resolve, reject) => {
      const headers = { ...request.headers, 'content-length': String(request.body.length) };
      const req = http.request({ host: HTTP_FUNCTION_HOST, port: this.port, method: request.method, path: request.path, headers, agent: this.agent, signal }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > this.maxBody) {
            res.destroy();
            reject(new BridgeError(t('The HTTP function\'s response body exceeds {0} (HTTP-5).', formatBytes(this.maxBody)), 'ResponseTooLarge'));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => {
          const headers: Record<string, string[]> = {};
          for (const [name, values] of Object.entries(res.headersDistinct)) {
            if (!RESPONSE_HOP_HEADERS.has(name) && values) headers[name] = values;
          }
          const result = {
            statusCode: res.statusCode ?? 0,
            headers,
            body: Buffer.concat(chunks, size).toString('base64'),
            isBase64Encoded: true,
          };
          resolve({ statusCode: result.statusCode, output: Buffer.from(JSON.stringify(result)) });
        });
        res.on('error', (err) => reject(new BridgeError(t('The HTTP function\'s response broke off: {0}', err.message), 'BadResponse')));
      });
      req.on('error', (err) => reject(new BridgeError(t('Request to the HTTP function on 127.0.0.1:{0} failed: {1}', this.port, err.message), 'RequestFailed')));
      req.end(request.body);
    });
  }

  /** Drops kept-alive sockets (the instance they belonged to is gone). */
  reset(): void {
    this.agent.destroy();
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  dispose(): void {
    this.agent.destroy();
  }
}
