// API-2: a function gets credentials from HUAWEICLOUD_SDK_AK/_SK/_SECURITY_TOKEN (the chain the
// cloud commands use), never in a log; a handler that reads an empty one gets a note in its log.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Invoker } from '../../../src/core/invoke';
import { credentialsFromEnvironment } from '../../../src/core/invoke/functionCredentials';
import { tempFunction } from './helpers';

const cfg = (runtime: string) => `Resources:\n  f:\n    Type: HC::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: ${runtime}\n      Timeout: 10\n`;
const AK = 'AKLOCALTEST000000001';
const SK = 'sk-local-test-secret-do-not-log';
const TOKEN = 'token-local-test-do-not-log';

const HANDLERS: Record<string, Record<string, string>> = {
  'Node.js20.15': { 'index.js': 'exports.handler = async (event, context) => JSON.stringify([context.getSecurityAccessKey(), context.getSecuritySecretKey(), context.getSecurityToken(), context.getSecurityToken()]);\n' },
  'Python3.9': { 'index.py': 'import json\n\ndef handler(event, context):\n    return json.dumps([context.getSecurityAccessKey(), context.getSecuritySecretKey(), context.getSecurityToken(), context.getSecurityToken()])\n' },
};

async function run(runtime: string, options: ConstructorParameters<typeof Invoker>[1]) {
  const fn = await tempFunction({ 'template.yml': cfg(runtime), ...HANDLERS[runtime] });
  const inv = new Invoker(await fn.spec(), options);
  try {
    const r = await inv.invoke('{}');
    assert.equal(r.status, 'ok', r.outputText + r.logs.map((l) => l.text).join('\n'));
    return r;
  } finally {
    await inv.dispose();
    await fn.cleanup();
  }
}

void describe('function credentials', () => {
  void it('API-2: HUAWEICLOUD_SDK_AK/_SK/_SECURITY_TOKEN become the function\'s credentials; a pair without AK or SK is none', () => {
    assert.deepEqual(credentialsFromEnvironment({ HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_SECURITY_TOKEN: TOKEN }), { accessKey: AK, secretKey: SK, securityToken: TOKEN });
    assert.deepEqual(credentialsFromEnvironment({ HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK }), { accessKey: AK, secretKey: SK });
    assert.equal(credentialsFromEnvironment({ HUAWEICLOUD_SDK_AK: AK }), undefined);
    assert.equal(credentialsFromEnvironment({}), undefined);
  });

  for (const runtime of Object.keys(HANDLERS)) {
    void it(`API-2 (${runtime}): the handler reads the credentials from its context; they appear in no log line`, async () => {
      const saved = { ...process.env };
      Object.assign(process.env, { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_SECURITY_TOKEN: TOKEN });
      try {
        const r = await run(runtime, {});
        assert.deepEqual(JSON.parse(r.outputText), [AK, SK, TOKEN, TOKEN]);
        const logs = r.logs.map((l) => l.text).join('\n');
        assert.doesNotMatch(logs, new RegExp(`${SK}|${TOKEN}`));
        assert.doesNotMatch(logs, /empty value/);
      } finally {
        for (const k of ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN']) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
      }
    });

    void it(`API-2 (${runtime}): reading an empty credential is noted once per getter in the invocation log, as an emulator warning`, async () => {
      const r = await run(runtime, { credentials: {} });
      assert.deepEqual(JSON.parse(r.outputText), ['', '', '', '']);
      const notes = r.logs.filter((l) => /empty value/.test(l.text));
      assert.deepEqual(notes.map((l) => [l.stream, l.level, /context\.(\w+)\(\)/.exec(l.text)?.[1]]), [
        ['emulator', 'warn', 'getSecurityAccessKey'], ['emulator', 'warn', 'getSecuritySecretKey'], ['emulator', 'warn', 'getSecurityToken'],
      ]);
      assert.match(notes[0].text, /Set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK/);
      assert.ok(r.logs.every((l) => !/fgtk-notice-/.test(l.text)), 'the shims\' notices are not shown as output');
    });
  }
});
