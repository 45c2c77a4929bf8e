// PKG-2, PKG-3: custom runtime and HTTP functions start from an executable `bootstrap` at the root.
import { t } from '../../l10n';
import { checkPlatformPath, PLATFORM_INTERPRETER_PATH, platformRuntimeDirs } from '../../config/platformPaths';
import type { Finding, LintContext, Rule } from '../context';
import { isExecutable, lineRange, singleTopFolder } from '../../archive/packageView';
import { binaryFormat } from './native';

const needsBootstrap = (ctx: LintContext) => ctx.family === 'custom' || ctx.family === 'http';

/** Names people give a bootstrap that the platform does not look for. */
const NEAR_MISS = /^(bootstrap\.(sh|bash|txt|py|js)|Bootstrap|BOOTSTRAP|bootstrap\s+)$/;

export const bootstrapMissing: Rule = {
  id: 'bootstrap-missing',
  contract: 'PKG-2',
  severity: 'error',
  check(ctx) {
    if (!needsBootstrap(ctx) || ctx.view.get('bootstrap')) return [];
    if (ctx.view.problems.some((p) => p.rule === 'zip-invalid')) return [];
    const top = singleTopFolder(ctx.view);
    if (top && ctx.view.get(`${top}/bootstrap`)) return []; // entry-not-at-root says it
    const anchor = ctx.view.kind === 'zip' ? { file: ctx.view.location } : ctx.anchor('Runtime');
    const nearMiss = ctx.view.entries().find((e) => !e.path.includes('/') && NEAR_MISS.test(e.path));
    if (nearMiss) {
      const fix = ctx.view.kind === 'folder'
        ? [{ kind: 'rename-file' as const, title: t('Rename {0} to bootstrap', nearMiss.path), from: ctx.view.fileOf(nearMiss.path), to: ctx.view.fileOf('bootstrap') }]
        : undefined;
      return [{ ...anchor, message: t('The platform starts a file named exactly "bootstrap" at the root, and there is none; "{0}" is not it. Rename it to bootstrap.', nearMiss.path), fix }];
    }
    const deeper = ctx.view.entries().find((e) => e.path.endsWith('/bootstrap') && e.kind !== 'dir');
    if (deeper) {
      return [{ ...anchor, message: t('bootstrap must be at the root of the package, not at {0}. Move it to the root (and zip the folder\'s contents, not the folder).', deeper.path) }];
    }
    return [{ ...anchor, message: t('A {0} function needs an executable file named bootstrap at the root of the package that starts the function (e.g. a shell script that runs your program). Create it; fgtk new makes one.', ctx.spec?.runtime ?? 'Custom') }];
  },
};

export const bootstrapIsDirectory: Rule = {
  id: 'bootstrap-is-directory',
  contract: 'PKG-2',
  severity: 'error',
  check(ctx) {
    if (!needsBootstrap(ctx) || ctx.view.get('bootstrap')?.kind !== 'dir') return [];
    const anchor = ctx.view.kind === 'zip' ? { file: ctx.view.location } : ctx.anchor('Runtime');
    return [{ ...anchor, message: t('bootstrap is a folder; the platform needs an executable file by that name at the root. Rename the folder and create the bootstrap file.') }];
  },
};

