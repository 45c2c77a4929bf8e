// Shared pieces of the DAP tests: the adapter served in-process on 127.0.0.1 (the same session
// class the extension runs inline), a DebugClient that records output, and function fixtures
// written into temp folders.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { serve } from '../../src/debug/main';
import type { StartChildBody } from '../../src/shared/dapProtocol';

export interface Harness {
  dc: DebugClient;
  outputs: DebugProtocol.OutputEvent['body'][];
  /** Resolves with the first output matching `test` (already seen ones count). */
  waitForOutput(test: RegExp, timeoutMs?: number): Promise<DebugProtocol.OutputEvent['body']>;
  /**
   * Resolves once the session has sent `terminated` (already sent counts). DebugClient's own
   * waitForEvent only sees events after it is called, and an adapter's last output and its
   * terminated event often arrive in one socket read, dispatched before an awaiting test resumes.
   */
  waitForTerminated(timeoutMs: number): Promise<void>;
  text(): string;
  close(): Promise<void>;
}

export async function startAdapter(): Promise<Harness> {
  const server: Server = await serve(0);
  const port = (server.address() as { port: number }).port;
  const dc = new DebugClient('node', 'unused', 'functiongraph');
  dc.defaultTimeout = 20_000;
  await dc.start(port);
  const outputs: DebugProtocol.OutputEvent['body'][] = [];
  const waiters: (() => void)[] = [];
  dc.on('output', (e: DebugProtocol.OutputEvent) => {
    outputs.push(e.body);
    for (const w of waiters.splice(0)) w();
  });
  const waitForOutput = (test: RegExp, timeoutMs = 20_000) => new Promise<DebugProtocol.OutputEvent['body']>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No output matching ${test} within ${timeoutMs} ms. Output so far:\n${outputs.map((o) => `[${o.category}] ${o.output}`).join('')}`)), timeoutMs);
    const check = () => {
      const hit = outputs.find((o) => test.test(o.output));
      if (hit) {
        clearTimeout(timer);
        resolve(hit);
      } else {
        waiters.push(check);
      }
    };
    check();
  });
  const terminated = new Promise<void>((resolve) => dc.once('terminated', () => resolve()));
  return {
    dc,
    outputs,
    waitForOutput,
    waitForTerminated: (timeoutMs) => withTimeout(terminated, timeoutMs, 'the terminated event'),
    text: () => outputs.map((o) => o.output).join(''),
    async close() {
      await dc.disconnectRequest({}).catch(() => undefined);
      await dc.stop().catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** initialize → launch → configurationDone, as VS Code does it. */
export async function launch(h: Harness, args: Record<string, unknown>): Promise<void> {
  await Promise.all([h.dc.configurationSequence(), h.dc.launch(args as DebugProtocol.LaunchRequestArguments)]);
}

export interface Fixture {
  root: string;
  dir: string;
  cleanup(): void;
}

/** A Node.js function folder: template.yml, index.js with `handlerSource`, and the given events. */
export function nodeFunction(handlerSource: string, opts: { timeoutS?: number; events?: Record<string, unknown> } = {}): Fixture {
  const root = mkdtempSync(path.join(tmpdir(), 'fgtk-dap-'));
  const dir = path.join(root, 'hello');
  mkdirSync(path.join(dir, 'events'), { recursive: true });
  writeFileSync(path.join(dir, 'template.yml'), [
    'HcCrmTemplateVersion: v2',
    'Resources:',
    '  hello:',
    '    Type: HC::Serverless::Function',
    '    Properties:',
    '      Name: hello',
    '      Handler: index.handler',
    '      Runtime: Node.js20.15',
    '      MemorySize: 256',
    `      Timeout: ${opts.timeoutS ?? 10}`,
    '',
  ].join('\n'));
  writeFileSync(path.join(dir, 'index.js'), handlerSource);
  for (const [name, body] of Object.entries(opts.events ?? { 'a-first': { name: 'first' } })) {
    writeFileSync(path.join(dir, 'events', `${name}.json`), JSON.stringify(body));
  }
  return { root, dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The local `php` (its binary) and whether it loads Xdebug. */
export function localPhp(): { php: string | undefined; hasXdebug: boolean } {
  try {
    const php = execFileSync('php', ['-r', 'echo PHP_BINARY;'], { encoding: 'utf8' });
    return { php, hasXdebug: execFileSync(php, ['-r', 'echo extension_loaded("xdebug") ? 1 : 0;'], { encoding: 'utf8' }) === '1' };
  } catch {
    return { php: undefined, hasXdebug: false };
  }
}

/** A function folder `name` (Timeout: 3): template.yml, the handler file with `handlerSource`, events/event.json with `event`. */
export function handlerFunction(fn: { name: string; runtime: string; file: string }, handlerSource: string, event: unknown): Fixture {
  const root = mkdtempSync(path.join(tmpdir(), `fgtk-dap-${fn.name}-`));
  const dir = path.join(root, fn.name);
  mkdirSync(path.join(dir, 'events'), { recursive: true });
  writeFileSync(path.join(dir, 'template.yml'), [
    'HcCrmTemplateVersion: v2', 'Resources:', `  ${fn.name}:`, '    Type: HC::Serverless::Function', '    Properties:',
    `      Name: ${fn.name}`, '      Handler: index.handler', `      Runtime: ${fn.runtime}`, '      MemorySize: 128', '      Timeout: 3', '',
  ].join('\n'));
  writeFileSync(path.join(dir, fn.file), handlerSource);
  writeFileSync(path.join(dir, 'events', 'event.json'), JSON.stringify(event));
  return { root, dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A PHP8.3 function folder `phpfn` with index.php (see handlerFunction). */
export const phpFunction = (handlerSource: string, event: unknown): Fixture =>
  handlerFunction({ name: 'phpfn', runtime: 'PHP8.3', file: 'index.php' }, handlerSource, event);

/**
 * F5 from a client that starts child sessions (VS Code): resolves once the session asks for its child,
 * with the request's body and the launch, which goes on until the client answers `childAttached`.
 */
export async function launchForChild(h: Harness, args: Record<string, unknown>): Promise<{ child: StartChildBody; launched: Promise<void> }> {
  const childEvent = h.dc.waitForEvent('functiongraph.startChild', 20_000);
  const launched = launch(h, { type: 'functiongraph', request: 'launch', name: 'child', ...args, __fgtk: { childSessions: true, ...(args.__fgtk as object | undefined) } });
  const child = (await withTimeout(childEvent, 20_000, 'the functiongraph.startChild event')).body as StartChildBody;
  return { child, launched };
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitUntil(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

/** DebugClient has no timeouts in socket mode: every wait in these tests gets one, so a hang fails with a reason. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
