// Download to Workspace runs `fgtk pull` in its own process, like packaging (../cliPackage.ts):
// unpacking goes through core/package's safe unzip, which brings the linter and the ZIP library,
// and those stay out of the extension bundle. The session's keys reach the child through its
// environment only (never its command line, which other users can read in `ps`).
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { CloudSession } from '../../core/cloud/connect';
import { redact } from '../../core/cloud/redact';

export function pullWithCli(extensionPath: string, session: CloudSession, fn: { name: string; packageName: string }, dir: string, signal?: AbortSignal): Promise<void> {
  const cli = path.join(extensionPath, 'dist', 'cli.js');
  const c = session.credentials;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ELECTRON_RUN_AS_NODE: '1',
    FGTK_LOCALE: process.env.FGTK_LOCALE ?? '',
    HUAWEICLOUD_SDK_AK: c.accessKey,
    HUAWEICLOUD_SDK_SK: c.secretKey,
    HUAWEICLOUD_SDK_PROJECT_ID: session.projectId,
    FGTK_FUNCTIONGRAPH_ENDPOINT: session.endpoints.functiongraph,
    FGTK_IAM_ENDPOINT: session.endpoints.iam,
    FGTK_LTS_ENDPOINT: session.endpoints.lts,
  };
  if (c.securityToken) env.HUAWEICLOUD_SDK_SECURITY_TOKEN = c.securityToken;
  else delete env.HUAWEICLOUD_SDK_SECURITY_TOKEN;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, 'pull', fn.name, dir, '--package', fn.packageName || 'default', '--region', session.region], { env, signal, maxBuffer: 4 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      if (signal?.aborted) return reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
      reject(new Error(redact((stderr.trim() || err.message).replace(/^fgtk pull: /, ''), c.secrets())));
    });
  });
}
