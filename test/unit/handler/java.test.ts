// The Java handler finder (@lezer/java): the CodeLens line above the handler method, and the lint
// check that a class's source declares the method the Handler names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { finderFor, findHandlerIn, parseHandler } from '../../../src/core/handler/index';
import { lintFunction } from '../../../src/core/lint/index';
import { both, config } from '../lint/helpers';

const java = finderFor('java')!;
const SOURCE = `package com.example.fg;

import com.huawei.services.runtime.Context;

/** handleRequest is mentioned here, and in a string below: neither is the method. */
public class Handler {
    // public String handleRequest(String e, Context c)
    private final String name = "handleRequest";

    public String handleRequest(String event, Context context) {
        return name;
    }

    public static class Inner {
        public void nested(String e, Context c) {}
    }
}
`;

void describe('Java handler finder', () => {
  void it('PKG-4: the method is found on its line; comments, strings and nested classes are not methods', () => {
    assert.deepEqual(java.find(SOURCE, 'handleRequest'), { presence: 'defined', line: 9 });
    assert.equal(java.find(SOURCE.replaceAll('public String handleRequest(', 'public String other('), 'handleRequest').presence, 'missing');
    assert.equal(java.find(SOURCE, 'nested').presence, 'missing');
    assert.deepEqual(java.symbols(SOURCE), ['handleRequest']);
  });

  void it('PKG-4: a class that extends another may inherit the method: never reported missing', () => {
    assert.equal(java.find('public class H extends Base { }\n', 'handleRequest').presence, 'unsure');
    assert.equal(java.find('public class H { public void broken( }\n', 'handleRequest').presence, 'unsure');
  });

  void it('the CodeLens finds the handler in src/main/java/<package>/<Class>.java or <package>/<Class>.java', () => {
    assert.deepEqual(parseHandler('java', 'com.example.fg.Handler.handleRequest').target?.files, ['src/main/java/com/example/fg/Handler.java', 'com/example/fg/Handler.java']);
    assert.equal(findHandlerIn('java', 'com.example.fg.Handler.handleRequest', 'src/main/java/com/example/fg/Handler.java', SOURCE)?.line, 9);
    assert.equal(findHandlerIn('java', 'com.example.fg.Handler.handleRequest', 'src/main/java/com/example/fg/Other.java', SOURCE), undefined);
  });

  void it('PKG-4: lint reports a method the class\'s source does not declare, with the one it does', async (t) => {
    const { folder } = both(t, {
      'template.yml': config({ Handler: 'com.example.fg.Handler.handle', Runtime: 'Java17', MemorySize: 256, Timeout: 3 }),
      'src/main/java/com/example/fg/Handler.java': SOURCE,
    });
    const found = (await lintFunction(folder)).filter((d) => d.rule === 'handler-not-found');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /Handler\.java does not define "handle" \(Handler names it\); it defines handleRequest\. Set Handler to com\.example\.fg\.Handler\.handleRequest/);
  });
});
