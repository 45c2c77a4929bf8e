// The fake cloud (test/fakes, a stand-in that verifies every signature) for the suites in this
// folder: they are compiled file by file and cannot import it, so it runs in its own process
// (test/fakes/serve.ts), and the extension host's environment points the extension at it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import * as vscode from 'vscode';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
// The keys the fake accepts (test/fakes/huaweicloud-fake.ts).
export const FAKE_AK = 'FGTKFAKEAK0000000001';
export const FAKE_SK = 'fgtk-fake-SECRET-key-6f1d2c9a8b7e';
const ENV_KEYS = ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'FGTK_FUNCTIONGRAPH_ENDPOINT', 'FGTK_IAM_ENDPOINT', 'FGTK_LTS_ENDPOINT'];

export interface FakeCloud {
  url: string;
  project: string;
  /** The fake's project id per region. */
  projects: Record<string, string>;
  /** Stops the fake and gives the extension host its environment back. */
  stop(): Promise<void>;
}

/**
 * Starts the fake with `seed` functions (`NAME` in cn-north-4, `REGION/NAME` in that project,
 * `NAME@PACKAGE`), the account's projects plus `extraProjects` (`NAME:ID`), and signs the extension
 * in through the environment.
 */
export async function startFakeCloud(seed: string[], extraProjects: string[] = []): Promise<FakeCloud> {
  const projectArgs = extraProjects.length ? ['--projects', extraProjects.join(',')] : [];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'test', 'fakes', 'serve.ts'), '--seed', seed.join(','), ...projectArgs], {
    cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const { url, project, projects } = await new Promise<{ url: string; project: string; projects: Record<string, string> }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]) as { url: string; project: string; projects: Record<string, string> });
    });
    child.on('exit', (code) => reject(new Error(`the fake cloud exited (${code}): ${err}`)));
  });
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  Object.assign(process.env, { HUAWEICLOUD_SDK_AK: FAKE_AK, HUAWEICLOUD_SDK_SK: FAKE_SK, FGTK_FUNCTIONGRAPH_ENDPOINT: url, FGTK_IAM_ENDPOINT: url, FGTK_LTS_ENDPOINT: url });
  return {
    url,
    project,
    projects,
    async stop() {
      await vscode.commands.executeCommand('functiongraph.cloud.stopLogs');
      for (const k of ENV_KEYS) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      await vscode.commands.executeCommand('functiongraph.cloud.refresh');
      child.stdin?.end();
      if (child.pid) try { process.kill(child.pid, 'SIGTERM'); } catch { /* already gone */ }
    },
  };
}

/** Refreshes the Cloud view and returns its top-level items. */
export async function cloudItems(): Promise<vscode.TreeItem[]> {
  return (await vscode.commands.executeCommand<{ items: vscode.TreeItem[] }>('functiongraph.cloud.refresh')).items;
}
