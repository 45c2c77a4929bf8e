// The debug adapter on its own, for DAP clients other than the inline one: over stdio
// (`node dist/debugAdapter.js`) or, with `--server=PORT`, one session per TCP connection on 127.0.0.1.
import * as net from 'node:net';
import { DebugSession } from '@vscode/debugadapter';
import { FunctionGraphDebugSession } from './session';

export function serve(port = 0): Promise<net.Server> {
  const server = net.createServer((socket) => {
    const session = new FunctionGraphDebugSession();
    session.setRunAsServer(true);
    session.start(socket, socket);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

if (require.main === module) {
  const portArg = process.argv.find((a) => a.startsWith('--server='));
  if (portArg) {
    serve(Number(portArg.slice('--server='.length))).then(
      (s) => process.stderr.write(`functiongraph debug adapter listening on ${JSON.stringify(s.address())}\n`),
      (err: Error) => { process.stderr.write(`${err.message}\n`); process.exitCode = 1; },
    );
  } else {
    DebugSession.run(FunctionGraphDebugSession);
  }
}
