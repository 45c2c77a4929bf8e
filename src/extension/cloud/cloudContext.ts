// The extension's view of the cloud: who is signed in (environment, credentials file, or keys kept
// in SecretStorage by Sign In), which region, which project, and one CloudSession per
// region/keys, made on the first cloud call (that is when Huawei's SDK loads, never at activation).
import * as vscode from 'vscode';
import type { CloudProject } from '../../core/cloud/api';
import {
  CloudCredentials, DEFAULT_REGION, isRegionId, resolveCredentials, resolveEndpoints, type CloudService, type CredentialProvider,
} from '../../core/cloud/credentials';
import type { CloudSession } from '../../core/cloud/connect';

const SECRET_KEY = 'functiongraph.cloud.credentials';
const PROJECTS_KEY = 'functiongraph.cloud.projects';
const SOURCE_VSCODE = 'VS Code';

interface StoredKeys { ak: string; sk: string; token?: string }

export interface Account {
  credentials: CloudCredentials;
  /** Where the keys came from, for the tree and the status bar. */
  source: string;
}

export class CloudContext implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Sign-in, sign-out, region or endpoint changes: the tree and status bar refresh. */
  readonly onDidChange = this.emitter.event;
  private session: Promise<CloudSession> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(private readonly extension: vscode.ExtensionContext) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('functiongraph.cloud')) this.changed();
      }),
      extension.secrets.onDidChange((e) => {
        if (e.key === SECRET_KEY) this.changed();
      }),
    );
  }

  private changed(): void {
    this.session = undefined;
    this.emitter.fire();
  }

  private get settings() {
    return vscode.workspace.getConfiguration('functiongraph.cloud');
  }

  /** The region switcher's choice (the setting), else HUAWEICLOUD_SDK_REGION, else cn-north-4. */
  get region(): string {
    const chosen = this.settings.get<string>('region')?.trim();
    if (chosen && isRegionId(chosen)) return chosen;
    const fromEnv = process.env.HUAWEICLOUD_SDK_REGION?.trim();
    return fromEnv && isRegionId(fromEnv) ? fromEnv : DEFAULT_REGION;
  }

  async setRegion(region: string): Promise<void> {
    await this.settings.update('region', region, vscode.ConfigurationTarget.Global);
  }

  get endpointSettings(): Partial<Record<CloudService, string>> {
    return {
      functiongraph: this.settings.get<string>('endpoint') || undefined,
      iam: this.settings.get<string>('iamEndpoint') || undefined,
      lts: this.settings.get<string>('ltsEndpoint') || undefined,
    };
  }

  get maxInlineZipMB(): number | undefined {
    return this.settings.get<number>('maxInlineZipMB') || undefined;
  }

  /** The project chosen for `region` (at sign-in or on switching to it), if any. */
  projectFor(region: string): string | undefined {
    return this.extension.globalState.get<Record<string, string>>(PROJECTS_KEY, {})[region];
  }

  /** SecretStorage: the keys entered through Sign In (never in settings). */
  readonly secretProvider: CredentialProvider = {
    name: SOURCE_VSCODE,
    load: async () => {
      const raw = await this.extension.secrets.get(SECRET_KEY);
      if (!raw) return undefined;
      try {
        const keys = JSON.parse(raw) as StoredKeys;
        return keys.ak && keys.sk ? new CloudCredentials(keys.ak, keys.sk, keys.token || undefined, this.projectFor(this.region), SOURCE_VSCODE) : undefined;
      } catch {
        return undefined;
      }
    },
  };

  /** Who is signed in, without loading the SDK (the tree's first line, the status bar). */
  async account(): Promise<Account | undefined> {
    const credentials = await resolveCredentials({ providers: [this.secretProvider] });
    return credentials ? { credentials, source: credentials.source } : undefined;
  }

  endpoints() {
    return resolveEndpoints(this.region, { settings: this.endpointSettings });
  }

  /** The session for the current region and keys; the SDK loads here, on first use. */
  connect(): Promise<CloudSession> {
    if (!this.session) {
      const region = this.region;
      const pending = import('../../core/cloud/connect').then(({ connect }) => connect({
        region,
        settings: { endpoints: this.endpointSettings, projectId: this.projectFor(region) },
        providers: [this.secretProvider],
      }));
      this.session = pending;
      // A failed connection is not remembered: the next call tries again.
      pending.catch(() => { if (this.session === pending) this.session = undefined; });
    }
    return this.session;
  }

  /** The projects the keys see in `region`, through IAM (listing only). */
  async listProjects(credentials: CloudCredentials, region: string, signal?: AbortSignal): Promise<CloudProject[]> {
    const { listProjects } = await import('../../core/cloud/connect');
    return listProjects(credentials, region, resolveEndpoints(region, { settings: this.endpointSettings }), { signal });
  }

  async storeKeys(keys: StoredKeys, region: string, projectId: string): Promise<void> {
    const projects = { ...this.extension.globalState.get<Record<string, string>>(PROJECTS_KEY, {}), [region]: projectId };
    await this.extension.globalState.update(PROJECTS_KEY, projects);
    await this.extension.secrets.store(SECRET_KEY, JSON.stringify(keys));
    this.changed();
  }

  async rememberProject(region: string, projectId: string): Promise<void> {
    const projects = { ...this.extension.globalState.get<Record<string, string>>(PROJECTS_KEY, {}), [region]: projectId };
    await this.extension.globalState.update(PROJECTS_KEY, projects);
    this.changed();
  }

  async signOut(): Promise<void> {
    await this.extension.secrets.delete(SECRET_KEY);
    await this.extension.globalState.update(PROJECTS_KEY, {});
    this.changed();
  }

  refresh(): void {
    this.changed();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
