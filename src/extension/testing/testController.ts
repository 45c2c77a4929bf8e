// Test events as tests in VS Code's Test Explorer (Testing API): an item per function and per test
// event, kept in step with the files through the function index; Run and Debug profiles. Run uses
// the core's runFunctionTests (the engine of `fgtk test`); Debug starts our debug session with the
// same events and matches the results it reports. This module only translates to the Testing API.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventName, expectationFileFor, listEvents, type FunctionSpec } from '../../core/config';
import { ExpectationError, loadExpectation, matchExpectation, runFunctionTests } from '../../core/testing';
import { RESULT_EVENT, type ResultEventBody } from '../../shared/dapProtocol';
import type { Config } from '../config';
import { DEBUG_TYPE } from '../debugAdapters';
import { functionKey, type FunctionIndex } from '../functionIndex';
import { trustProblem } from '../trust';

/** The last result seen for an event file (a test run, a debug session): what "Save Result as Expected" writes. */
export interface LastResult { status: ResultEventBody['status']; outputText: string }

/** What a run reported to VS Code for one test, for tests and other extensions (`functiongraph.testing.lastRun`). */
export interface ReportedOutcome { id: string; label: string; state: 'passed' | 'failed' | 'errored' | 'skipped'; message?: string; expected?: string; actual?: string }

interface Group { spec: FunctionSpec; events: vscode.TestItem[] }

