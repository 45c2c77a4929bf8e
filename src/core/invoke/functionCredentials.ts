// API-2: the credentials a local invocation hands the function (context.getSecurityAccessKey(),
// getSecuritySecretKey(), getSecurityToken()). Hosts pass the cloud commands' whole chain
// (core/cloud/localInvokeCredentials.ts, above this layer); without them the Invoker falls back to the
// environment variables Huawei's SDKs read. Never logged: they travel only as the runtime API's
// X-CFF-* headers.
import { t } from '../l10n';
import type { InvokerOptions } from './types';

export type FunctionCredentials = NonNullable<InvokerOptions['credentials']>;

export const CREDENTIAL_ENV = { accessKey: 'HUAWEICLOUD_SDK_AK', secretKey: 'HUAWEICLOUD_SDK_SK', securityToken: 'HUAWEICLOUD_SDK_SECURITY_TOKEN' } as const;

/** The credentials in `env`, or undefined when it names no key pair. */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env): FunctionCredentials | undefined {
  const accessKey = env[CREDENTIAL_ENV.accessKey]?.trim();
  const secretKey = env[CREDENTIAL_ENV.secretKey]?.trim();
  if (!accessKey || !secretKey) return undefined;
  const securityToken = env[CREDENTIAL_ENV.securityToken]?.trim() || undefined;
  return { accessKey, secretKey, ...(securityToken ? { securityToken } : {}) };
}

/** The shims' notice when the handler read a credential the invocation did not carry (INV log, once per getter and request). */
export function emptyCredentialNotice(getter: string): string {
  return getter === 'getToken'
    ? t('The handler called context.getToken(), which returned an empty value: local invocations carry no IAM token. Code that needs one must get it itself (for example with the SDK and an access key pair).')
    : t('The handler called context.{0}(), which returned an empty value: this invocation carries no credentials. Set {1} and {2} (and {3} for temporary keys) where fgtk or VS Code runs, or put ak and sk under [basic] in ~/.huaweicloud/credentials, and invoke again.', getter, CREDENTIAL_ENV.accessKey, CREDENTIAL_ENV.secretKey, CREDENTIAL_ENV.securityToken);
}

/** What a shim's notice line (`empty-credential getSecurityToken`, after the prefix) means for the user; undefined for anything else. */
export function shimNoticeText(notice: string): string | undefined {
  const [kind, getter] = notice.trim().split(/\s+/);
  return kind === 'empty-credential' && getter && /^get\w+$/.test(getter) ? emptyCredentialNotice(getter) : undefined;
}
