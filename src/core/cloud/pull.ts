// `fgtk pull` / Download to Workspace: the deployed code, unpacked safely (core/package's
// openPackage: no entry outside the folder, sizes bounded, no links), plus a template.yml written
// from the cloud configuration so the function runs locally at once.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Document } from 'yaml';
import { FUNCTION_TYPE, PREFERRED_CONFIG } from '../config';
import { t } from '../l10n';
import { openPackage } from '../package';
import type { CallOptions, CloudApi, CloudFunction } from './api';

export interface PullOutcome {
  dir: string;
  function: CloudFunction;
  files: number;
  /** Entries not unpacked (links). */
  skipped: string[];
  /** The template.yml the package held, kept under another name when ours replaced it. */
  packagedTemplate?: string;
}

/** A template.yml (our templates' shape) that says what the cloud's configuration says. */
export function templateFor(fn: CloudFunction): string {
  const properties: Record<string, unknown> = {
    Name: fn.name,
    Handler: fn.handler,
    Runtime: fn.runtime,
    CodeUri: './',
    MemorySize: fn.memorySizeMB,
    Timeout: fn.timeoutSeconds,
    ...(fn.packageName && fn.packageName !== 'default' ? { Package: fn.packageName } : {}),
    ...(fn.description ? { Description: fn.description } : {}),
    ...(Object.keys(fn.environment).length ? { Environment: { Variables: fn.environment } } : {}),
  };
  const doc = new Document({ HcCrmTemplateVersion: 'v2', Resources: { [fn.name]: { Type: FUNCTION_TYPE, Properties: properties } } });
  doc.commentBefore = ` Pulled from Huawei Cloud FunctionGraph: ${fn.functionUrn}`;
  return doc.toString();
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Why `name` is not there, naming the packages that do have a function of that name. */
async function notFound(api: CloudApi, name: string, packageName: string, options: CallOptions): Promise<string> {
  const elsewhere = (await api.listFunctions(options).catch(() => [])).filter((f) => f.name === name && f.packageName !== packageName).map((f) => f.packageName);
  const missing = t('No function "{0}" in package {1} of region {2}, project {3}.', name, packageName, api.region, api.projectId);
  return elsewhere.length ? `${missing} ${t('There is one in package {0}: fgtk pull {1} --package {0}', elsewhere.join(', '), name)}` : missing;
}

export async function pullFunction(api: CloudApi, name: string, targetDir: string, options: CallOptions & { packageName?: string } = {}): Promise<PullOutcome> {
  const dir = path.resolve(targetDir);
  if (!(await isEmptyOrMissing(dir))) throw new Error(t('{0} already exists and is not empty; pull into a new folder so nothing is overwritten.', dir));
  const packageName = options.packageName ?? 'default';
  const fn = await api.getFunction(name, packageName, options);
  if (!fn) throw new Error(await notFound(api, name, packageName, options));
  const zip = await api.exportCode(fn.functionUrn, options);
  const parent = path.dirname(dir);
  await fs.mkdir(parent, { recursive: true });
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-pull-'));
  try {
    const zipPath = path.join(scratch, `${fn.name}.zip`);
    await fs.writeFile(zipPath, zip);
    // Unpacked beside the target (same file system), then moved in place in one rename.
    const pkg = await openPackage(zipPath, { tmpRoot: parent });
    let packagedTemplate: string | undefined;
    try {
      const ours = path.join(pkg.dir, PREFERRED_CONFIG);
      if (await fs.stat(ours).catch(() => undefined)) {
        packagedTemplate = `${PREFERRED_CONFIG}.packaged`;
        await fs.rename(ours, path.join(pkg.dir, packagedTemplate));
      }
      await fs.writeFile(ours, templateFor(fn));
      await fs.rmdir(dir).catch(() => undefined);
      await fs.rename(pkg.dir, dir);
    } catch (err) {
      await pkg.dispose();
      throw err;
    }
    const files = (await fs.readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
    return { dir, function: fn, files, skipped: pkg.skipped, ...(packagedTemplate ? { packagedTemplate } : {}) };
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
