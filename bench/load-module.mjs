// Helper of extension.bench.ts: `node bench/load-module.mjs FILE` times one require() of FILE (a
// CommonJS bundle) in this fresh process, with `vscode` resolved to a minimal stand-in, and prints
// {"ms": N}. That is the module evaluation the extension host pays before it calls activate().
// The stand-in is a class-like Proxy because vscode-languageclient subclasses a few vscode classes
// (CompletionItem, CodeLens, ...) while it loads; nothing of it is called at load time.
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const file = path.resolve(process.argv[2]);
const standIn = () => new Proxy(class {}, {
  // __esModule stays undefined like on the real API object, so interop takes the same path.
  get: (target, key) => (key in target || key === '__esModule' || typeof key === 'symbol' ? target[key] : standIn()),
});
const vscode = standIn();
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const require = createRequire(file);
const t0 = performance.now();
require(file);
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms }) + '\n');
