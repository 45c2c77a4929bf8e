// Java package rules (PKG-1, PKG-4, PKG-7) on folders and ZIPs: class path JARs (root and lib/),
// classes at the root, JARs nested in folders, class files compiled for a newer Java.
import AdmZip from 'adm-zip';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintFunction } from '../../../src/core/lint';
import { both, config, type Files } from './helpers';

/** The first bytes of a class file of `major` (52 = Java 8, 61 = Java 17): what the rule reads. */
const classFile = (major: number) => Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, major >> 8, major & 0xff, 0, 0]);

function jar(classes: Record<string, number>): Buffer {
  const zip = new AdmZip();
  zip.addFile('META-INF/MANIFEST.MF', Buffer.from('Manifest-Version: 1.0\r\n'));
  for (const [name, major] of Object.entries(classes)) zip.addFile(name, classFile(major));
  return zip.toBuffer();
}

const cfg = (runtime: string, handler = 'com.example.fg.Handler.handleRequest') => config({ Handler: handler, Runtime: runtime, MemorySize: 256, Timeout: 3 });

async function lintBoth(t: import('node:test').TestContext, files: Files) {
  const { folder, zip } = both(t, files);
  const show = async (target: string) => (await lintFunction(target)).map((d) => `${d.severity} ${d.rule}: ${d.message}`);
  return { folder: await show(folder), zip: await show(zip) };
}

void describe('Java package rules', () => {
  const good: Record<string, Files> = {
    'JAR at the root': { 'template.yml': cfg('Java8'), 'function.jar': jar({ 'com/example/fg/Handler.class': 52 }) },
    'class in a JAR in lib/': { 'template.yml': cfg('Java11'), 'lib/app.jar': jar({ 'com/example/fg/Handler.class': 55 }) },
    'classes folder at the root': { 'template.yml': cfg('Java17'), 'com/example/fg/Handler.class': classFile(61) },
  };
  for (const [name, files] of Object.entries(good)) {
    test(`PKG-4: ${name}: lints clean`, async (t) => {
      const { folder, zip } = await lintBoth(t, files);
      assert.deepEqual(folder, []);
      assert.deepEqual(zip, []);
    });
  }

  test('PKG-4: the handler class in no JAR and no classes folder is an error naming the JARs searched', async (t) => {
    const { folder, zip } = await lintBoth(t, { 'template.yml': cfg('Java8'), 'function.jar': jar({ 'com/example/other/Handler.class': 52 }) });
    for (const out of [folder, zip]) {
      assert.deepEqual(out, ['error java-class-missing: Handler com.example.fg.Handler.handleRequest names class com.example.fg.Handler, which is not in the JARs function.jar or the package root. The platform loads every JAR at the root and in lib/, and classes at the root (e.g. com/example/fg/Handler.class).']);
    }
  });

  test('PKG-1: a JAR inside a folder other than lib/ is not loaded (warning), so its class is missing too', async (t) => {
    const { folder } = await lintBoth(t, { 'template.yml': cfg('Java11'), 'target/function.jar': jar({ 'com/example/fg/Handler.class': 55 }) });
    assert.deepEqual(folder.map((l) => l.split(':')[0]).sort(), ['error java-class-missing', 'warning java-jar-nested']);
    assert.ok(folder.some((l) => /target\/function\.jar is inside a folder, where the platform does not load JARs/.test(l)), folder.join('\n'));
  });

  test('PKG-7: classes compiled for a newer Java than the runtime are an error with the version found', async (t) => {
    const files = { 'template.yml': cfg('Java8'), 'function.jar': jar({ 'com/example/fg/Handler.class': 61, 'com/example/fg/Util.class': 52 }) };
    const { folder, zip } = await lintBoth(t, files);
    for (const out of [folder, zip]) {
      assert.equal(out.length, 1, out.join('\n'));
      assert.match(out[0], /^error java-class-version: function\.jar.* holds classes compiled for Java 17 \(class-file version 61, e\.g\. com\/example\/fg\/Handler\.class\), but Java8 runs Java 8: .*--release 8/);
    }
    const newer = await lintBoth(t, { ...files, 'template.yml': cfg('Java17') });
    assert.deepEqual(newer.folder, [], 'the same JAR is fine on Java17');
  });

  test('PKG-4: sources not built into a JAR yet: a warning that says how it gets built', async (t) => {
    const { folder } = await lintBoth(t, { 'template.yml': cfg('Java17'), 'pom.xml': '<project/>', 'src/main/java/com/example/fg/Handler.java': 'package com.example.fg;\npublic class Handler {\n    public String handleRequest(String e, Object c) { return e; }\n}\n' });
    assert.equal(folder.length, 1, folder.join('\n'));
    assert.match(folder[0], /^warning java-class-missing: Class com\.example\.fg\.Handler is in src\/main\/java\/com\/example\/fg\/Handler\.java but not built into a JAR yet: F5 and fgtk invoke build it/);
  });

  test('PKG-4: a handler not in package.Class.method form', async (t) => {
    const { folder } = await lintBoth(t, { 'template.yml': cfg('Java8', 'handleRequest'), 'function.jar': jar({ 'com/example/fg/Handler.class': 52 }) });
    assert.ok(folder.some((l) => l.startsWith('error handler-format')), folder.join('\n'));
    assert.ok(!folder.some((l) => /java-class-missing/.test(l)), 'no second error for the same mistake');
  });
});
