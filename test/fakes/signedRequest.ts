// STAND-IN helper (tests and benchmarks): a request signed with SDK-HMAC-SHA256 by hand, over plain
// node:http, with no SDK. Used to read the fake's raw answers and as the benchmark's floor for an
// upload ("a plain signed upload of the same bytes").
import * as http from 'node:http';
import { canonicalRequest, signature, stringToSign } from './signature';
import { FAKE_AK, FAKE_SK } from './huaweicloud-fake';

export interface SignedAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const sdkDate = (d = new Date()) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

export function signedRequest(base: string, method: string, target: string, body: Buffer | string | undefined, options: { projectId?: string; ak?: string; sk?: string; agent?: http.Agent; payloadSha256?: string } = {}): Promise<SignedAnswer> {
  const url = new URL(target, base);
  const data = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body);
  const headers: Record<string, string> = {
    host: url.host,
    'x-sdk-date': sdkDate(),
    'content-type': 'application/json',
    ...(options.projectId ? { 'x-project-id': options.projectId } : {}),
  };
  const signed = Object.keys(headers).sort();
  const toSign = stringToSign(headers['x-sdk-date'], canonicalRequest({ method, target: url.pathname + url.search, headers, body: data }, signed, options.payloadSha256));
  headers.authorization = `SDK-HMAC-SHA256 Access=${options.ak ?? FAKE_AK}, SignedHeaders=${signed.join(';')}, Signature=${signature(options.sk ?? FAKE_SK, toSign)}`;
  headers['content-length'] = String(data.length);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}
