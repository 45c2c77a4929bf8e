// The JSON Schema validators of template.yml's function properties and of expectation files.
// Here ajv compiles them on first use; the esbuild bundles replace this module with the same
// validators precompiled at build time (precompile.mjs, ajv's standalone code), which spares every
// `fgtk invoke` ajv's compile (about 30 ms) and ajv itself. test/unit/schemas checks both agree.
import type { default as AjvClass, ValidateFunction } from 'ajv';
import configSchema from '../../../schemas/function-config.schema.json';
import expectationSchema from '../../../schemas/expectation.schema.json';
import { lazy } from '../lazy';

/** Each validator's schema reference; precompile.mjs builds the same list. */
export const VALIDATOR_REFS = {
  functionProperties: `${configSchema.$id}#/definitions/functionProperties`,
  expectation: expectationSchema.$id,
} as const;

const ajv = lazy(() => {
  // Not a top-level import: the bundles, which use the precompiled module, then hold no ajv at all.
  const Ajv = require('ajv') as typeof AjvClass; // eslint-disable-line @typescript-eslint/no-require-imports
  const instance = new Ajv({ allErrors: true, strict: false }); // precompile.mjs: the same options
  instance.addSchema(configSchema);
  instance.addSchema(expectationSchema);
  return instance;
});

/** One function's Properties; Runtime's pattern there accepts exactly what parseRuntime does. */
export const functionPropertiesValidator = lazy(() => ajv().getSchema(VALIDATOR_REFS.functionProperties) as ValidateFunction);
/** An `events/<name>.expected.json`. */
export const expectationValidator = lazy(() => ajv().getSchema(VALIDATOR_REFS.expectation) as ValidateFunction);
