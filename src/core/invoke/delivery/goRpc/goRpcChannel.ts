// The emulator's side of one Go 1.x instance (builtin-runtimes.md 1.7): wait until the function's
// net/rpc server accepts on its RUNTIME_API_ADDR, keep that one connection for every warm call, and
// turn each `Function.Invoke` reply into the answer the invoker understands.
import type { Answer, Credentials as GoCredentials } from '../../../emulator/runtimeApiServer';
import { t } from '../../../l10n';
import { awaitAwake } from '../../../process/awaitAwake';
import { NetRpcClient, RpcConnectionError, RpcServerError } from './netRpcClient';
import type { GoHeader } from './netRpcMessages';


/** The X-Cff-* headers of one call, in Go's canonical MIME form: the library's `Header.Get` finds no other (1.4). */
export function goInvokeHeaders(requestId: string, invokeType: 'sync' | 'async', credentials: GoCredentials = {}): GoHeader {
  const h: GoHeader = { 'X-Cff-Request-Id': [requestId], 'X-Cff-Invoke-Type': [invokeType] };
  // Credentials only when set, never logged (API-2); the security pair mirrors the plain one locally.
  if (credentials.accessKey) h['X-Cff-Access-Key'] = h['X-Cff-Security-Access-Key'] = [credentials.accessKey];
  if (credentials.secretKey) h['X-Cff-Secret-Key'] = h['X-Cff-Security-Secret-Key'] = [credentials.secretKey];
  if (credentials.authToken) h['X-Cff-Auth-Token'] = [credentials.authToken];
  if (credentials.securityToken) h['X-Cff-Security-Token'] = [credentials.securityToken];
  return h;
}

/** `host:port` of RUNTIME_API_ADDR. */
export function parseGoAddress(addr: string): { host: string; port: number } {
  const i = addr.lastIndexOf(':');
  return { host: addr.slice(0, i), port: Number(addr.slice(i + 1)) };
}

/** The library rejects a nil payload and gob sends an empty one as nil (1.4): an empty event becomes `{}`. */
export function goPayload(body: Buffer): Buffer {
  return body.length > 0 ? body : Buffer.from('{}');
}

const POLL_MS = 1;
/** A warm call to a small handler answers well within this; a longer one then waits asleep (awaitAwake). */
const AWAKE_MS = 1;

export type GoCallResult = { kind: 'answer'; answer: Answer } | { kind: 'lost'; message: string };

export class GoRpcChannel {
  private client: NetRpcClient | undefined;

  constructor(readonly host: string, readonly port: number) {}

  get connected(): boolean {
    return this.client !== undefined && !this.client.closed;
  }

  /**
   * Polls the address until a connection is accepted and switched to RPC; resolves with when that was
   * (performance.now()), or undefined when `stopped()` turns true first (the process exited, the wait
   * timed out, the session ended). A listener that is no Go RPC server keeps the wait going: the
   * start-up limit then reports it, with the process's output.
   */
  async connect(stopped: () => boolean): Promise<number | undefined> {
    // The first connection that is accepted becomes the RPC connection (no separate probe). Attempts
    // start every POLL_MS, counted from the previous start, not from its refusal (which takes a
    // few hundred microseconds to reach us): a Go binary listens about 2 ms after exec, and a
    // 1.5 ms cadence would find it a full cycle later than Go's own client does.
    let notRpc = false;
    while (!stopped()) {
      const nextAttempt = new Promise((r) => setTimeout(r, notRpc ? 50 : POLL_MS));
      try {
        const client = await NetRpcClient.connect(this.host, this.port, 2000);
        if (stopped()) {
          client.close();
          return undefined;
        }
        this.client = client;
        return performance.now();
      } catch (err) {
        // Refused: not listening yet. Anything else: something listens that is no Go RPC server.
        notRpc = !(err instanceof RpcConnectionError && /ECONNREFUSED/.test(err.message));
      }
      await nextAttempt;
    }
    return undefined;
  }

  /** One `Function.Invoke`: ok → response; an `Error` reply → error with its text (JSON or plain); a lost connection → lost. */
  async call(requestId: string, body: Buffer, invokeType: 'sync' | 'async', credentials?: GoCredentials): Promise<GoCallResult> {
    const client = this.client;
    if (!client || client.closed) return { kind: 'lost', message: t('The connection to the Go function is closed.') };
    try {
      const reply = await awaitAwake(client.invoke(goPayload(body), goInvokeHeaders(requestId, invokeType, credentials)), AWAKE_MS);
      return { kind: 'answer', answer: { kind: 'response', body: reply.payload, at: performance.now() } };
    } catch (err) {
      if (err instanceof RpcServerError) return { kind: 'answer', answer: { kind: 'error', body: Buffer.from(goErrorBody(err.serverError)), at: performance.now() } };
      if (err instanceof RpcConnectionError) return { kind: 'lost', message: err.message };
      throw err;
    }
  }

  close(): void {
    this.client?.close();
    this.client = undefined;
  }
}

/**
 * The library's errors are pretty-printed JSON (`errorMessage`, `errorType`, `stackTrace`) and are the
 * output as they are; net/rpc's own errors ("bad request parameters", "rpc: can't find method ...") are
 * plain text and become the same JSON shape. An async panic leaves the text empty (1.5).
 */
export function goErrorBody(text: string): string {
  if (text.trimStart().startsWith('{')) return text;
  return JSON.stringify({ errorMessage: text, errorType: 'RuntimeError' });
}
