// The Java templates (java17, java11, java8): every one scaffolds with its function.jar built,
// lints clean and invokes with each of its events (a file of its own: each template compiles a JAR).
import { describe, test } from 'node:test';
import { listRuntimes } from '../../../src/core/templates';
import { checkEveryTemplate } from './everyTemplate';

void describe('every Java template scaffolds, lints clean and invokes', () => {
  for (const runtime of listRuntimes().filter((r) => r.id.startsWith('java'))) {
    void test(`${runtime.label}: every template`, (t) => checkEveryTemplate(t, runtime));
  }
});
