// Test events as tests (issue 14): expectations, their matching, running a function's events and
// JUnit output. `fgtk test` and the extension's Testing API are thin over this module.
export * from './expectation';
export * from './match';
export * from './runner';
export { toJUnitXml } from './junit';
