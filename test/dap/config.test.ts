// F5 over real DAP for the functions issue 10.1 and 16 are about: a template with several
// functions ("function": "<folder>#<name>"), CodeUri ./src (either folder names it), CodeUri
// code.zip (run from an unpacked copy), and a broken template.yml refused before anything starts.
import assert from 'node:assert/strict';
import AdmZip from 'adm-zip';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { launch, startAdapter, waitUntil } from './helpers';

const REPORT = /^REPORT RequestId: /;
const roots: string[] = [];
after(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }); });

function folder(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'fgtk-dap-config-'));
  roots.push(root);
  const dir = path.join(root, 'api');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const fn = (id: string, props: string) => `  ${id}:
    Type: HC::Serverless::Function
    Properties:
${props.split('\n').map((l) => `      ${l}`).join('\n')}
`;
const template = (...resources: string[]) => `HcCrmTemplateVersion: v2\nResources:\n${resources.join('')}`;

void describe('debug adapter: which function, and its config', () => {
  void test('a template with two functions: "function": "<folder>#<name>" runs that one; the bare folder is refused with the names', async () => {
    const dir = folder({
      'template.yml': template(
        fn('orders', 'Handler: index.orders\nRuntime: Node.js20.15\nCodeUri: ./src'),
        fn('billing', 'Name: billing-fn\nHandler: index.billing\nRuntime: Node.js20.15\nCodeUri: ./src'),
      ),
      'src/index.js': 'exports.orders = async (e) => "orders " + e.n;\nexports.billing = async (e) => "billing " + e.n;\n',
      'events/one.json': '{"n":1}',
    });
    const h = await startAdapter();
    try {
      await launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: `${dir}#billing`, keepAlive: false });
      await h.waitForOutput(/^billing 1$/m);
      await h.waitForOutput(REPORT);
      assert.doesNotMatch(h.text(), /orders 1/);
    } finally {
      await h.close();
    }
    const bare = await startAdapter();
    try {
      await assert.rejects(launch(bare, { type: 'functiongraph', request: 'launch', name: 't', function: dir }),
        /template\.yml declares 2 functions: orders, billing \(billing-fn\)\. Choose one in launch\.json: "function": ".*api#NAME"\./);
    } finally {
      await bare.close();
    }
  });

  void test('CodeUri: ./src — F5 given the code folder (what "Debug" on a handler passed) runs it, with the events beside template.yml', async () => {
    const dir = folder({
      'template.yml': template(fn('hello', 'Handler: index.handler\nRuntime: Node.js20.15\nCodeUri: ./src')),
      'src/index.js': 'exports.handler = async (e) => "from src " + e.who;\n',
      'events/a.json': '{"who":"config folder"}',
    });
    for (const given of [dir, path.join(dir, 'src')]) {
      const h = await startAdapter();
      try {
        await launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: given, keepAlive: false });
        await h.waitForOutput(/^from src config folder$/m);
        await h.waitForOutput(REPORT);
      } finally {
        await h.close();
      }
    }
  });

  void test('CodeUri: code.zip — F5 runs the ZIP unpacked into a private folder, removed when the session ends', async () => {
    const zip = new AdmZip();
    zip.addFile('index.js', Buffer.from('exports.handler = async () => process.env.RUNTIME_CODE_ROOT;\n'));
    const dir = folder({ 'template.yml': template(fn('hello', 'Handler: index.handler\nRuntime: Node.js20.15\nCodeUri: code.zip')), 'code.zip': zip.toBuffer() });
    const h = await startAdapter();
    let unpacked = '';
    try {
      await launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: dir, keepAlive: false });
      unpacked = (await h.waitForOutput(/fgtk-pkg-/)).output.trim();
      await h.waitForOutput(REPORT);
      assert.doesNotMatch(h.text(), /ENOTDIR/);
    } finally {
      await h.close();
    }
    assert.ok(await waitUntil(() => !existsSync(unpacked), 5000), `${unpacked} was removed`);
  });

  void test('a broken template.yml is refused before anything starts: the file, the line and config-invalid', async () => {
    const dir = folder({
      'template.yml': template(fn('hello', 'Handler: index.handler\nRuntime: Node.js20.15\nTimeout: 100000')),
      'index.js': 'require("fs").writeFileSync(__dirname + "/ran", "1"); exports.handler = async () => 1;\n',
    });
    const h = await startAdapter();
    try {
      await assert.rejects(launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: dir }),
        /template\.yml:8:16: error: Timeout 100000 is out of range: use 3 to 900 seconds\. \[config-invalid\]/);
    } finally {
      await h.close();
    }
    assert.equal(existsSync(path.join(dir, 'ran')), false);
  });
});
