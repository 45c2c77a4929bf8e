// Libraries that only some commands need, loaded on first use rather than when the extension, the
// language server or the CLI starts (bench/cloud.bench.ts measures the start-up). In the bundles
// each `require` below loads a side bundle (build.mjs), which nothing parses before that call; a
// top-level `import` would be parsed and evaluated at start-up. Types come from `import type`.
/* eslint-disable @typescript-eslint/no-require-imports -- the point of this module */
import type AdmZipClass from 'adm-zip';
import type JUnitBuilder from 'junit-report-builder';
import type * as Parsers from './handler/parsers';

/** `load()` once, on the first call; its value on every call after. */
export function lazy<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}

/** adm-zip (builds its CRC tables as it loads): writing packages, reading JARs. */
export const AdmZip = lazy(() => require('adm-zip') as typeof AdmZipClass);
/** junit-report-builder (and its lodash): `fgtk test --junit` only. */
export const junitBuilder = lazy(() => require('junit-report-builder') as typeof JUnitBuilder);
/** acorn (Node.js handlers), Lezer's Python and Java parsers. */
export const parsers = lazy(() => require('./handler/parsers') as typeof Parsers);
