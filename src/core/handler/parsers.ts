// The language parsers behind the handler finders, one module so that the bundles load them from a
// side bundle of their own on first use (build.mjs, ../lazy.ts): acorn is large, and Lezer's
// parsers decode their tables as they load.
export { parse as parseJavaScript } from 'acorn';
export { ancestor as walkAncestor, simple as walkSimple } from 'acorn-walk';
export { parser as javaParser } from '@lezer/java';
export { parser as pythonParser } from '@lezer/python';
