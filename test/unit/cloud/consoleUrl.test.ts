// Open in Console's addresses (src/core/cloud/consoleUrl.ts, which cites where the patterns come
// from): the region's function list, and a function's page built from its URN's region, project,
// package, name and version.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { functionConsoleUrl, functionListConsoleUrl, parseFunctionUrn } from '../../../src/core/cloud/consoleUrl';

void describe('Huawei Cloud console addresses', () => {
  it('the function list of a region', () => {
    assert.equal(functionListConsoleUrl('ap-southeast-3'), 'https://console.huaweicloud.com/functiongraph/?region=ap-southeast-3#/serverless/functionList');
  });

  it('a function\'s page: region (in the query and the path), project, package, name and version from its URN', () => {
    assert.equal(functionConsoleUrl('urn:fss:cn-east-3:0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e:function:orders:make-invoice:latest', 'cn-north-4'),
      'https://console.huaweicloud.com/functiongraph/?region=cn-east-3#/serverless/functions/detail/cn-east-3/0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e/orders/make-invoice/latest');
    assert.equal(functionConsoleUrl('urn:fss:cn-north-4:p1:function:default:fn_2:v3', 'cn-north-4'),
      'https://console.huaweicloud.com/functiongraph/?region=cn-north-4#/serverless/functions/detail/cn-north-4/p1/default/fn_2/v3');
  });

  it('a URN without a version is the latest; anything that is not a function URN opens the region\'s list', () => {
    assert.match(functionConsoleUrl('urn:fss:cn-north-4:p1:function:default:fn', 'cn-north-4'), /\/detail\/cn-north-4\/p1\/default\/fn\/latest$/);
    assert.equal(functionConsoleUrl('fn', 'la-south-2'), functionListConsoleUrl('la-south-2'));
    assert.equal(functionConsoleUrl('urn:fss:cn-north-4:p1:workflow:default:fn', 'la-south-2'), functionListConsoleUrl('la-south-2'));
  });

  it('parses the URN the API returns', () => {
    assert.deepEqual(parseFunctionUrn('urn:fss:cn-north-4:p1:function:pkg:name:latest'), { region: 'cn-north-4', projectId: 'p1', packageName: 'pkg', name: 'name', version: 'latest' });
    assert.equal(parseFunctionUrn('urn:fss:cn-north-4::function:pkg:name'), undefined);
  });
});
