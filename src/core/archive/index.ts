// What the linter and the packager both read: a package as a folder or a ZIP (one PackageView), the
// rules for what goes into a package, and the entry names that must never be unpacked.
export * from './packageView';
export { FolderView, type FolderViewOptions } from './folderView';
export { ZipView, type ZipViewOptions } from './zipView';
export { loadPackageFilter, loadPackageFilterSync, IGNORE_FILE, DEFAULT_IGNORE_PATTERNS, SECRET_PATTERNS, isSecretPath, type PackageFilter } from './ignore';
export { unsafeReason } from './unsafePath';
