// A Go `net/rpc` client over HTTP CONNECT (Go's `rpc.DialHTTP`), for the Go 1.x runtime's
// `Function.Invoke` (builtin-runtimes.md 1.3, 1.7). One connection, calls matched by Seq.
import * as net from 'node:net';
import { GobDecoder, GobError, type GobValue } from './gob';
import { encodeInvokeCall, type GoHeader } from './netRpcMessages';

const CONNECT_LINE = 'CONNECT /_goRPC_ HTTP/1.0\n\n';
const CONNECTED = 'HTTP/1.0 200 Connected to Go RPC';

export interface InvokeReply {
  statusCode: number;
  payload: Buffer;
}

/** The call reached the function and it answered with `Error` set (handler error, panic, bad request). */
export class RpcServerError extends Error {
  constructor(readonly serverError: string) {
    super(serverError);
  }
}

/** The connection failed or closed before the answer (the process died, or it is no Go RPC server). */
export class RpcConnectionError extends Error {}

interface PendingCall {
  resolve: (r: InvokeReply) => void;
  reject: (e: Error) => void;
}

export class NetRpcClient {
  private readonly decoder = new GobDecoder();
  private readonly pending = new Map<number, PendingCall>();
  private seq = 0;
  private typesSent = false;
  /** The Response header read, waiting for its body value. */
  private header: { seq: number; error: string } | undefined;
  private closedError: Error | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.fail(new RpcConnectionError(`The connection to the function failed: ${err.message}`)));
    socket.on('close', () => this.fail(new RpcConnectionError('The function closed the connection (connection is shut down).')));
  }

  /** Connects and switches the connection to RPC (`CONNECT /_goRPC_`); rejects when the peer is not a Go RPC server. */
  static connect(host: string, port: number, timeoutMs = 5000): Promise<NetRpcClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port, noDelay: true });
      let head = Buffer.alloc(0);
      const timer = setTimeout(() => done(new RpcConnectionError(`${host}:${port} accepted the connection but did not answer CONNECT /_goRPC_ within ${timeoutMs} ms.`)), timeoutMs);
      const done = (err: Error | undefined, rest?: Buffer) => {
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('error', onError);
        socket.off('close', onClose);
        if (err) {
          socket.destroy();
          reject(err);
          return;
        }
        const client = new NetRpcClient(socket);
        if (rest && rest.length > 0) client.onData(rest);
        resolve(client);
      };
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\n\n');
        if (end < 0) {
          if (head.length > 4096) done(new RpcConnectionError(`${host}:${port} is not a Go RPC server (no answer to CONNECT).`));
          return;
        }
        const status = head.subarray(0, end).toString('latin1').split('\n')[0]!.trim();
        if (status !== CONNECTED) done(new RpcConnectionError(`${host}:${port} is not a Go RPC server: it answered "${status.slice(0, 120)}" to CONNECT /_goRPC_.`));
        else done(undefined, head.subarray(end + 2));
      };
      const onError = (err: Error) => done(new RpcConnectionError(`Could not connect to ${host}:${port}: ${err.message}`));
      const onClose = () => done(new RpcConnectionError(`${host}:${port} closed the connection during CONNECT /_goRPC_.`));
      socket.on('data', onData);
      socket.on('error', onError);
      socket.on('close', onClose);
      socket.on('connect', () => socket.write(CONNECT_LINE));
    });
  }

  /** `Function.Invoke(InvokeRequest{Payload, Header})`; resolves with the reply or rejects with RpcServerError / RpcConnectionError. */
  invoke(payload: Buffer, header: GoHeader): Promise<InvokeReply> {
    if (this.closedError) return Promise.reject(this.closedError);
    const seq = this.seq++;
    const bytes = encodeInvokeCall(seq, payload, header, !this.typesSent);
    this.typesSent = true;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.socket.write(bytes);
    });
  }

  get closed(): boolean {
    return this.closedError !== undefined;
  }

  close(): void {
    this.fail(new RpcConnectionError('The connection was closed.'));
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let values: { typeId: number; value: GobValue }[];
    try {
      values = this.decoder.push(chunk);
    } catch (err) {
      this.fail(new RpcConnectionError(`The function's answer is not valid net/rpc gob: ${err instanceof GobError ? err.message : String(err)}`));
      this.socket.destroy();
      return;
    }
    for (const { value } of values) {
      if (!this.header) {
        const v = value as { Seq?: number; Error?: string };
        this.header = { seq: v.Seq ?? 0, error: v.Error ?? '' };
        continue;
      }
      const { seq, error } = this.header;
      this.header = undefined;
      const call = this.pending.get(seq);
      if (!call) continue;
      this.pending.delete(seq);
      if (error !== '') call.reject(new RpcServerError(error));
      else {
        const body = value as { StatusCode?: number; Payload?: Buffer };
        call.resolve({ statusCode: body.StatusCode ?? 0, payload: body.Payload ?? Buffer.alloc(0) });
      }
    }
  }

  private fail(err: Error): void {
    if (!this.closedError) this.closedError = err;
    for (const call of this.pending.values()) call.reject(err);
    this.pending.clear();
  }
}
