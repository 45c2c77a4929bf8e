// The one size format of the toolkit (src/core/format.ts): package listings and INV-5/HTTP-5 limit messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes } from '../../../src/core/format';

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

void describe('formatBytes', () => {
  void it('counts bytes below 1 KB', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(15), '15 B');
    assert.equal(formatBytes(1023), '1023 B');
  });

  void it('INV-5: whole units read as the contract writes its limits (256 KB, 6 MB)', () => {
    assert.equal(formatBytes(KB), '1 KB');
    assert.equal(formatBytes(4 * KB), '4 KB');
    assert.equal(formatBytes(256 * KB), '256 KB');
    assert.equal(formatBytes(6 * MB), '6 MB');
    assert.equal(formatBytes(2 * GB), '2 GB');
    assert.equal(formatBytes(3 * 1024 * GB), '3 TB');
  });

  void it('INV-5: a size over a limit never reads as the limit: fractions have one decimal, rounded up', () => {
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(KB + 1), '1.1 KB');
    assert.equal(formatBytes(6 * MB + 1), '6.1 MB');
    assert.equal(formatBytes(256 * KB + 1), '256.1 KB');
    assert.equal(formatBytes(6 * MB - 1), '6.0 MB');
    assert.equal(formatBytes(2.5 * GB), '2.5 GB');
  });

  void it('just under the next unit moves up to it (1 MB - 1 byte is 1.0 MB, not 1024.0 KB)', () => {
    assert.equal(formatBytes(MB - 1), '1.0 MB');
    assert.equal(formatBytes(GB - 1), '1.0 GB');
    assert.equal(formatBytes(MB - KB), '1023 KB');
  });
});
