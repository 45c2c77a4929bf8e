// fgtk package leaves out secrets and deployment leftovers (naming them), honours package.json
// `files` and `.npmignore` for Node.js functions; the linter warns on the same files inside a ZIP.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintFunction } from '../../../src/core/lint/index';
import { packageFunction } from '../../../src/core/package/index';
import { buildZip, config, tempDir, writeFolder } from '../lint/helpers';

const NODE = config({ Handler: 'index.handler', Runtime: 'Node.js20.15' });
const HANDLER = 'exports.handler = async () => 1;\n';

void describe('package secrets and leftovers', () => {
  void it('(ours) a sample after terraform apply: .env, tfstate, .terraform/, tfvars and a stale ZIP stay out, each named', async (t) => {
    const root = tempDir(t);
    const dir = writeFolder(path.join(root, 'fn'), {
      'template.yml': NODE,
      'index.js': HANDLER,
      '.env': 'AK=secret',
      '.env.local': 'SK=secret',
      'terraform/main.tf': 'resource "x" "y" {}',
      'terraform/terraform.tfstate': '{"secret":1}',
      'terraform/terraform.tfstate.backup': '{"secret":1}',
      'terraform/.terraform/providers/p/bin': 'x',
      'terraform/prod.tfvars': 'password = "x"',
      'old.zip': 'PK',
    });
    const result = await packageFunction(dir, path.join(root, 'out.zip'));
    assert.deepEqual(result.entries.map((e) => e.name), ['index.js', 'template.yml', 'terraform/main.tf']);
    assert.deepEqual(result.leftOutSecrets, ['.env', '.env.local', 'old.zip', 'terraform/.terraform/', 'terraform/prod.tfvars', 'terraform/terraform.tfstate', 'terraform/terraform.tfstate.backup']);
    assert.deepEqual(result.diagnostics.filter((d) => d.rule === 'package-secret'), []);
  });

  void it('(ours) a .fgtkignore line !NAME brings one back (and the built ZIP is then warned about)', async (t) => {
    const root = tempDir(t);
    const dir = writeFolder(path.join(root, 'fn'), { 'template.yml': NODE, 'index.js': HANDLER, '.env.example': 'AK=', '.fgtkignore': '!.env.example\n' });
    const result = await packageFunction(dir, path.join(root, 'out.zip'));
    assert.ok(result.entries.some((e) => e.name === '.env.example'));
    assert.deepEqual(result.diagnostics.filter((d) => d.rule === 'package-secret').map((d) => d.entry), ['.env.example']);
  });

  void it('(ours) package.json files and .npmignore decide what a Node.js function ships; package.json and node_modules always go', async (t) => {
    const root = tempDir(t);
    const dir = writeFolder(path.join(root, 'fn'), {
      'template.yml': NODE,
      'package.json': JSON.stringify({ name: 'fn', files: ['index.js', 'lib/', 'dist/main.js'] }),
      '.npmignore': '*.test.js\n',
      'index.js': HANDLER,
      'lib/util.js': '',
      'lib/util.test.js': '',
      'dist/main.js': '',
      'dist/main.js.map': '',
      'src/index.ts': '',
      'README.md': '',
      'node_modules/left-pad/package.json': '{}',
    });
    const result = await packageFunction(dir, path.join(root, 'out.zip'));
    assert.deepEqual(result.entries.map((e) => e.name), ['dist/main.js', 'index.js', 'lib/util.js', 'node_modules/left-pad/package.json', 'package.json']);
  });

  void it('(ours) package-secret: lint warns on each secret inside a ZIP by name, a leftover folder once', async (t) => {
    const root = tempDir(t);
    const zip = buildZip(path.join(root, 'fn.zip'), {
      'index.js': HANDLER,
      '.env': 'AK=x',
      'terraform/terraform.tfstate': '{}',
      'terraform/.terraform/a': 'x',
      'terraform/.terraform/b': 'x',
      'terraform/x.tfvars': 'x',
      'build.zip': 'PK',
    });
    const ds = await lintFunction(zip, {}, { spec: { dir: zip, name: 'fn', runtime: 'Node.js20.15', runtimeName: 'Node.js20.15', family: 'nodejs', runtimeVersion: '20.15', handler: 'index.handler', memoryMB: 128, timeoutS: 3, version: 'latest', packageName: 'default', env: {}, positions: {}, problems: [] } });
    const secrets = ds.filter((d) => d.rule === 'package-secret');
    assert.deepEqual(secrets.map((d) => d.entry).sort(), ['.env', 'build.zip', 'terraform/.terraform/', 'terraform/terraform.tfstate', 'terraform/x.tfvars']);
    assert.ok(secrets.every((d) => d.severity === 'warning' && /Build the ZIP with fgtk package/.test(d.message)));
  });
});
