// The .zip files of a workspace folder, which the server lints beside the function folders: a
// bounded walk (depth, count) that skips what is never a package's source but keeps build outputs
// (dist/, out/), where packages are usually written.
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { SKIPPED_DIRS } from '../core/config';

const MAX_ZIP_SCAN_DEPTH = 8;
const MAX_ZIPS = 2000;
const ZIP_SCAN_SKIP = new Set([...SKIPPED_DIRS].filter((d) => d !== 'dist' && d !== 'out'));

export async function findZips(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_ZIP_SCAN_DEPTH || found.length >= MAX_ZIPS) return;
    const entries: Dirent[] = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(entries.map(async (e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && !ZIP_SCAN_SKIP.has(e.name) && !e.name.startsWith('.')) await walk(full, depth + 1);
      else if (e.isFile() && /\.zip$/i.test(e.name)) found.push(full);
    }));
  };
  await walk(root, 0);
  return found;
}
