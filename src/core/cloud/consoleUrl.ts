// Addresses in Huawei Cloud's web console for Open in Console. No Huawei page documents them; these
// are the patterns public material shows (searched 2026-11-29):
//   - the region's function list, `https://console.huaweicloud.com/functiongraph/?region=<region>#/serverless/functionList`:
//     huaweicloud's own solution READMEs link it (console-intl.huaweicloud.com/functiongraph/?agencyId=…&region=ap-southeast-3&locale=en-us#/serverless/functionList),
//     and scripts that drive the console open it for cn-north-4 and cn-south-1;
//   - one function, `https://console.huaweicloud.com/functiongraph/?region=<region>#/serverless/functions/detail/<region>/<project_id>/…`:
//     a public deployment guide tells readers to copy the project id from this address in the browser's
//     address bar on a function's page. The segments after the project id were cut off there; we
//     follow them with the URN's own order (<package>/<name>/<version>), which is NOT observed: if the
//     console moves, the region and project in the address still land the user in the right place.
import { nameOfUrn } from './api';

const CONSOLE = 'https://console.huaweicloud.com/functiongraph/';

export interface UrnParts {
  region: string;
  projectId: string;
  packageName: string;
  name: string;
  version: string;
}

/** `urn:fss:<region>:<project_id>:function:<package>:<name>[:<version>]`; undefined for anything else. */
export function parseFunctionUrn(urn: string): UrnParts | undefined {
  const p = urn.split(':');
  if (p.length < 7 || p[0] !== 'urn' || p[1] !== 'fss' || p[4] !== 'function' || !p[2] || !p[3] || !p[5] || !p[6]) return undefined;
  return { region: p[2], projectId: p[3], packageName: p[5], name: nameOfUrn(urn), version: p[7] || 'latest' };
}

const base = (region: string) => `${CONSOLE}?region=${encodeURIComponent(region)}#/serverless/`;

/** The region's function list. */
export function functionListConsoleUrl(region: string): string {
  return `${base(region)}functionList`;
}

/** One function's page, from its URN (region, project, package, name, version); the list when the URN is not one. */
export function functionConsoleUrl(functionUrn: string, fallbackRegion: string): string {
  const u = parseFunctionUrn(functionUrn);
  if (!u) return functionListConsoleUrl(fallbackRegion);
  const path = [u.region, u.projectId, u.packageName, u.name, u.version].map(encodeURIComponent).join('/');
  return `${base(u.region)}functions/detail/${path}`;
}
