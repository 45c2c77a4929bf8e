// STAND-IN (tests only): the API gateway's check of SDK-HMAC-SHA256 signatures, written from Huawei's
// API Request Signing Guide independently of the SDK's signer, and pinned by the guide's published
// test vector (test/unit/cloud/signature.test.ts). The fake cloud runs every request through it.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'SDK-HMAC-SHA256';

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Percent-encoding of the guide: everything but A-Z a-z 0-9 - _ . ~ as %XX of its UTF-8 bytes. */
export function encodeComponent(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The canonical URI: each path segment as the gateway sees it (percent-decoded), encoded again,
 * with a trailing slash. A URN arrives with raw colons and is signed as `urn%3Afss%3A…`; one the
 * client encoded twice no longer matches.
 */
export function canonicalUri(rawPath: string): string {
  const segments = rawPath.split('/').map((seg) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(seg);
    } catch {
      decoded = seg;
    }
    return encodeComponent(decoded);
  });
  const joined = segments.join('/');
  return joined.endsWith('/') ? joined : `${joined}/`;
}

/** Sorted `key=value` pairs, both encoded; a key given twice sorts its values. */
export function canonicalQuery(rawQuery: string): string {
  const params = new URLSearchParams(rawQuery);
  const pairs: [string, string][] = [];
  for (const [k, v] of params) pairs.push([encodeComponent(k), encodeComponent(v)]);
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

export interface ParsedAuthorization {
  access: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (!header?.startsWith(`${ALGORITHM} `)) return undefined;
  const fields = Object.fromEntries(header.slice(ALGORITHM.length + 1).split(',').map((p) => {
    const eq = p.indexOf('=');
    return [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
  }));
  if (!fields.Access || !fields.SignedHeaders || !fields.Signature) return undefined;
  return { access: fields.Access, signedHeaders: fields.SignedHeaders.split(';'), signature: fields.Signature };
}

export interface SignedRequest {
  method: string;
  /** The request target as received: path and query, not decoded. */
  target: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** `payloadHash`: the body's hex SHA-256 when the caller has it already (a signing client). */
export function canonicalRequest(req: SignedRequest, signedHeaders: readonly string[], payloadHash?: string): string {
  const q = req.target.indexOf('?');
  const rawPath = q < 0 ? req.target : req.target.slice(0, q);
  const rawQuery = q < 0 ? '' : req.target.slice(q + 1);
  const headerLines = signedHeaders.map((name) => {
    const v = req.headers[name];
    return `${name}:${(Array.isArray(v) ? v.join(',') : (v ?? '')).trim()}\n`;
  }).join('');
  const declared = req.headers['x-sdk-content-sha256'];
  const hash = declared === 'UNSIGNED-PAYLOAD' ? 'UNSIGNED-PAYLOAD' : payloadHash ?? sha256Hex(req.body);
  return [req.method.toUpperCase(), canonicalUri(rawPath), canonicalQuery(rawQuery), headerLines, signedHeaders.join(';'), hash].join('\n');
}

export function stringToSign(date: string, canonical: string): string {
  return `${ALGORITHM}\n${date}\n${sha256Hex(canonical)}`;
}

/** Hex(HMAC-SHA256(SK, string-to-sign)): no key derivation. */
export function signature(secretKey: string, toSign: string): string {
  return createHmac('sha256', secretKey).update(toSign).digest('hex');
}

/** `20191115T033655Z` → epoch ms. */
export function parseSdkDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

export interface VerifyOptions {
  accessKey: string;
  secretKey: string;
  now?: number;
  /** The gateway refuses dates more than 15 minutes off. */
  maxSkewMs?: number;
}

/** Undefined when the request is signed right; otherwise why the gateway refuses it. */
export function verifyRequest(req: SignedRequest, options: VerifyOptions): string | undefined {
  const auth = parseAuthorization(req.headers.authorization as string | undefined);
  if (!auth) return 'missing or malformed Authorization header';
  if (auth.access !== options.accessKey) return 'unknown access key';
  const date = req.headers['x-sdk-date'] as string | undefined;
  const when = date ? parseSdkDate(date) : undefined;
  if (!date || when === undefined) return 'missing or malformed X-Sdk-Date';
  if (Math.abs((options.now ?? Date.now()) - when) > (options.maxSkewMs ?? 15 * 60_000)) return 'X-Sdk-Date is more than 15 minutes off the server time';
  for (const required of ['host', 'x-sdk-date']) if (!auth.signedHeaders.includes(required)) return `header ${required} is not signed`;
  const expected = signature(options.secretKey, stringToSign(date, canonicalRequest(req, auth.signedHeaders)));
  const a = Buffer.from(expected);
  const b = Buffer.from(auth.signature);
  return a.length === b.length && timingSafeEqual(a, b) ? undefined : 'signature does not match';
}
