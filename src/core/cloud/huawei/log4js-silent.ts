// Built into dist/cloud-huawei.js in place of log4js (build.mjs alias): Huawei's SDK configures
// log4js at import to print every failed request, Authorization header and security token
// included, to stdout. This stand-in prints nothing and drops log4js' weight from the bundle.
const silent = { debug() {}, info() {}, warn() {}, error() {}, trace() {}, fatal() {}, isLevelEnabled: () => false, level: 'off' };
export function configure(): void {}
export function getLogger(): typeof silent {
  return silent;
}
export function shutdown(cb?: () => void): void {
  cb?.();
}
