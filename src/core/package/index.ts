export { packageFunction, defaultZipPath, type PackageResult, type PackageOptions } from './packageFunction';
export { openPackage, type OpenedPackage, type OpenOptions } from './openPackage';
export { loadPackageFilter, IGNORE_FILE, DEFAULT_IGNORE_PATTERNS } from '../archive/ignore';
