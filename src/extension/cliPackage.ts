// Packaging runs in the CLI bundle (dist/cli.js), in its own process: packaging lints the ZIP, and
// the extension never lints on its own thread (architecture.md); it also keeps the linter and the
// ZIP library out of the extension bundle.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { PackageJson } from '../shared/cliProtocol';

/** `fgtk package --format json`, with the ZIP's path made absolute. */
export type CliPackageResult = Omit<PackageJson, 'zip'> & { zipPath: string };

export function packageWithCli(extensionPath: string, functionDir: string, signal?: AbortSignal): Promise<CliPackageResult> {
  const cli = path.join(extensionPath, 'dist', 'cli.js');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, 'package', functionDir, '--format', 'json'], {
      cwd: functionDir,
      // In desktop VS Code the extension host's executable is Electron: make it behave as Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      maxBuffer: 64 * 1024 * 1024,
      signal,
    }, (err, stdout, stderr) => {
      // Exit code 1 means "written, with lint errors": the JSON is still there.
      if (stdout.trim().startsWith('{')) {
        try {
          const raw = JSON.parse(stdout) as PackageJson;
          resolve({ zipPath: path.resolve(functionDir, raw.zip), entries: raw.entries, skipped: raw.skipped ?? [], leftOutSecrets: raw.leftOutSecrets ?? [], diagnostics: raw.diagnostics });
          return;
        } catch {
          // fall through to the error below
        }
      }
      reject(new Error((stderr.trim() || err?.message || 'fgtk package printed no result').replace(/^fgtk package: /, '')));
    });
  });
}
