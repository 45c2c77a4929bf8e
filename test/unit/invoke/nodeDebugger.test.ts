// The Node.js shim under a debugger, driven by a real Chrome DevTools Protocol client (what js-debug
// speaks): the shim waits for the debugger before any user code loads, console.* lines reach the
// session log once (not also through the inspector, where js-debug would echo them), and
// stopOnEntry pauses on the first line of the user's handler, once.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { Invoker, type InvocationResult } from '../../../src/core/invoke';
import { eventually, liveGroupMembers, tempFunction } from './helpers';

const TEMPLATE = 'HcCrmTemplateVersion: v2\nResources:\n  d:\n    Type: HC::Serverless::Function\n    Properties:\n      Name: d\n      Handler: index.handler\n      Runtime: Node.js20.15\n      Timeout: 3\n';
const HANDLER = [
  "require('fs').writeFileSync(require('path').join(__dirname, 'loaded'), 'yes');",
  'exports.handler = async (event) => {',
  "  console.log('from the handler', { n: 1 });",
  '  return { echoed: event.name };',
  '};',
  '',
].join('\n');

/** The value once `get` has one, or undefined after `ms`. */
async function until<T>(get: () => T | undefined, ms: number): Promise<T | undefined> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  return get();
}

interface Paused { callFrames: { location: { scriptId: string; lineNumber: number } }[] }

/** A minimal CDP client: numbered commands, and every event kept by method name. */
class Cdp {
  private nextId = 1;
  private readonly replies = new Map<number, (r: { error?: { message: string } }) => void>();
  readonly events: { method: string; params: unknown }[] = [];
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as { id?: number; method?: string; params?: unknown; error?: { message: string } };
      if (msg.id !== undefined) this.replies.get(msg.id)?.(msg);
      else if (msg.method) this.events.push({ method: msg.method, params: msg.params });
    });
  }

  static async connect(host: string, port: number): Promise<Cdp> {
    const list = await new Promise<string>((resolve, reject) => {
      http.get({ host, port, path: '/json/list' }, (res) => {
        let body = '';
        res.on('data', (c) => { body += c; });
        res.on('end', () => resolve(body));
      }).on('error', reject);
    });
    const url = (JSON.parse(list) as { webSocketDebuggerUrl: string }[])[0].webSocketDebuggerUrl;
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    return new Cdp(ws);
  }

  send(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.replies.set(id, (r) => (r.error ? reject(new Error(`${method}: ${r.error.message}`)) : resolve(r)));
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  of<T>(method: string): T[] {
    return this.events.filter((e) => e.method === method).map((e) => e.params as T);
  }

  /** The URL of the script a paused frame is in (CallFrame.url is empty in Node 20's V8). */
  urlOf(frame: Paused['callFrames'][number]): string {
    return this.of<{ scriptId: string; url: string }>('Debugger.scriptParsed').find((p) => p.scriptId === frame.location.scriptId)?.url ?? '';
  }

  close(): void {
    this.ws.close();
  }
}

async function debugSession(stopOnEntry: boolean, files: Record<string, string> = { 'index.js': HANDLER, 'template.yml': TEMPLATE }) {
  const fn = await tempFunction(files);
  const inv = new Invoker(await fn.spec(), { debug: { kind: 'node', stopOnEntry } });
  let pid = 0;
  inv.on('instance-start', (i) => { pid = i.pid; });
  const listening = new Promise<{ host: string; port: number }>((resolve) => inv.on('debug-listening', resolve));
  const result: Promise<InvocationResult> = inv.invoke('{"name":"dap"}');
  const { host, port } = await listening;
  return {
    fn, inv, result, host, port,
    cleanup: async (cdp?: Cdp) => {
      cdp?.close();
      await inv.dispose();
      await eventually(() => pid === 0 || liveGroupMembers(pid).length === 0);
      await fn.cleanup();
    },
  };
}

/** Attaches as js-debug does (breakpoints first, then run) and waits for the stopOnEntry pause. */
async function attachUntilPaused(s: { host: string; port: number }): Promise<{ cdp: Cdp; paused: Paused }> {
  const cdp = await Cdp.connect(s.host, s.port);
  await cdp.send('Debugger.enable');
  await cdp.send('Runtime.runIfWaitingForDebugger');
  const paused = await until(() => cdp.of<Paused>('Debugger.paused')[0], 10_000);
  if (!paused) {
    cdp.close();
    throw new Error('stopOnEntry: no pause within 10 s');
  }
  return { cdp, paused };
}

