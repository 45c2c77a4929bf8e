// The fake cloud's signature verifier (test/fakes/signature.ts) is pinned by Huawei's published
// SDK-HMAC-SHA256 test vector (API signing guide, "AK/SK签名认证算法详解"), so the fake and the
// SDK cannot drift apart silently: a request the fake accepts is one the gateway would accept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canonicalQuery, canonicalRequest, canonicalUri, encodeComponent, parseAuthorization, parseSdkDate, signature, stringToSign, verifyRequest,
} from '../../fakes/signature';

// From the guide: SK, the hashed canonical request, the date, and the resulting signature header.
const VECTOR = {
  sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
  date: '20191115T033655Z',
  hashedCanonicalRequest: 'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
  signature: '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
  authorization: 'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
};

void describe('SDK-HMAC-SHA256 verifier (stand-in for the API gateway)', () => {
  it("reproduces Huawei's published test vector: HMAC-SHA256(SK, string-to-sign), hex", () => {
    const toSign = `SDK-HMAC-SHA256\n${VECTOR.date}\n${VECTOR.hashedCanonicalRequest}`;
    assert.equal(signature(VECTOR.sk, toSign), VECTOR.signature);
    assert.notEqual(signature(VECTOR.sk.slice(1), toSign), VECTOR.signature);
  });

  it("parses the guide's Authorization header", () => {
    assert.deepEqual(parseAuthorization(VECTOR.authorization), {
      access: 'QTWAOYTTINDUT2QVKYUC', signedHeaders: ['content-type', 'host', 'x-sdk-date'], signature: VECTOR.signature,
    });
    assert.equal(parseAuthorization('Bearer x'), undefined);
  });

  it('string-to-sign hashes the canonical request', () => {
    assert.equal(stringToSign('20191115T033655Z', ''), 'SDK-HMAC-SHA256\n20191115T033655Z\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('canonical URI: segments encoded (a URN is signed as urn%3Afss%3A…), trailing slash; a twice-encoded URN differs', () => {
    assert.equal(canonicalUri('/v2/p/fgs/functions/urn:fss:cn-north-4:p:function:default:f:latest/config'),
      '/v2/p/fgs/functions/urn%3Afss%3Acn-north-4%3Ap%3Afunction%3Adefault%3Af%3Alatest/config/');
    assert.equal(canonicalUri('/v2/p/fgs/functions/urn%3Afss/config'), '/v2/p/fgs/functions/urn%3Afss/config/');
    assert.notEqual(canonicalUri('/v2/p/fgs/functions/urn%253Afss/config'), canonicalUri('/v2/p/fgs/functions/urn:fss/config'));
    assert.equal(encodeComponent('a b~é'), 'a%20b~%C3%A9');
  });

  it('canonical query: sorted, encoded', () => {
    assert.equal(canonicalQuery('maxitems=400&marker=0&name=a%20b'), 'marker=0&maxitems=400&name=a%20b');
  });

  it('rejects a wrong key, a tampered body and a date outside ±15 minutes; accepts its own signature', () => {
    const date = '20261129T120000Z';
    const now = parseSdkDate(date)!;
    const headers = { host: '127.0.0.1:1', 'x-sdk-date': date, 'content-type': 'application/json' };
    const body = Buffer.from('{"a":1}');
    const req = { method: 'POST', target: '/v2/p/fgs/functions?x=1', headers: { ...headers } as Record<string, string>, body };
    const signed = ['content-type', 'host', 'x-sdk-date'];
    const sig = (sk: string) => signature(sk, stringToSign(date, canonicalRequest(req, signed)));
    req.headers.authorization = `SDK-HMAC-SHA256 Access=AK, SignedHeaders=${signed.join(';')}, Signature=${sig('SK')}`;
    assert.equal(verifyRequest(req, { accessKey: 'AK', secretKey: 'SK', now }), undefined);
    assert.match(verifyRequest(req, { accessKey: 'AK', secretKey: 'other', now }) ?? '', /signature does not match/);
    assert.match(verifyRequest(req, { accessKey: 'AK2', secretKey: 'SK', now }) ?? '', /unknown access key/);
    assert.match(verifyRequest({ ...req, body: Buffer.from('{"a":2}') }, { accessKey: 'AK', secretKey: 'SK', now }) ?? '', /signature/);
    assert.match(verifyRequest(req, { accessKey: 'AK', secretKey: 'SK', now: now + 16 * 60_000 }) ?? '', /15 minutes/);
    assert.equal(verifyRequest(req, { accessKey: 'AK', secretKey: 'SK', now: now - 14 * 60_000 }), undefined);
  });
});

