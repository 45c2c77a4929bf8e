// Ports on 127.0.0.1 for the processes we start (a debuggee's inspector or debugpy listener).
import * as net from 'node:net';

/** A free TCP port on 127.0.0.1 (the OS picks it; it stays free until someone binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}
