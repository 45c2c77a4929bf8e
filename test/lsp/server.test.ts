// The language server over a real stdio LSP connection: a child process speaking JSON-RPC, driven
// by vscode-languageserver-protocol's client side, on a workspace of function folders and a ZIP.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';
import { findFunctions } from '../../src/core/config';
import { FunctionsChangedNotification, LintCommands, lintLogLine, LintPathRequest, type LintPathDiagnostic } from '../../src/shared/lspProtocol';
import { buildZip, config, writeFolder } from '../unit/lint/helpers';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';

const ROOT = path.resolve(__dirname, '../..');
const uri = (file: string) => pathToFileURL(file).href;

let server: ChildProcess;
let conn: ProtocolConnection;
let ws: string;
const diagnostics = new Map<string, Diagnostic[]>();
let lintSettings: Record<string, unknown> = {};

async function waitFor<T>(what: string, fn: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}; diagnostics: ${JSON.stringify([...diagnostics].map(([u, d]) => [u, d.map((x) => x.code)]))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const codes = (file: string) => (diagnostics.get(uri(file)) ?? []).map((d) => String(d.code)).sort();
const changed = (files: string[], type = 2) => conn.sendNotification('workspace/didChangeWatchedFiles', { changes: files.map((f) => ({ uri: uri(f), type })) });
/**
 * What the extension's function index sends (the one owner, issue 10.7): the functions it found,
 * with the same core findFunctions and keys. `only` lists a subset, as an index that has not seen the rest.
 */
async function pushFunctions(changed?: string[], only?: (key: string) => boolean): Promise<void> {
  const found = (await findFunctions(ws)).filter((s) => !only || only(s.key));
  await conn.sendNotification(FunctionsChangedNotification.method, { functions: found.map((s) => ({ key: s.key, configDir: s.configDir })), changed });
}

void describe('language server over stdio', () => {
  before(async () => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'fgtk-lsp-'));
    writeFolder(path.join(ws, 'custom'), {
      'template.yml': config({ Handler: 'bootstrap', Runtime: 'Custom' }),
      bootstrap: { content: '#!/bin/sh\r\necho hi\r\n', mode: 0o644 },
    });
    writeFolder(path.join(ws, 'node'), {
      'template.yml': config({ Handler: 'index.handler', Runtime: 'Node.js18.15' }),
      'index.js': 'exports.main = async () => 1;\n',
    });
    buildZip(path.join(ws, 'dist', 'upload.zip'), { bootstrap: { content: '#!/bin/sh\n', windows: true } });

    server = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts'), '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    conn = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => diagnostics.set(p.uri, p.diagnostics));
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => lintSettings));
    conn.onRequest('client/registerCapability', () => null);
    conn.onNotification('window/logMessage', (m: { message: string }) => process.stderr.write(`[server] ${m.message}\n`));
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri(ws),
      workspaceFolders: [{ uri: uri(ws), name: 'ws' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { resourceOperations: ['rename'] } } },
    });
    await conn.sendNotification('initialized', {});
    await pushFunctions();
  });

  after(async () => {
    try {
      await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await conn.sendNotification('exit');
    } catch {
      // already gone
    }
    conn.dispose();
    server.kill();
    rmSync(ws, { recursive: true, force: true });
  });

  void it('lints every function folder and .zip in the workspace without any open document', async () => {
    await waitFor('bootstrap diagnostics', () => codes(path.join(ws, 'custom/bootstrap')).length === 2);
    assert.deepEqual(codes(path.join(ws, 'custom/bootstrap')), ['bootstrap-crlf', 'bootstrap-not-executable']);
    await waitFor('handler diagnostic', () => codes(path.join(ws, 'node/template.yml')).includes('handler-not-found'));
    const [handler] = diagnostics.get(uri(path.join(ws, 'node/template.yml')))!;
    assert.equal(handler.range.start.line, 5, 'PKG-4: on the Handler line');
    await waitFor('zip diagnostics', () => codes(path.join(ws, 'dist/upload.zip')).includes('bootstrap-not-executable'));
  });

  void it('PKG-2/PKG-3: quick fixes make bootstrap executable and convert CRLF, then the diagnostics clear', async () => {
    const file = path.join(ws, 'custom/bootstrap');
    const actions = await conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(file) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: diagnostics.get(uri(file)) },
    }) as CodeAction[];
    const commands = actions.map((a) => a.command?.command).sort();
    assert.deepEqual(commands, [LintCommands.convertToLf, LintCommands.makeExecutable]);
    for (const a of actions) await conn.sendRequest('workspace/executeCommand', { command: a.command!.command, arguments: a.command!.arguments });
    assert.ok(statSync(file).mode & 0o100);
    assert.equal(readFileSync(file, 'utf8'), '#!/bin/sh\necho hi\n');
    await waitFor('bootstrap clean', () => codes(file).length === 0);
  });

  void it('PKG-4: the handler quick fix is a text edit on the Handler value; saving it re-lints', async () => {
    const cfg = path.join(ws, 'node/template.yml');
    const actions = await conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(cfg) }, range: diagnostics.get(uri(cfg))![0].range, context: { diagnostics: diagnostics.get(uri(cfg)) },
    }) as CodeAction[];
    const edit = actions[0].edit!.changes![uri(cfg)][0] as TextEdit;
    assert.equal(edit.newText, 'index.main');
    const lines = readFileSync(cfg, 'utf8').split('\n');
    const l = edit.range.start.line;
    lines[l] = lines[l].slice(0, edit.range.start.character) + edit.newText + lines[l].slice(edit.range.end.character);
    writeFileSync(cfg, lines.join('\n'));
    await changed([cfg]);
    await waitFor('config clean', () => codes(cfg).length === 0);
  });

  void it('re-lints incrementally when a file changes on disk, and follows unsaved document text', async () => {
    const index = path.join(ws, 'node/index.js');
    writeFileSync(index, "const leftPad = require('left-pad');\nexports.main = async () => 1;\n");
    await changed([index]);
    await waitFor('dependency-missing', () => codes(index).includes('dependency-missing'));
    writeFileSync(index, 'exports.main = async () => 1;\n');
    await changed([index]);
    await waitFor('index clean', () => codes(index).length === 0);

    const cfg = path.join(ws, 'node/template.yml');
    const text = readFileSync(cfg, 'utf8');
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(cfg), languageId: 'yaml', version: 1, text } });
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(cfg), version: 2 }, contentChanges: [{ text: text.replace('Runtime: Node.js18.15', 'Runtime: Node.js18.15\n      Timeout: 1000') }] });
    await waitFor('config-invalid from unsaved text', () => codes(cfg).includes('config-invalid'));
    await conn.sendNotification('textDocument/didClose', { textDocument: { uri: uri(cfg) } });
  });

  void it('settings are pulled per resource and re-applied on change', async () => {
    const zip = path.join(ws, 'dist/upload.zip');
    lintSettings = { rules: { 'bootstrap-not-executable': 'off' } };
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await waitFor('rule off', () => codes(zip).length === 0);
    lintSettings = {};
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await waitFor('rule back', () => codes(zip).includes('bootstrap-not-executable'));
  });

  void it('a function folder copied in (one Created event for the folder, none for its files) is linted once the index lists it', async () => {
    const dir = path.join(ws, 'copied-in');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'bootstrap'), '#!/bin/sh\n', { mode: 0o644 });
    await changed([dir], 1);
    await pushFunctions([dir]);
    await waitFor('copied-in folder linted', () => codes(path.join(dir, 'bootstrap')).includes('bootstrap-not-executable'));
    rmSync(dir, { recursive: true });
    await changed([dir], 3);
    await pushFunctions();
    await waitFor('copied-in diagnostics gone', () => codes(path.join(dir, 'bootstrap')).length === 0);
  });

  void it('the server lints exactly the functions the client\'s index lists: it finds none itself', async () => {
    const dir = path.join(ws, 'unlisted');
    writeFolder(dir, { 'template.yml': config({ Handler: 'index.handler', Runtime: 'Node.js18.15' }) });
    await changed([path.join(dir, 'template.yml')], 1);
    await pushFunctions(undefined, (key) => key !== dir);
    // Well past the server's debounce: the function it was not told about is not linted.
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(codes(path.join(dir, 'template.yml')), [], 'not listed, not linted');
    await pushFunctions([dir]);
    await waitFor('listed function linted', () => codes(path.join(dir, 'template.yml')).includes('handler-not-found'));
    rmSync(dir, { recursive: true });
    await changed([dir], 3);
    await pushFunctions();
    await waitFor('unlisted again: its diagnostics go', () => codes(path.join(dir, 'template.yml')).length === 0);
  });

  void it('a template with two functions is two targets: each one\'s findings on its own lines; a YAML error suppresses the follow-ons', async () => {
    const dir = path.join(ws, 'two');
    const cfg = path.join(dir, 'template.yml');
    writeFolder(dir, {
      'template.yml': [
        'HcCrmTemplateVersion: v2', 'Resources:',
        '  orders:', '    Type: HC::Serverless::Function', '    Properties:', '      Handler: index.orders', '      Runtime: Node.js18.15', '      CodeUri: ./src',
        '  billing:', '    Type: HC::Serverless::Function', '    Properties:', '      Handler: index.billing', '      Runtime: Node.js18.15', '      CodeUri: ./src', '      Timeout: 100000', '',
      ].join('\n'),
      'src/index.js': 'exports.orders = async () => 1;\n',
    });
    await pushFunctions([`${dir}#orders`, `${dir}#billing`]);
    await waitFor('both functions linted', () => codes(cfg).includes('config-invalid') && codes(cfg).includes('handler-not-found'));
    const found = diagnostics.get(uri(cfg))!.map((d) => [String(d.code), d.range.start.line]).sort();
    assert.deepEqual(found, [['config-invalid', 14], ['handler-not-found', 11]], 'billing\'s Timeout and handler, nothing on orders');
    // A syntax error: the parser's line, and no handler-not-found that only follows from it.
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('      Timeout: 100000', '       Timeout: 3'));
    await changed([cfg]);
    await pushFunctions([`${dir}#orders`, `${dir}#billing`]);
    await waitFor('only the syntax error', () => codes(cfg).length > 0 && codes(cfg).every((c) => c === 'config-invalid'));
    assert.match(diagnostics.get(uri(cfg))![0].message, /^YAML syntax error at line 14, column 16: Nested mappings are not allowed in compact mappings/);
    rmSync(dir, { recursive: true });
    await changed([dir], 3);
    await pushFunctions();
  });

  void it('functiongraph/lintPath answers 1-based lines, and the Lint log line points at the Handler line itself', async () => {
    // The "Lint" command logs lintLogLine(d); it added 1 to these lines again and pointed one line low.
    const cfg = path.join(ws, 'lint-path', 'template.yml');
    writeFolder(path.join(ws, 'lint-path'), { 'template.yml': config({ Handler: 'index.handler', Runtime: 'Node.js18.15' }) });
    const { diagnostics: found } = await conn.sendRequest(LintPathRequest.method, { path: path.dirname(cfg) }) as { diagnostics: LintPathDiagnostic[] };
    const handler = found.find((d) => d.rule === 'handler-not-found');
    assert.ok(handler, JSON.stringify(found));
    const [, lineText] = /:(\d+):\d+ /.exec(lintLogLine(handler, 'lint-path/template.yml')) ?? [];
    const handlerLine = readFileSync(cfg, 'utf8').split('\n').findIndex((l) => l.includes('Handler:')) + 1;
    assert.equal(Number(lineText), handlerLine, `the log line names line ${handlerLine}, where Handler: is`);
    rmSync(path.dirname(cfg), { recursive: true });
    await changed([path.dirname(cfg)], 3);
  });

  void it('a new .zip appears, is linted, and its diagnostics go when it is deleted', async () => {
    const zip = path.join(ws, 'late.zip');
    buildZip(zip, { 'app/bootstrap': { content: '#!/bin/sh\n', mode: 0o755 } });
    await changed([zip], 1);
    await waitFor('late zip', () => codes(zip).includes('entry-not-at-root'));
    rmSync(zip);
    await changed([zip], 3);
    await waitFor('late zip cleared', () => codes(zip).length === 0);
    chmodSync(path.join(ws, 'custom/bootstrap'), 0o755);
  });
});
