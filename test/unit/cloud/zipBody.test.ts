// The upload body built without JSON.stringify of the base64 (src/core/cloud/huawei/zipBody.ts) must
// be byte for byte what JSON.stringify gives, and its hash the SHA-256 the signature covers.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { zipUploadBody } from '../../../src/core/cloud/huawei/zipBody';

void describe('zipUploadBody', () => {
  it('is JSON.stringify({...fields, func_code: {file: base64}}) byte for byte, over slice boundaries and padding', () => {
    const fields = { code_type: 'zip', code_filename: 'fn "quoted" 函数.zip', user_data: '{"A":"b\\n"}', memory_size: 256 };
    for (const size of [0, 1, 2, 3, 3 * 1024 * 1024 - 1, 3 * 1024 * 1024, 3 * 1024 * 1024 + 1, 7 * 1024 * 1024 + 2]) {
      const zip = randomBytes(size);
      const body = zipUploadBody(fields, zip);
      const expected = Buffer.from(JSON.stringify({ ...fields, func_code: { file: zip.toString('base64') } }));
      assert.ok(body.bytes.equals(expected), `size ${size}`);
      assert.equal(body.sha256, createHash('sha256').update(expected).digest('hex'));
    }
  });
});
