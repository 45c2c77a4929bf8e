// The credential chain, the region and the endpoint overrides (issue 13): first found wins, the
// file is read and never written, secrets never show in a printed form.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import {
  CloudCredentials, checkEndpoint, parseIni, redact, resolveCredentials, resolveEndpoints, resolveRegion,
} from '../../../src/core/cloud/credentials';

async function homeWith(ini?: string): Promise<string> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-home-'));
  if (ini !== undefined) {
    await fs.mkdir(path.join(home, '.huaweicloud'));
    await fs.writeFile(path.join(home, '.huaweicloud', 'credentials'), ini);
  }
  return home;
}

void describe('cloud credentials chain', () => {
  it('environment wins over the file and the providers', async () => {
    const home = await homeWith('[basic]\nak = FILEAK\nsk = FILESK\n');
    const c = await resolveCredentials({
      env: { HUAWEICLOUD_SDK_AK: 'ENVAK', HUAWEICLOUD_SDK_SK: 'ENVSK', HUAWEICLOUD_SDK_SECURITY_TOKEN: 'TOK', HUAWEICLOUD_SDK_PROJECT_ID: 'p1' },
      home,
      providers: [{ name: 'x', load: () => Promise.reject(new Error('must not be asked')) }],
    });
    assert.deepEqual([c?.accessKey, c?.secretKey, c?.securityToken, c?.projectId, c?.source], ['ENVAK', 'ENVSK', 'TOK', 'p1', 'environment']);
  });

  it('[basic] of ~/.huaweicloud/credentials when the environment has no pair, and the file is left as it was', async () => {
    const ini = '# mine\n[other]\nak = NO\nsk = NO\n[basic]\r\nak = FILEAK\r\nsk=FILESK\r\nproject_id = proj\r\nsecurity_token = T\r\n';
    const home = await homeWith(ini);
    const file = path.join(home, '.huaweicloud', 'credentials');
    const before = await fs.stat(file);
    const c = await resolveCredentials({ env: { HUAWEICLOUD_SDK_AK: 'only-ak' }, home });
    assert.deepEqual([c?.accessKey, c?.secretKey, c?.projectId, c?.securityToken, c?.source], ['FILEAK', 'FILESK', 'proj', 'T', file]);
    assert.equal(await fs.readFile(file, 'utf8'), ini);
    assert.equal((await fs.stat(file)).mtimeMs, before.mtimeMs);
    assert.deepEqual(await fs.readdir(path.join(home, '.huaweicloud')), ['credentials']);
  });

  it('HUAWEICLOUD_SDK_CREDENTIALS_FILE points elsewhere', async () => {
    const home = await homeWith();
    const other = path.join(home, 'creds.ini');
    await fs.writeFile(other, '[basic]\nak=A2\nsk=S2\n');
    const c = await resolveCredentials({ env: { HUAWEICLOUD_SDK_CREDENTIALS_FILE: other }, home });
    assert.equal(c?.accessKey, 'A2');
  });

  it('then the providers in order (the extension\'s SecretStorage); undefined when none has keys', async () => {
    const home = await homeWith('[basic]\nak=\n');
    const stored = new CloudCredentials('VSAK', 'VSSK', undefined, 'p', 'VS Code');
    const c = await resolveCredentials({ env: {}, home, providers: [{ name: 'empty', load: async () => undefined }, { name: 'secrets', load: async () => stored }] });
    assert.equal(c, stored);
    assert.equal(await resolveCredentials({ env: {}, home: await homeWith() }), undefined);
  });

  it('the secret key and token never show in toString, JSON or util.inspect', () => {
    const c = new CloudCredentials('AKAKAKAKAKAK', 'SECRET-KEY-123', 'SECRET-TOKEN-456', 'p', 'environment');
    for (const printed of [String(c), JSON.stringify(c), inspect(c), inspect({ nested: { c } }), `${c}`]) {
      assert.doesNotMatch(printed, /SECRET/, printed);
    }
    assert.match(JSON.stringify(c), /AKAK…AKAK/);
  });

  it('parseIni: comments, spaces, keys lower-cased', () => {
    assert.deepEqual(parseIni('; c\n[ basic ]\nAK = x = y\n#z\n'), { basic: { ak: 'x = y' } });
  });

  it('redact replaces secrets and their URL-encoded form', () => {
    assert.equal(redact('a S/K+1 b S%2FK%2B1 c', ['S/K+1']), 'a **** b **** c');
  });
});

void describe('cloud region and endpoints', () => {
  it('region: --region, then HUAWEICLOUD_SDK_REGION, then the setting, then cn-north-4', () => {
    assert.equal(resolveRegion({ flag: 'ap-southeast-1', env: { HUAWEICLOUD_SDK_REGION: 'cn-east-3' }, setting: 'cn-south-1' }), 'ap-southeast-1');
    assert.equal(resolveRegion({ env: { HUAWEICLOUD_SDK_REGION: 'cn-east-3' }, setting: 'cn-south-1' }), 'cn-east-3');
    assert.equal(resolveRegion({ env: {}, setting: 'cn-south-1' }), 'cn-south-1');
    assert.equal(resolveRegion({ env: {} }), 'cn-north-4');
    assert.throws(() => resolveRegion({ flag: 'north', env: {} }), /not a Huawei Cloud region id/);
  });

  it('endpoints: the region\'s public URLs, overridden by FGTK_*_ENDPOINT before the settings', () => {
    assert.deepEqual(resolveEndpoints('cn-north-4', { env: {} }), {
      functiongraph: 'https://functiongraph.cn-north-4.myhuaweicloud.com',
      iam: 'https://iam.cn-north-4.myhuaweicloud.com',
      lts: 'https://lts.cn-north-4.myhuaweicloud.com',
    });
    const e = resolveEndpoints('cn-north-4', {
      env: { FGTK_FUNCTIONGRAPH_ENDPOINT: 'http://127.0.0.1:9/', FGTK_LTS_ENDPOINT: 'https://lts.example.com' },
      settings: { functiongraph: 'https://ignored.example.com', iam: 'https://iam.example.com/' },
    });
    assert.deepEqual(e, { functiongraph: 'http://127.0.0.1:9', iam: 'https://iam.example.com', lts: 'https://lts.example.com' });
  });

  it('plain http only to this machine; TLS for everything else', () => {
    assert.throws(() => checkEndpoint('http://functiongraph.example.com', 'FGTK_FUNCTIONGRAPH_ENDPOINT'), /must use https/);
    assert.throws(() => checkEndpoint('not a url', 'X'), /is not a URL/);
    assert.throws(() => checkEndpoint('https://u:p@h.example.com', 'X'), /user name or password/);
    assert.equal(checkEndpoint('http://localhost:8080', 'X'), 'http://localhost:8080');
  });
});
