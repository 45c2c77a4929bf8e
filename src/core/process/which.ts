// Finding programs on PATH without spawning a shell (`command -v` would cost a process per lookup).
import { constants as fsc, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** First executable named `cmd` on PATH. */
export async function which(cmd: string, envPath = process.env.PATH ?? ''): Promise<string | undefined> {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, cmd);
    try {
      await fs.access(candidate, fsc.X_OK);
      const st = await fs.stat(candidate);
      if (st.isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