void describe('the Node.js shim under a CDP debugger', () => {
  void it('waits for the debugger before loading user code; once attached, the handler runs and its console lines show once, in the log', async () => {
    const s = await debugSession(false);
    let cdp: Cdp | undefined;
    try {
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(existsSync(path.join(s.fn.dir, 'loaded')), false, 'no user code ran before a debugger attached');
      cdp = await Cdp.connect(s.host, s.port);
      await cdp.send('Runtime.enable');
      await cdp.send('Debugger.enable');
      await cdp.send('Runtime.runIfWaitingForDebugger');
      const result = await s.result;
      assert.equal(result.status, 'ok', result.outputText);
      assert.deepEqual(JSON.parse(result.outputText), { echoed: 'dap' });
      const lines = result.logs.filter((l) => l.text.includes('from the handler'));
      assert.equal(lines.length, 1, `one log line: ${JSON.stringify(result.logs.map((l) => l.text))}`);
      assert.match(lines[0].text, /from the handler \{ n: 1 \}/);
      const echoed = cdp.of<{ args: { value?: unknown }[] }>('Runtime.consoleAPICalled').filter((e) => e.args.some((a) => a.value === 'from the handler'));
      assert.deepEqual(echoed, [], 'the inspector saw no console call (js-debug would show it a second time)');
      assert.equal(cdp.of('Debugger.paused').length, 0, 'no pause without stopOnEntry');
    } finally {
      await s.cleanup(cdp);
    }
  });

  void it('stopOnEntry: pauses on the first line of the handler when it is first called; resume gives the result, and the next invocation does not pause', async () => {
    const s = await debugSession(true);
    let cdp: Cdp | undefined;
    try {
      let first: Paused;
      ({ cdp, paused: first } = await attachUntilPaused(s));
      assert.equal(cdp.urlOf(first.callFrames[0]), `file://${path.join(s.fn.dir, 'index.js')}`, 'paused in the handler\'s file');
      assert.equal(first.callFrames[0].location.lineNumber, 2, 'on the handler body\'s first line');
      await cdp.send('Debugger.resume');
      const result = await s.result;
      assert.equal(result.status, 'ok', result.outputText);
      assert.deepEqual(JSON.parse(result.outputText), { echoed: 'dap' });
      const again = await s.inv.invoke('{"name":"again"}');
      assert.equal(again.status, 'ok', 'the next invocation runs without a pause: the entry stop is one-shot');
      assert.equal(cdp.of('Debugger.paused').length, 1, 'one pause in all');
    } finally {
      await s.cleanup(cdp);
    }
  });

  void it('INV-7 under a debugger: paused in the initializer longer than InitializerTimeout, the initializer still succeeds', async () => {
    const s = await debugSession(true, {
      'index.js': 'let ready = false;\nexports.init = async () => {\n  await new Promise((r) => setTimeout(r, 50)); // an init timer of the shim would expire first\n  ready = true;\n};\nexports.handler = async () => ({ ready });\n',
      'template.yml': TEMPLATE.replace('      Timeout: 3\n', '      Timeout: 3\n      InitializerHandler: index.init\n      InitializerTimeout: 1\n'),
    });
    let cdp: Cdp | undefined;
    try {
      let paused: Paused;
      ({ cdp, paused } = await attachUntilPaused(s));
      assert.equal(paused.callFrames[0].location.lineNumber, 2, 'on the initializer body\'s first line');
      // What the debug adapter does while the user's code is stopped: the emulator's clock stops too.
      s.inv.pauseTimeout();
      await new Promise((r) => setTimeout(r, 1_500));
      s.inv.resumeTimeout();
      await cdp.send('Debugger.resume');
      const result = await s.result;
      assert.equal(result.status, 'ok', result.outputText);
      assert.deepEqual(JSON.parse(result.outputText), { ready: true });
    } finally {
      await s.cleanup(cdp);
    }
  });
});
