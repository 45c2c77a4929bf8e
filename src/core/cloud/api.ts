// The narrow face of a cloud the rest of the toolkit talks to: what the CLI's deploy/remote/logs/pull
// and the extension's Cloud view need, nothing more, so that a second cloud (eSurfing's API has
// another signature and model) can implement it beside Huawei's.

/** One deployed function, as the list and the tree show it. Field names are ours, not the API's. */
export interface CloudFunction {
  name: string;
  functionUrn: string;
  packageName: string;
  runtime: string;
  handler: string;
  memorySizeMB: number;
  timeoutSeconds: number;
  codeSize?: number;
  description?: string;
  lastModified?: string;
  /** Environment variables (the API's `user_data`). */
  environment: Record<string, string>;
  initializer?: string;
  initializerTimeoutSeconds?: number;
}

/** What creating or configuring a function takes from a local FunctionSpec. */
export interface FunctionSettings {
  name: string;
  packageName: string;
  runtime: string;
  handler: string;
  memorySizeMB: number;
  timeoutSeconds: number;
  environment: Record<string, string>;
  description?: string;
  initializer?: string;
  initializerTimeoutSeconds?: number;
}

export interface CloudTrigger {
  triggerId: string;
  type: string;
  status?: string;
  /** The trigger's own settings as the API gives them (read only in the UI). */
  details: Record<string, unknown>;
}

/** A synchronous invocation's answer, with the ~4 KB log tail the platform returns. */
export interface RemoteInvocation {
  requestId: string;
  ok: boolean;
  /** The function's result as text. */
  result: string;
  /** The log tail, lines as the platform wrote them. */
  log: string;
}

export interface LogQuery {
  /** Epoch ms, inclusive. */
  since: number;
  /** Epoch ms; default now. */
  until?: number;
  /** Only lines after this one (paging and --follow). */
  after?: LogCursor;
  limit?: number;
}

export interface LogCursor {
  time: number;
  lineNum: string;
}

export interface CloudLogLine {
  time: number;
  text: string;
  requestId?: string;
  cursor: LogCursor;
}

export interface CloudProject {
  id: string;
  name: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface CloudApi {
  readonly region: string;
  readonly projectId: string;
  /** Every function of the region's project (all pages). */
  listFunctions(options?: CallOptions): Promise<CloudFunction[]>;
  /** One function by name; undefined when the cloud has none of that name. */
  getFunction(name: string, packageName?: string, options?: CallOptions): Promise<CloudFunction | undefined>;
  createFunction(settings: FunctionSettings, zip: Buffer, options?: CallOptions): Promise<CloudFunction>;
  updateCode(functionUrn: string, zip: Buffer, options?: CallOptions): Promise<void>;
  /** Changes only what `settings` says and keeps the rest of the current configuration. */
  updateConfig(functionUrn: string, settings: FunctionSettings, options?: CallOptions): Promise<CloudFunction>;
  invoke(functionUrn: string, event: unknown, options?: CallOptions & { timeoutSeconds?: number }): Promise<RemoteInvocation>;
  /** The deployed code as a ZIP. */
  exportCode(functionUrn: string, options?: CallOptions): Promise<Buffer>;
  /** Log lines from the log service, oldest first. */
  logLines(functionUrn: string, query: LogQuery, options?: CallOptions): Promise<CloudLogLine[]>;
  listTriggers(functionUrn: string, options?: CallOptions): Promise<CloudTrigger[]>;
}

/** What the account's identity service says: the projects of a region (sign-in lets the user pick one). */
export interface IdentityApi {
  listProjects(region: string, options?: CallOptions): Promise<CloudProject[]>;
}

/** The URN of a function's latest version: `urn:fss:<region>:<project>:function:<package>:<name>:latest`. */
export function functionUrn(region: string, projectId: string, name: string, packageName = 'default'): string {
  return `urn:fss:${region}:${projectId}:function:${packageName}:${name}:latest`;
}

/** The name part of a URN (or the input when it is a plain name). */
export function nameOfUrn(urn: string): string {
  const parts = urn.split(':');
  return parts.length >= 7 ? parts[6] : urn;
}
