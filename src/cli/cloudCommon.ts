// What the cloud subcommands share: one way to connect (credentials, region, endpoints, project)
// and one way to report a failed call (a message a person can act on, secrets redacted, exit code).
import { t } from '../core/l10n';
import { CloudCallError } from '../core/cloud/callError';
import { CloudSetupError, connect, type CloudSession } from '../core/cloud/connect';
import { describeCloudError } from '../core/cloud/errors';
import { EXIT_FAILED, EXIT_USAGE } from './common';

export const REGION_OPTION = { region: { type: 'string' } } as const;

export const REGION_HELP = () => `  --region REGION       ${t('Huawei Cloud region (default: HUAWEICLOUD_SDK_REGION, else cn-north-4)')}`;

export async function connectOrExplain(command: string, region: string | undefined): Promise<CloudSession | number> {
  try {
    return await connect({ region });
  } catch (err) {
    return cloudFailure(command, err, { region: region ?? process.env.HUAWEICLOUD_SDK_REGION ?? 'cn-north-4' });
  }
}

/**
 * Prints why a cloud command failed and returns its exit code: 2 for setup (no or rejected
 * credentials, no project, bad region), 1 for the rest.
 */
export function cloudFailure(command: string, err: unknown, ctx: { region: string; projectId?: string; functionName?: string; secrets?: readonly string[] }): number {
  const message = describeCloudError(err, ctx);
  process.stderr.write(`fgtk ${command}: ${message}\n`);
  if (err instanceof CloudSetupError) return EXIT_USAGE;
  if (err instanceof CloudCallError && (err.status === 401 || err.status === 403)) return EXIT_USAGE;
  return EXIT_FAILED;
}

export function sessionContext(s: CloudSession, functionName?: string) {
  return { region: s.region, projectId: s.projectId, functionName, secrets: s.credentials.secrets() };
}
