// The Lezer parsers, one module so that the bundles load them together from a side bundle of their
// own on first use (build.mjs, ../lazy.ts): they decode their tables as they load.
export { parser as javaParser } from '@lezer/java';
export { parser as pythonParser } from '@lezer/python';
