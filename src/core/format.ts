// Byte sizes as people read them, one format for the whole toolkit (package listings, INV-5 and
// HTTP-5 limit messages): binary units like `ls -h`, written KB/MB/GB/TB as the contract writes them.

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/**
 * `0 B`, `1023 B`, `1 KB`, `1.5 KB`, `6 MB`, `6.1 MB`, `2 GB`.
 * A whole number of units is written without decimals, so limits read as the contract states them
 * ("at most 6 MB"). Anything else gets one decimal, rounded up like `ls -h`: a size even one byte
 * over a limit never reads as the limit itself (6 MB + 1 byte is `6.1 MB`).
 */
export function formatBytes(bytes: number): string {
  if (!(bytes >= 1024)) return `${bytes} B`;
  let unit = 0;
  let scale = 1024;
  while (unit < UNITS.length - 1 && bytes >= scale * 1024) {
    unit++;
    scale *= 1024;
  }
  if (bytes % scale === 0) return `${bytes / scale} ${UNITS[unit]}`;
  // bytes * 10 / scale is exact in floating point (an integer over a power of two), so ceil is safe.
  let tenths = Math.ceil((bytes * 10) / scale);
  if (tenths >= 10240 && unit < UNITS.length - 1) {
    // Just under the next unit (1 MB - 1 byte): `1024.0 KB` reads better as `1.0 MB`.
    unit++;
    scale *= 1024;
    tenths = Math.ceil((bytes * 10) / scale);
  }
  return `${(tenths / 10).toFixed(1)} ${UNITS[unit]}`;
}
