// The credentials a local invocation hands the function (API-2): the same chain as the cloud
// commands (environment, then ~/.huaweicloud/credentials, then the caller's providers such as the
// extension's sign-in). Returned as the plain object InvokerOptions.credentials takes; never logged.
import { resolveCredentials, type CredentialProvider } from './credentials';

export interface LocalInvokeCredentials {
  accessKey: string;
  secretKey: string;
  securityToken?: string;
}

/** Undefined when no source has keys, or the credentials file cannot be read (the function then sees empty credentials, and the log says so). */
export async function localInvokeCredentials(providers: readonly CredentialProvider[] = []): Promise<LocalInvokeCredentials | undefined> {
  const found = await resolveCredentials({ providers }).catch(() => undefined);
  if (!found) return undefined;
  return { accessKey: found.accessKey, secretKey: found.secretKey, ...(found.securityToken ? { securityToken: found.securityToken } : {}) };
}
