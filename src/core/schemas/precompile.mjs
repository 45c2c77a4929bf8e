// Build time: the validators of validators.ts as ajv standalone code, and the esbuild plugin that
// puts that code in place of validators.ts in every bundle (see validators.ts for why).
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const readSchema = (name) => JSON.parse(readFileSync(path.join(root, 'schemas', name), 'utf8'));

/** An ES module exporting `functionPropertiesValidator` and `expectationValidator`, as validators.ts does. */
export function precompiledValidatorsSource() {
  const configSchema = readSchema('function-config.schema.json');
  const expectationSchema = readSchema('expectation.schema.json');
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true } }); // validators.ts: the same options
  ajv.addSchema(configSchema);
  ajv.addSchema(expectationSchema);
  const refs = { functionProperties: `${configSchema.$id}#/definitions/functionProperties`, expectation: expectationSchema.$id };
  // Standalone code is CommonJS (`exports.name = validateN`); the only require()s are ajv's small runtime helpers.
  const code = standaloneCode(ajv, refs);
  return [
    'const exports = {};',
    code.replace(/^"use strict";/, ''),
    `export const VALIDATOR_REFS = ${JSON.stringify(refs)};`,
    'export const functionPropertiesValidator = () => exports.functionProperties;',
    'export const expectationValidator = () => exports.expectation;',
  ].join('\n');
}

/** esbuild: loads validators.ts as the precompiled module. */
export const precompiledValidatorsPlugin = {
  name: 'precompiled-validators',
  setup(build) {
    build.onLoad({ filter: /[\\/]core[\\/]schemas[\\/]validators\.ts$/ }, () => ({ contents: precompiledValidatorsSource(), loader: 'js', resolveDir: root }));
  },
};