export const bootstrapNotExecutable: Rule = {
  id: 'bootstrap-not-executable',
  contract: 'PKG-2',
  severity: 'error',
  check(ctx) {
    const entry = ctx.view.get('bootstrap');
    if (!needsBootstrap(ctx) || entry?.kind !== 'file' || isExecutable(entry.mode)) return [];
    if (ctx.family === 'http') {
      // The platform starts an HTTP function's bootstrap through a shell whatever its mode: every
      // official HTTP sample ships it as 0644 (docs/platform-notes.md, PKG-2 for HTTP functions).
      return [{
        message: t('bootstrap is not executable. HTTP functions run anyway (the platform starts it through a shell, as fgtk invoke does), but an executable bootstrap is what custom runtimes require: chmod +x bootstrap.'),
        severity: 'warning',
        ...(ctx.view.kind === 'zip' ? { file: ctx.view.location, entry: 'bootstrap' } : { file: ctx.view.fileOf('bootstrap'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, fix: [{ kind: 'make-executable' as const, title: t('Make bootstrap executable (chmod +x)'), file: ctx.view.fileOf('bootstrap') }] }),
      }];
    }
    if (ctx.view.kind === 'zip') {
      const message = entry.mode === undefined
        ? t('bootstrap in this ZIP carries no Unix mode (the ZIP was made on Windows), so it unpacks without the executable bit and the function fails at invoke. Build the ZIP with fgtk package, which sets it.')
        : t('bootstrap in this ZIP is not executable (mode {0}); the function fails at invoke. Run chmod +x bootstrap and build the ZIP again (fgtk package).', (entry.mode & 0o777).toString(8));
      return [{ message, file: ctx.view.location, entry: 'bootstrap' }];
    }
    const file = ctx.view.fileOf('bootstrap');
    return [{
      message: t('bootstrap is not executable; the function fails at invoke. Run chmod +x bootstrap.'),
      file,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      fix: [{ kind: 'make-executable', title: t('Make bootstrap executable (chmod +x)'), file }],
    }];
  },
};

async function bootstrapScript(ctx: LintContext): Promise<string | undefined> {
  if (!needsBootstrap(ctx) || ctx.view.get('bootstrap')?.kind !== 'file') return undefined;
  const head = await ctx.view.read('bootstrap', 64);
  if (!head || binaryFormat(head)) return undefined; // a compiled program, not a script
  return ctx.text('bootstrap');
}

export const bootstrapCrlf: Rule = {
  id: 'bootstrap-crlf',
  contract: 'PKG-3',
  severity: 'error',
  async check(ctx) {
    const text = await bootstrapScript(ctx);
    const at = text?.indexOf('\r\n') ?? -1;
    if (text === undefined || at < 0) return [];
    const line = text.slice(0, at).split('\n').length - 1;
    if (ctx.view.kind === 'zip') {
      return [{ message: t('bootstrap has Windows line endings (CRLF) and does not run on Linux ("bad interpreter" or "$\'\\r\': command not found"). Convert it to LF and build the ZIP again.'), file: ctx.view.location, entry: 'bootstrap' }];
    }
    const file = ctx.view.fileOf('bootstrap');
    return [{
      message: t('bootstrap has Windows line endings (CRLF) and does not run on Linux ("bad interpreter" or "$\'\\r\': command not found"). Convert it to LF.'),
      file,
      range: lineRange(text, line),
      fix: [{ kind: 'crlf-to-lf', title: t('Convert bootstrap to LF line endings'), file }],
    }];
  },
};

export const bootstrapPlatformPath: Rule = {
  id: 'bootstrap-platform-path',
  contract: 'PKG-3',
  severity: 'warning',
  async check(ctx) {
    const text = await bootstrapScript(ctx);
    if (text === undefined) return [];
    const out: Finding[] = [];
    const inZip = ctx.view.kind === 'zip';
    const file = inZip ? ctx.view.location : ctx.view.fileOf('bootstrap');
    text.split('\n').forEach((raw, line) => {
      const content = raw.replace(/\r$/, '');
      if (/^\s*#/.test(content)) return;
      const codeRoot = content.indexOf('/opt/function/code');
      if (codeRoot >= 0) {
        const range = { start: { line, character: codeRoot }, end: { line, character: codeRoot + '/opt/function/code'.length } };
        out.push({
          // Information only: the official Go guide uses this path, the platform runs it, and so does
          // fgtk invoke (which puts the function folder in its place).
          message: t('bootstrap names the platform\'s code folder /opt/function/code. That works on the platform, and fgtk invoke runs it with the function folder in its place; $RUNTIME_CODE_ROOT says the same without a fixed path.'),
          severity: 'info',
          file, range: inZip ? undefined : range, entry: inZip ? 'bootstrap' : undefined,
          fix: inZip ? undefined : [{ kind: 'replace-text', title: t('Use $RUNTIME_CODE_ROOT'), file, range, newText: '$RUNTIME_CODE_ROOT' }],
        });
      }
      const windows = /(?:\b[A-Za-z]:\\|\.exe\b|\.bat\b|\.cmd\b|\bcmd(?:\.exe)?\s+\/c\b|\bpowershell\b)/i.exec(content);
      if (windows) {
        out.push({
          message: t('bootstrap line {0} uses a Windows path or program ("{1}"); the platform runs Linux. Call the Linux program instead.', line + 1, windows[0]),
          file, range: inZip ? undefined : lineRange(text, line), entry: inZip ? 'bootstrap' : undefined, severity: 'error',
        });
      }
      // A documented interpreter path is right for the platform (fgtk invoke maps it to a local
      // interpreter), so only a path the platform does not have is reported.
      for (const m of content.matchAll(PLATFORM_INTERPRETER_PATH)) {
        const check = checkPlatformPath(m[0]);
        if (check.valid) continue;
        const range = { start: { line, character: m.index ?? 0 }, end: { line, character: (m.index ?? 0) + m[0].length } };
        out.push({
          message: check.expected
            ? t('bootstrap calls {0}, which does not exist on FunctionGraph; the {1} interpreter is {2}.', m[0], check.runtime!.name, check.expected)
            : t('bootstrap calls {0}, but FunctionGraph has no runtime folder "{1}" (it has: {2}).', m[0], m[1], platformRuntimeDirs().join(', ')),
          file, range: inZip ? undefined : range, entry: inZip ? 'bootstrap' : undefined,
          fix: inZip || !check.expected ? undefined : [{ kind: 'replace-text', title: t('Use {0}', check.expected), file, range, newText: check.expected }],
        });
      }
    });
    return out;
  },
};

export const BOOTSTRAP_RULES = [bootstrapMissing, bootstrapIsDirectory, bootstrapNotExecutable, bootstrapCrlf, bootstrapPlatformPath];
