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
import { LintCommands, lintLogLine, LintPathRequest, type LintPathDiagnostic } from '../../src/shared/lspProtocol';
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

  void it('a function folder copied in (one Created event for the folder, none for its files) is linted', async () => {
    const dir = path.join(ws, 'copied-in');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'bootstrap'), '#!/bin/sh\n', { mode: 0o644 });
    await changed([dir], 1);
    await waitFor('copied-in folder linted', () => codes(path.join(dir, 'bootstrap')).includes('bootstrap-not-executable'));
    rmSync(dir, { recursive: true });
    await changed([dir], 3);
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
