// A failed cloud call worded for the person who has to fix it: what went wrong, what to check.
import { t } from '../l10n';
import { CloudCallError } from './callError';
import { redact } from './redact';

export interface ErrorContext {
  region: string;
  projectId?: string;
  /** The function concerned, when there is one. */
  functionName?: string;
  /** Secrets to keep out of the message whatever path it took. */
  secrets?: readonly string[];
}

export function describeCloudError(err: unknown, ctx: ErrorContext): string {
  const secrets = ctx.secrets ?? [];
  if (!(err instanceof CloudCallError)) return redact(err instanceof Error ? err.message : String(err), secrets);
  const service = err.serviceMessage ? ` (${err.errorCode ? `${err.errorCode}: ` : ''}${err.serviceMessage})` : err.errorCode ? ` (${err.errorCode})` : '';
  const where = t('region {0}, project {1}', ctx.region, ctx.projectId ?? '?');
  let message: string;
  switch (err.kind) {
    case 'timeout':
      message = t('{0}: Huawei Cloud did not answer in time. Check your network or proxy, then try again.', err.operation);
      break;
    case 'network':
      message = t('{0}: cannot reach Huawei Cloud{1}. Check your network, proxy and the endpoint settings.', err.operation, service);
      break;
    case 'aborted':
      message = t('{0}: cancelled.', err.operation);
      break;
    case 'too-large':
      message = t('{0}: the request is too large for the API (AK/SK-signed requests may carry at most 12 MB, about a 9 MB ZIP){1}. Make the package smaller, or upload it to OBS and deploy from there.', err.operation, service);
      break;
    default:
      if (err.status === 401) {
        message = t('{0}: Huawei Cloud rejected the credentials{1}. Check the access key and secret key (and the security token for temporary keys), and that this computer\'s clock is right: signed requests more than 15 minutes off are refused.', err.operation, service);
      } else if (err.status === 403) {
        message = t('{0}: access denied{1}. The key is valid but lacks permission for this in {2}: check its IAM policies (FunctionGraph and LTS) and that the project belongs to the account.', err.operation, service, where);
      } else if (err.status === 404) {
        message = ctx.functionName
          ? t('{0}: no function "{1}" in {2}{3}. Check the name, the region (--region) and the project.', err.operation, ctx.functionName, where, service)
          : t('{0}: not found in {1}{2}. Check the region (--region) and the project.', err.operation, where, service);
      } else if (err.status === 429) {
        message = t('{0}: Huawei Cloud is throttling requests{1}. Wait a moment and try again.', err.operation, service);
      } else if (err.status !== undefined && err.status >= 500) {
        message = t('{0}: Huawei Cloud had an internal error (HTTP {1}){2}. Try again later.', err.operation, err.status, service);
      } else {
        message = t('{0} failed (HTTP {1}){2}.', err.operation, err.status ?? '?', service);
      }
  }
  if (err.requestId) message += ' ' + t('Request ID: {0}.', err.requestId);
  return redact(message, secrets);
}
