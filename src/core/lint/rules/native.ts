// PKG-7: native code must be built for Linux x86_64. Binaries are told apart by their magic
// numbers; Python wheels by the platform tags in `*.dist-info/WHEEL` and in extension file names.
import { goBuildCommand } from '../../config/goHandler';
import { t } from '../../l10n';
import type { Finding, LintContext, Rule } from '../context';

// The format check is shared with the Go 1.x launch (an executable built for another platform).
export { binaryFormat, wrongPlatform, type BinaryFormat } from '../../process/executableFormat';
import { binaryFormat, wrongPlatform } from '../../process/executableFormat';

const NATIVE_EXT = /\.(node|so(\.\d+)*|pyd|dylib)$/;
/** Wheel platform tags that load on the platform: pure Python, or glibc Linux x86_64. */
const GOOD_PLATFORM_TAG = /^(any|linux_x86_64|manylinux\w*_x86_64)$/;
/** CPython extension file names: `mod.cpython-39-x86_64-linux-gnu.so`, `mod.cp39-win_amd64.pyd`. */
const CPYTHON_SUFFIX = /\.(?:cpython-(\d)(\d+)[a-z]*-([\w-]+)\.so|cp(\d)(\d+)-([\w]+)\.pyd)$/;
const MAX_BINARIES = 2000;

export const nativeModuleWrongPlatform: Rule = {
  id: 'native-module-wrong-platform',
  contract: 'PKG-7',
  severity: 'error',
  async check(ctx) {
    const out: Finding[] = [];
    const report = (path: string, message: string, severity?: Finding['severity']) =>
      out.push({ message, file: ctx.entryFile(path), entry: ctx.view.kind === 'zip' ? path : undefined, severity });
    let checked = 0;
    for (const e of ctx.view.entries()) {
      if (e.kind !== 'file') continue;
      const base = e.path.slice(e.path.lastIndexOf('/') + 1);
      if (e.path.endsWith('.dist-info/WHEEL')) {
        await checkWheel(ctx, e.path, report);
        continue;
      }
      const isBootstrap = e.path === 'bootstrap' && (ctx.family === 'custom' || ctx.family === 'http');
      const isGoExe = ctx.family === 'go' && e.path === ctx.spec?.handler;
      if (!NATIVE_EXT.test(base) && !isBootstrap && !isGoExe) continue;
      const py = CPYTHON_SUFFIX.exec(base);
      if (py) {
        const platform = py[3] ?? py[6];
        if (py[6] || !/x86_64-linux-gnu/.test(platform)) {
          report(e.path, t('{0} is a Python extension built for {1}, not Linux x86_64: it fails at import on the platform. Install dependencies for Linux, e.g. pip install --platform manylinux2014_x86_64 --only-binary=:all: --target . PACKAGE.', e.path, platform));
          continue;
        }
        const version = `${py[1] ?? py[4]}.${py[2] ?? py[5]}`;
        if (ctx.family === 'python' && ctx.spec?.runtimeVersion && version !== ctx.spec.runtimeVersion) {
          report(e.path, t('{0} is built for CPython {1}, but the function runs Python {2}: it fails at import. Install dependencies with the runtime\'s Python version (pip install --python-version {2}).', e.path, version, ctx.spec.runtimeVersion));
          continue;
        }
      }
      if (base.endsWith('.pyd')) {
        report(e.path, t('{0} is a Windows Python extension (.pyd); the platform runs Linux. Install dependencies for Linux x86_64.', e.path));
        continue;
      }
      if (++checked > MAX_BINARIES) break;
      const head = await ctx.view.read(e.path, 64);
      const format = head && binaryFormat(head);
      if (!format) continue;
      const why = wrongPlatform(format);
      if (!why) continue;
      if (isGoExe) {
        report(e.path, t('{0} is {1}; the platform runs Linux x86_64. Rebuild it: {2}', e.path, why, goBuildCommand(e.path)));
      } else if (isBootstrap) {
        report(e.path, t('{0} is {1}; the platform runs Linux x86_64. Build it for Linux, e.g. GOOS=linux GOARCH=amd64 go build.', e.path, why));
      } else {
        report(e.path, t('{0} is {1}; the platform loads only Linux x86_64 native modules. Reinstall dependencies on Linux x86_64 (e.g. npm install --os=linux --cpu=x64, or in a Linux container) before packaging.', e.path, why));
      }
    }
    return out;
  },
};

async function checkWheel(ctx: LintContext, path: string, report: (path: string, message: string, severity?: Finding['severity']) => void): Promise<void> {
  const text = await ctx.text(path);
  if (!text) return;
  const tags = [...text.matchAll(/^Tag:\s*(\S+)/gm)].map((m) => m[1]);
  if (!tags.length) return;
  const platforms = tags.map((tag) => tag.split('-')[2] ?? 'any');
  if (platforms.some((p) => GOOD_PLATFORM_TAG.test(p))) return;
  const pkg = path.split('/').slice(-2, -1)[0].replace(/\.dist-info$/, '');
  const musl = platforms.some((p) => p.startsWith('musllinux') && p.endsWith('x86_64'));
  report(path, musl
    ? t('{0} was installed from a musllinux wheel ({1}); the platform\'s Linux uses glibc. Install the manylinux x86_64 wheel instead.', pkg, platforms.join(', '))
    : t('{0} was installed from a wheel for {1}, not Linux x86_64: it fails at import on the platform. Install it with pip install --platform manylinux2014_x86_64 --only-binary=:all: --target . {2}.', pkg, platforms.join(', '), pkg.split('-')[0]));
}