export class FunctionTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('functiongraph', vscode.l10n.t('FunctionGraph'));
  /** Event file → its last result. */
  readonly lastResults = new Map<string, LastResult>();
  /** The last result of each of our debug sessions, with its event file. */
  readonly lastSessionResult = new Map<string, ResultEventBody>();
  lastRun: ReportedOutcome[] = [];
  private readonly specs = new Map<string, FunctionSpec>();
  private resolved = false;
  private readonly disposables: vscode.Disposable[] = [this.controller];

  constructor(private readonly index: FunctionIndex, private readonly config: Config, private readonly log: vscode.LogOutputChannel) {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.sync();
    };
    this.controller.refreshHandler = async () => {
      await this.index.refresh();
      await this.sync();
    };
    this.controller.createRunProfile(vscode.l10n.t('Run'), vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token, false), true);
    this.controller.createRunProfile(vscode.l10n.t('Debug'), vscode.TestRunProfileKind.Debug, (request, token) => this.run(request, token, true), true);
    this.disposables.push(
      // Functions and their events (and expectations) come and go: the items follow. The index scans
      // when something first needs it (the tree, CodeLens, F5, the Test Explorer), so this stays lazy.
      this.index.onDidChange(() => void this.sync().catch((err: Error) => this.log.error(`Updating tests failed: ${err.message}`))),
      vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
        if (e.session.type !== DEBUG_TYPE || e.event !== RESULT_EVENT) return;
        const body = e.body as ResultEventBody;
        if (!body.eventFile) return;
        this.lastResults.set(body.eventFile, { status: body.status, outputText: body.output });
        this.lastSessionResult.set(e.session.id, body);
      }),
      vscode.debug.onDidTerminateDebugSession((s) => this.lastSessionResult.delete(s.id)),
    );
  }

  /** Makes the items match the workspace: a function item per function, an event item per test event. */
  async sync(): Promise<void> {
    this.resolved = true;
    const all = await this.index.all();
    const items: vscode.TestItem[] = [];
    this.specs.clear();
    for (const spec of all) {
      const id = `${functionKey(spec)}#${spec.name}`;
      this.specs.set(id, spec);
      const fn = this.controller.items.get(id) ?? this.controller.createTestItem(id, spec.name, vscode.Uri.file(spec.configFile ?? spec.dir));
      fn.description = spec.runtime;
      const children: vscode.TestItem[] = [];
      for (const file of await listEvents(spec)) {
        const ev = fn.children.get(file) ?? this.controller.createTestItem(file, eventName(file), vscode.Uri.file(file));
        ev.range = new vscode.Range(0, 0, 0, 0); // a run button in the event file's gutter
        ev.description = existsSync(expectationFileFor(file)) ? vscode.l10n.t('expected result') : undefined;
        children.push(ev);
      }
      fn.children.replace(children);
      items.push(fn);
    }
    this.controller.items.replace(items);
  }

  /** The items as plain data (`functiongraph.testing.items`), for tests and other extensions. */
  async describeItems(): Promise<{ id: string; label: string; description?: string; children: { id: string; label: string; description?: string }[] }[]> {
    if (!this.resolved) await this.sync();
    const out: { id: string; label: string; description?: string; children: { id: string; label: string; description?: string }[] }[] = [];
    this.controller.items.forEach((fn) => {
      const children: { id: string; label: string; description?: string }[] = [];
      fn.children.forEach((ev) => children.push({ id: ev.id, label: ev.label, description: ev.description }));
      out.push({ id: fn.id, label: fn.label, description: fn.description, children });
    });
    return out;
  }

  /** The function an event file belongs to. */
  async specForEvent(file: string): Promise<FunctionSpec | undefined> {
    if (!this.resolved) await this.sync();
    for (const [id, spec] of this.specs) if (this.controller.items.get(id)?.children.get(file)) return spec;
    return undefined;
  }

  /** The function of a function or event item. */
  specOf(item: vscode.TestItem): FunctionSpec | undefined {
    return this.specs.get(item.parent?.id ?? item.id);
  }

  private groups(request: vscode.TestRunRequest): Group[] {
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const groups = new Map<string, Group>();
    const add = (fn: vscode.TestItem, ev: vscode.TestItem) => {
      const spec = this.specs.get(fn.id);
      if (!spec || excluded.has(ev.id) || excluded.has(fn.id)) return;
      const g = groups.get(fn.id) ?? { spec, events: [] };
      if (!g.events.includes(ev)) g.events.push(ev);
      groups.set(fn.id, g);
    };
    const roots: vscode.TestItem[] = [];
    this.controller.items.forEach((i) => roots.push(i));
    for (const item of request.include ?? roots) {
      if (item.parent) add(item.parent, item);
      else item.children.forEach((ev) => add(item, ev));
    }
    return [...groups.values()];
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken, debug: boolean): Promise<void> {
    if (!this.resolved) await this.sync();
    const run = this.controller.createTestRun(request);
    this.lastRun = [];
    const groups = this.groups(request);
    for (const g of groups) for (const ev of g.events) run.enqueued(ev);
    const untrusted = trustProblem();
    try {
      for (const g of groups) {
        if (untrusted || token.isCancellationRequested) {
          for (const ev of g.events) this.report(run, ev, untrusted ? { state: 'errored', message: untrusted } : { state: 'skipped' });
          continue;
        }
        if (debug) await this.debugGroup(g, run, token);
        else await this.runGroup(g, run, token);
      }
    } finally {
      run.end();
    }
  }

  private async runGroup(g: Group, run: vscode.TestRun, token: vscode.CancellationToken): Promise<void> {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    const byFile = new Map(g.events.map((ev) => [ev.uri!.fsPath, ev]));
    try {
      const report = await runFunctionTests(g.spec, {
        events: [...byFile.keys()],
        signal: abort.signal,
        invoker: { interpreters: this.config.interpreters, enforceMemory: this.config.enforceMemory },
        onCaseStart: (file) => { const ev = byFile.get(file); if (ev) run.started(ev); },
        onCase: (c) => {
          const ev = byFile.get(c.eventFile);
          if (!ev) return;
          if (c.logs) run.appendOutput(c.logs.replace(/\r?\n/g, '\r\n') + '\r\n', undefined, ev);
          if (c.result) this.lastResults.set(c.eventFile, { status: c.result.status, outputText: c.result.outputText });
          this.report(run, ev, c.outcome === 'passed' ? { state: 'passed', durationMs: c.durationMs }
            : c.outcome === 'skipped' ? { state: 'skipped' }
              : { state: c.outcome, message: c.message, expected: c.expected, actual: c.actual, durationMs: c.durationMs });
        },
      });
      if (report.setupError) for (const ev of g.events) this.report(run, ev, { state: 'errored', message: report.setupError });
    } finally {
      cancel.dispose();
    }
  }

  /** Debug: our debug session sends the events (breakpoints hit in the handler); its results are matched here. */
  private async debugGroup(g: Group, run: vscode.TestRun, token: vscode.CancellationToken): Promise<void> {
    const marker = `${Date.now()}-${Math.random()}`;
    const byFile = new Map(g.events.map((ev) => [ev.uri!.fsPath, ev]));
    const pending = new Set(byFile.keys());
    const ours = (s: vscode.DebugSession) => (s.configuration as { __fgtkTestRun?: string }).__fgtkTestRun === marker;
    let session: vscode.DebugSession | undefined;
    const ended = new Promise<void>((resolve) => {
      const subs = [
        vscode.debug.onDidStartDebugSession((s) => { if (ours(s)) session = s; }),
        vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
          if (!ours(e.session) || e.event !== RESULT_EVENT) return;
          const body = e.body as ResultEventBody;
          const ev = body.eventFile ? byFile.get(body.eventFile) : undefined;
          if (!ev || !pending.delete(body.eventFile!)) return;
          void this.judge(run, ev, body);
        }),
        vscode.debug.onDidTerminateDebugSession((s) => {
          if (!ours(s)) return;
          for (const d of subs) d.dispose();
          resolve();
        }),
        token.onCancellationRequested(() => { if (session) void vscode.debug.stopDebugging(session); }),
      ];
    });
    for (const ev of g.events) run.started(ev);
    const dir = g.spec.configFile ? path.dirname(g.spec.configFile) : g.spec.dir;
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir));
    const started = await vscode.debug.startDebugging(folder, {
      type: DEBUG_TYPE, request: 'launch', name: vscode.l10n.t('Debug tests of {0}', g.spec.name),
      function: dir, events: [...byFile.keys()], keepAlive: false, __fgtkTestRun: marker,
    }, { testRun: run });
    if (!started) {
      for (const ev of g.events) this.report(run, ev, { state: 'errored', message: vscode.l10n.t('The debug session did not start; see the Debug Console and the "FunctionGraph" output.') });
      return;
    }
    await ended;
    for (const file of pending) this.report(run, byFile.get(file)!, token.isCancellationRequested ? { state: 'skipped' } : { state: 'errored', message: vscode.l10n.t('The debug session ended before this event ran.') });
  }

  private async judge(run: vscode.TestRun, ev: vscode.TestItem, body: ResultEventBody): Promise<void> {
    try {
      const verdict = matchExpectation(await loadExpectation(ev.uri!.fsPath), { status: body.status, outputText: body.output });
      this.report(run, ev, verdict.passed ? { state: 'passed', durationMs: body.durationMs } : { state: 'failed', message: verdict.message, expected: verdict.expected, actual: verdict.actual, durationMs: body.durationMs });
    } catch (err) {
      this.report(run, ev, { state: 'errored', message: err instanceof ExpectationError ? err.message : String(err) });
    }
  }

  /** One place that tells VS Code (and records what it told, for `functiongraph.testing.lastRun`). */
  private report(run: vscode.TestRun, item: vscode.TestItem, o: Omit<ReportedOutcome, 'id' | 'label'> & { durationMs?: number }): void {
    this.lastRun.push({ id: item.id, label: item.label, state: o.state, message: o.message, expected: o.expected, actual: o.actual });
    if (o.state === 'passed') return run.passed(item, o.durationMs);
    if (o.state === 'skipped') return run.skipped(item);
    const message = o.state === 'failed' && o.expected !== undefined
      ? vscode.TestMessage.diff(o.message ?? '', o.expected, o.actual ?? '')
      : new vscode.TestMessage(o.message ?? '');
    const expectation = expectationFileFor(item.uri!.fsPath);
    message.location = new vscode.Location(vscode.Uri.file(existsSync(expectation) ? expectation : item.uri!.fsPath), new vscode.Position(0, 0));
    if (o.state === 'failed') run.failed(item, message, o.durationMs);
    else run.errored(item, message, o.durationMs);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
