// The package as a container: can it be read at all, is it safe to unpack, is there anything in it.
import { formatBytes } from '../../format';
import { t } from '../../l10n';
import type { Finding, LintContext, Rule } from '../context';
import { isCodeEntry } from '../../archive/packageView';
import { unsafeReason } from '../../archive/unsafePath';

const zipProblemText = (code: string, entry?: string): string => {
  switch (code) {
    case 'empty': return t('The file is empty, not a ZIP. Build the package again (fgtk package).');
    case 'too-small':
    case 'no-eocd': return t('This is not a complete ZIP: its end-of-central-directory record is missing, so it is truncated or not a ZIP at all. Build or download it again (fgtk package).');
    case 'truncated': return t('The ZIP is truncated: its central directory points past the end of the file. Build or download it again (fgtk package).');
    case 'directory-too-large': return t('The ZIP\'s central directory is larger than 64 MB; the linter does not read it. Split the package or leave out files.');
    case 'entry-truncated': return t('The data of entry "{0}" runs past the end of the archive: the ZIP is damaged. Build it again (fgtk package).', entry ?? '');
    default: return t('The ZIP\'s central directory cannot be read ({0}). Build the package again (fgtk package).', code.replace(/^directory:/, ''));
  }
};

export const zipInvalid: Rule = {
  id: 'zip-invalid',
  contract: 'PKG-1',
  severity: 'error',
  check(ctx) {
    return ctx.view.problems
      .filter((p) => p.rule === 'zip-invalid')
      .map((p) => ({ message: zipProblemText(p.message, p.entry), file: ctx.view.location, entry: p.entry }));
  },
};

export const zipBomb: Rule = {
  id: 'zip-bomb',
  contract: '(ours)',
  severity: 'error',
  check(ctx) {
    const out: Finding[] = ctx.view.problems
      .filter((p) => p.rule === 'zip-bomb')
      .map((p) => ({ message: t('Entries of this ZIP share the same compressed data (at "{0}"): that is how ZIP bombs multiply their size. The platform refuses it; build the package again (fgtk package).', p.entry ?? ''), file: ctx.view.location, entry: p.entry }));
    if (ctx.view.kind === 'zip') {
      // A ratio no real code reaches: more than 1,000 to 1 on an entry of more than 100 MB.
      for (const e of ctx.view.entries()) {
        if (e.kind === 'file' && e.size > 100 * 1024 * 1024 && e.size / Math.max(1, e.compressedSize ?? 0) > 1000) {
          out.push({ message: t('Entry "{0}" expands {1} times (to {2}): that looks like a ZIP bomb. Leave it out of the package.', e.path, Math.round(e.size / Math.max(1, e.compressedSize ?? 0)), formatBytes(e.size)), file: ctx.view.location, entry: e.path, severity: 'warning' });
          break;
        }
      }
    }
    return out;
  },
};

export const tooManyEntries: Rule = {
  id: 'too-many-entries',
  contract: '(ours)',
  severity: 'warning',
  check(ctx) {
    return ctx.view.problems
      .filter((p) => p.rule === 'too-many-entries')
      .map((p) => ({ message: t('The folder has more than {0} files; the linter looked at the first {0} only. Add a .fgtkignore for what does not belong in the package.', p.message) }));
  },
};

export const emptyPackage: Rule = {
  id: 'empty-package',
  contract: 'PKG-1',
  severity: 'error',
  check(ctx) {
    if (ctx.view.problems.some((p) => p.rule === 'zip-invalid')) return [];
    if (ctx.view.entries().some((e) => (e.kind === 'file' || e.kind === 'symlink') && isCodeEntry(e))) return [];
    return [{ message: t('The package holds no files. Put the function\'s code at the root of the package.'), file: ctx.view.kind === 'zip' ? ctx.view.location : undefined }];
  },
};

export const unsafeEntryPath: Rule = {
  id: 'unsafe-entry-path',
  contract: 'PKG-8',
  severity: 'error',
  check(ctx) {
    if (ctx.view.kind !== 'zip') return [];
    const out: Finding[] = [];
    for (const e of ctx.view.entries()) {
      const reason = e.rawName !== undefined ? unsafeReason(e.rawName) : undefined;
      if (reason) out.push({ message: t('Entry "{0}" is unsafe: {1}. Build the ZIP with relative paths and forward slashes (fgtk package).', e.rawName!, reason), file: ctx.view.location, entry: e.rawName });
    }
    return out;
  },
};

export const symlinkEntry: Rule = {
  id: 'symlink-entry',
  contract: 'PKG-8',
  severity: 'warning',
  check(ctx) {
    return ctx.view.entries().filter((e) => e.kind === 'symlink').map((e) => ctx.view.kind === 'zip'
      ? { message: t('Entry "{0}" is a symbolic link. The platform may not restore it, and a link can point outside the code folder: store the file itself.', e.path), file: ctx.view.location, entry: e.path }
      : { message: t('"{0}" is a symbolic link: fgtk package stores the file it points to; a link to a folder or outside the function is left out.', e.path), file: ctx.view.fileOf(e.path), severity: 'info' as const });
  },
};

export const entryNameEncoding: Rule = {
  id: 'entry-name-encoding',
  contract: '(ours)',
  severity: 'warning',
  check(ctx) {
    return ctx.view.entries().filter((e) => e.nameNotUtf8).map((e) => ({
      message: t('Entry name "{0}" is not UTF-8 (an old Windows ZIP tool?): it unpacks under a garbled name on Linux. Rebuild the ZIP with a tool that stores UTF-8 names, e.g. fgtk package.', e.rawName ?? e.path),
      file: ctx.view.location,
      entry: e.rawName,
    }));
  },
};

export const duplicateEntry: Rule = {
  id: 'duplicate-entry',
  contract: '(ours)',
  severity: 'warning',
  check(ctx) {
    if (ctx.view.kind !== 'zip') return [];
    const seen = new Set<string>();
    const out: Finding[] = [];
    for (const e of ctx.view.entries()) {
      if (e.kind === 'dir') continue;
      if (seen.has(e.path)) out.push({ message: t('Entry "{0}" appears more than once; which copy wins depends on the unzip tool. Build the ZIP again.', e.path), file: ctx.view.location, entry: e.path });
      seen.add(e.path);
    }
    return out;
  },
};

export const CONTAINER_RULES = [zipInvalid, zipBomb, tooManyEntries, emptyPackage, unsafeEntryPath, symlinkEntry, entryNameEncoding, duplicateEntry];
export type { LintContext };
