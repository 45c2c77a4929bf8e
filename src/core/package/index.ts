export { packageFunction, defaultZipPath, type PackageResult, type PackageOptions } from './packageFunction';
export { openPackage, openFunctionCode, type OpenedPackage, type OpenOptions, type RunnableFunction } from './openPackage';
export { loadPackageFilter, IGNORE_FILE, DEFAULT_IGNORE_PATTERNS } from '../archive/ignore';
