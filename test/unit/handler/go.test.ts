// Go 1.x handler sources (builtin-runtimes.md 1.1): the CodeLens goes above the function main()
// registers with runtime.Register, read from code, not from comments or strings.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { findHandlerIn, goFinder } from '../../../src/core/handler';

const SOURCE = `package main

import (
	"encoding/json"
	"huaweicloud.com/go-runtime/go-api/context"
	rt "huaweicloud.com/go-runtime/pkg/runtime"
)

// func Handler(payload []byte) is documented here, not defined
var s = "func Fake() { rt.Register(Fake) }"

func helper() {}

func MyHandler(payload []byte, ctx context.RuntimeContext) (interface{}, error) {
	return string(payload), nil
}

func main() {
	rt.Register(MyHandler)
}
`;

test('Go 1.x: the registered function is the handler; its line is the CodeLens line', () => {
  assert.deepEqual(findHandlerIn('go', 'handler', 'main.go', SOURCE), { presence: 'defined', line: 13, name: 'MyHandler' });
  // Only root .go files of a Go 1.x function; other families never ask the Go finder.
  assert.equal(findHandlerIn('go', 'handler', 'sub/main.go', SOURCE), undefined);
  assert.equal(findHandlerIn('go', 'handler', 'main.go', SOURCE.replace('rt.Register(MyHandler)', '')), undefined);
});

test('Go finder: comments and strings are not code; imports are the import paths', () => {
  assert.equal(goFinder.find(SOURCE, 'Fake').presence, 'missing');
  assert.deepEqual(goFinder.symbols(SOURCE), ['helper', 'MyHandler', 'main']);
  assert.deepEqual(goFinder.imports(SOURCE), ['encoding/json', 'huaweicloud.com/go-runtime/go-api/context', 'huaweicloud.com/go-runtime/pkg/runtime']);
});
