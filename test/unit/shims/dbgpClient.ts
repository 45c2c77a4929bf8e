// A test-only DBGp client (the IDE side of Xdebug's protocol, what the PHP Debug extension does):
// it listens, accepts Xdebug's connection, sends commands and reads the engine's XML packets.
// DBGp (https://xdebug.org/docs/dbgp): the engine sends `<length>\0<xml>\0`; the IDE sends
// `command -i <transaction id> args\0`. Only what the tests need: regular expressions over the XML.
import * as net from 'node:net';

export interface DbgpPacket {
  xml: string;
  attr(name: string): string | undefined;
}

const packet = (xml: string): DbgpPacket => ({
  xml,
  attr: (name) => new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1],
});

export class DbgpConnection {
  private buffer = Buffer.alloc(0);
  private readonly packets: DbgpPacket[] = [];
  private waiting: ((p: DbgpPacket) => void) | undefined;
  private tid = 0;

  constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const lenEnd = this.buffer.indexOf(0);
        if (lenEnd < 0) return;
        const len = Number(this.buffer.subarray(0, lenEnd).toString('ascii'));
        if (this.buffer.length < lenEnd + 1 + len + 1) return;
        const xml = this.buffer.subarray(lenEnd + 1, lenEnd + 1 + len).toString('utf8');
        this.buffer = this.buffer.subarray(lenEnd + 1 + len + 1);
        const p = packet(xml);
        if (this.waiting) {
          const w = this.waiting;
          this.waiting = undefined;
          w(p);
        } else {
          this.packets.push(p);
        }
      }
    });
  }

  /** The next packet from the engine (the init packet first). */
  next(timeoutMs = 20_000): Promise<DbgpPacket> {
    const queued = this.packets.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no DBGp packet from Xdebug in time')), timeoutMs).unref();
      this.waiting = (p) => {
        clearTimeout(timer);
        resolve(p);
      };
    });
  }

  /** Sends `command` and returns the engine's response to it (skipping stream/notify packets). */
  async send(command: string, args = '', timeoutMs = 20_000): Promise<DbgpPacket> {
    const id = String(++this.tid);
    this.socket.write(`${command} -i ${id}${args ? ` ${args}` : ''}\0`);
    for (;;) {
      const p = await this.next(timeoutMs);
      if (p.attr('transaction_id') === id) return p;
    }
  }
}

/** Listens on 127.0.0.1:`port` (0: any); `connection()` resolves with the first engine that connects. */
export async function listenDbgp(port = 0): Promise<{ port: number; connection: (timeoutMs?: number) => Promise<DbgpConnection>; close: () => void }> {
  const sockets: net.Socket[] = [];
  let accept: ((c: DbgpConnection) => void) | undefined;
  const pending: DbgpConnection[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    const c = new DbgpConnection(socket);
    if (accept) accept(c);
    else pending.push(c);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connection: (timeoutMs = 20_000) => {
      const queued = pending.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('Xdebug did not connect in time')), timeoutMs).unref();
        accept = (c) => {
          clearTimeout(timer);
          accept = undefined;
          resolve(c);
        };
      });
    },
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
