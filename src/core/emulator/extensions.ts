// Extensions API (contract EXT-1..3): extension processes of the instance register with
// POST /extension/register; for every invocation we POST {traceId, invokedFunctionUrn} to each.
import * as http from 'node:http';
import { sendJson } from './httpUtil';
import { t } from '../l10n';

export const MAX_EXTENSIONS = 10;
const ADDRESS = /^127\.0\.0\.1:(\d{4})$/;
const MIN_PORT = 8081;
const MAX_PORT = 8090;

export interface RegisteredExtension { name: string; address: string }

export class ExtensionRegistry {
  private readonly byPort = new Map<number, RegisteredExtension>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 2 });

  constructor(
    private readonly functionName: string,
    private readonly functionVersion: string,
    private readonly log: (level: 'info' | 'warn' | 'error', text: string) => void,
  ) {}

  get list(): RegisteredExtension[] {
    return [...this.byPort.values()];
  }

  clear(): void {
    this.byPort.clear();
  }

  handleRegister(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume(); // EXT-1: the body is ignored
    const name = header(req, 'functiongraph-extension-name');
    const address = header(req, 'functiongraph-extension-address');
    const reply = (status: number, errorType = '', errorMessage = '') => {
      if (status !== 200) this.log('warn', t('Extension registration refused ({0}): {1}', status, errorMessage));
      sendJson(res, status, { functionName: this.functionName, functionVersion: this.functionVersion, errorInfo: { errorType, errorMessage } });
    };
    if (!name) return reply(400, 'MissingExtensionName', 'Header FunctionGraph-Extension-Name (the extension\'s file name) is required (EXT-1).');
    const m = ADDRESS.exec(address);
    const port = m ? Number(m[1]) : NaN;
    if (!m || port < MIN_PORT || port > MAX_PORT) {
      return reply(400, 'InvalidExtensionAddress', `Header FunctionGraph-Extension-Address must be 127.0.0.1:${MIN_PORT} to 127.0.0.1:${MAX_PORT}, got "${address}" (EXT-1).`);
    }
    const taken = this.byPort.get(port);
    if (taken && taken.name !== name) {
      return reply(409, 'ExtensionAddressInUse', `Address ${address} is already registered by extension "${taken.name}"; each port may be used once (EXT-1).`);
    }
    if (!taken && this.byPort.size >= MAX_EXTENSIONS) {
      return reply(400, 'TooManyExtensions', `At most ${MAX_EXTENSIONS} extensions may register (EXT-1).`);
    }
    this.byPort.set(port, { name, address });
    this.log('info', t('Extension "{0}" registered at {1}.', name, address));
    reply(200);
  }

  /** EXT-3: tells every registered extension about one invocation; failures are logged, never fatal. */
  notifyInvoke(traceId: string, invokedFunctionUrn: string): Promise<void> {
    if (this.byPort.size === 0) return Promise.resolve();
    const body = JSON.stringify({ traceId, invokedFunctionUrn });
    return Promise.all(this.list.map((ext) => new Promise<void>((resolve) => {
      const [host, port] = ext.address.split(':');
      const req = http.request({ host, port: Number(port), method: 'POST', path: '/extension/invoke', agent: this.agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        if (res.statusCode !== 200) this.log('warn', t('Extension "{0}" answered {1} to /extension/invoke.', ext.name, String(res.statusCode)));
        resolve();
      });
      req.setTimeout(5000, () => req.destroy(new Error('no answer within 5 s')));
      req.on('error', (err) => {
        this.log('warn', t('Extension "{0}" at {1} could not be told about request {2}: {3}', ext.name, ext.address, traceId, err.message));
        resolve();
      });
      req.end(body);
    }))).then(() => undefined);
  }

  dispose(): void {
    this.agent.destroy();
  }
}

function header(req: http.IncomingMessage, name: string): string {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v ?? '').trim();
}

/** EXT-3 URN: `urn:fss:<region>:<project>:function:<package>:<name>:<version>`. */
export function functionUrn(region: string, projectId: string, pkg: string, name: string, version: string): string {
  return `urn:fss:${region}:${projectId}:function:${pkg}:${name}:${version}`;
}
