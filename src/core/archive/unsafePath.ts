// Entry names that must never be unpacked as they are (PKG-8): the linter reports them, and
// openPackage refuses them when it unpacks a ZIP to run it.
import { t } from '../l10n';

/** PKG-8: what unpacks in the wrong place, or outside the target. */
export function unsafeReason(rawName: string): string | undefined {
  if (rawName.includes('\\')) return t('it contains backslashes (made on Windows): Linux unzip makes them part of the file name');
  if (rawName.startsWith('/') || /^[A-Za-z]:/.test(rawName)) return t('it is an absolute path');
  if (rawName.split(/[/\\]/).includes('..')) return t('it contains ".." and would unpack outside the code folder');
  if (rawName.includes('\0')) return t('it contains a NUL character');
  return undefined;
}
