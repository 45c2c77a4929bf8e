// Go modules of a Go 1.x function: which sources and local `replace` folders it builds from, and
// whether the runtime library its sources import is there (builtin-runtimes.md 1.1). Shared by the
// build (invoke) and the templates' scaffold notes.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { t } from '../l10n';
import { goFinder } from './go';

export const HUAWEI_GO_MODULE = 'huaweicloud.com/go-runtime';
export const OTC_GO_MODULE = 'github.com/opentelekomcloud-community/otc-functiongraph-go-runtime';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.vscode', '.idea']);
const MAX_FILES = 5000;

/** The Go build's inputs under `dir`: `.go` files, go.mod and go.sum (at most MAX_FILES). */
export async function goFiles(dir: string, out: string[] = []): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (out.length >= MAX_FILES) break;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await goFiles(p, out);
    } else if (e.name.endsWith('.go') || e.name === 'go.mod' || e.name === 'go.sum') out.push(p);
  }
  return out;
}

/** Local `replace` targets of go.mod (`replace huaweicloud.com/go-runtime => ./go-runtime`), absolute. */
export function localReplaces(goMod: string, dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const line = /^\s*(?:replace\s+)?([^\s=]+)(?:\s+v\S+)?\s*=>\s*(\.{1,2}\/\S*|\/\S*)\s*$/;
  let inBlock = false;
  for (const raw of goMod.split('\n')) {
    const text = raw.replace(/\/\/.*$/, '');
    if (/^\s*replace\s*\(\s*$/.test(text)) { inBlock = true; continue; }
    if (inBlock && /^\s*\)\s*$/.test(text)) { inBlock = false; continue; }
    if (!inBlock && !/^\s*replace\s/.test(text)) continue;
    const m = line.exec(text);
    if (m) out.set(m[1]!, path.resolve(dir, m[2]!));
  }
  return out;
}

/**
 * Pre-flight for the function library: sources importing Huawei's `huaweicloud.com/go-runtime` need
 * the SDK folder the product docs describe (it is on no module proxy), through a `replace` line.
 */
export async function goLibraryProblem(dir: string): Promise<string | undefined> {
  const goMod = await fs.readFile(path.join(dir, 'go.mod'), 'utf8').catch(() => undefined);
  if (goMod === undefined) return undefined;
  const sources = (await goFiles(dir)).filter((f) => f.endsWith('.go'));
  let importsHuawei = false;
  for (const f of sources) {
    if (goFinder.imports(await fs.readFile(f, 'utf8')).some((p) => p === HUAWEI_GO_MODULE || p.startsWith(`${HUAWEI_GO_MODULE}/`))) {
      importsHuawei = true;
      break;
    }
  }
  if (!importsHuawei) return undefined;
  const target = localReplaces(goMod, dir).get(HUAWEI_GO_MODULE);
  const sdk = target ?? path.join(dir, 'go-runtime');
  const sdkHasModule = await fs.access(path.join(sdk, 'go.mod')).then(() => true, () => false);
  if (target && sdkHasModule) return undefined;
  const why = !target
    ? t('go.mod has no line "replace {0} => ./go-runtime"', HUAWEI_GO_MODULE)
    : t('{0} (the folder go.mod\'s replace line names) has no go.mod', sdk);
  return t('The Go runtime library {0} is missing: {1}. It is on no module proxy: download Huawei\'s Go SDK (functiongraph-go-runtime-sdk-1.0.1.zip, linked from the FunctionGraph documentation\'s Go page), unzip it to {2}, and keep these lines in go.mod: "require {0} v0.0.0-00010101000000-000000000000" and "replace {0} => ./go-runtime". Or import the public module {3} instead (see the template\'s README.md).', HUAWEI_GO_MODULE, why, sdk, OTC_GO_MODULE);
}

