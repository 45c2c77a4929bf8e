// "Save Result as Expected": the last result of a test event (from a test run or a debug session)
// becomes its `events/<name>.expected.json`. On a test item, on a test's failure message, and for
// the last result of the running debug session (VS Code offers extensions no Debug Console context
// menu, microsoft/vscode#200880, so that one is on the debug toolbar and in the Command Palette).
import * as vscode from 'vscode';
import { isTestEventFile } from '../../core/config';
import { expectationFromResult, runFunctionTests, saveExpectation } from '../../core/testing';
import type { Config } from '../config';
import { DEBUG_TYPE } from '../debugAdapters';
import type { FunctionTests } from './testController';

/** The event files an argument names: a test item (function or event), `{test}` from a message menu, a path or Uri. */
function eventFilesOf(tests: FunctionTests, args: unknown[]): string[] {
  for (const a of args) {
    const item = isTestItem(a) ? a : a && typeof a === 'object' && isTestItem((a as { test?: unknown }).test) ? (a as { test: vscode.TestItem }).test : undefined;
    if (item) {
      if (item.parent || !tests.specOf(item)) return item.uri ? [item.uri.fsPath] : [];
      const files: string[] = [];
      item.children.forEach((c) => { if (c.uri) files.push(c.uri.fsPath); });
      return files;
    }
    if (typeof a === 'string') return [a];
    if (a instanceof vscode.Uri) return [a.fsPath];
  }
  return [];
}

const isTestItem = (v: unknown): v is vscode.TestItem => Boolean(v && typeof v === 'object' && 'id' in v && 'children' in v && 'canResolveChildren' in v);

/** What the Test Explorer's menus pass: a test item, or `{test, message}` from a failure message. */
export const isTestMenuArg = (v: unknown): boolean => isTestItem(v) || Boolean(v && typeof v === 'object' && isTestItem((v as { test?: unknown }).test));

/** Saves the last result of each event as its expectation (running an event first when it has none); returns the files written. */
export async function saveResultAsExpected(tests: FunctionTests, config: Config, args: unknown[]): Promise<string[]> {
  const files = eventFilesOf(tests, args).filter(isTestEventFile);
  if (files.length === 0) throw new Error(vscode.l10n.t('Choose a test event (in the Test Explorer) to save its result as the expected one.'));
  const written: string[] = [];
  for (const file of files) {
    let last = tests.lastResults.get(file);
    if (!last) {
      // No result yet: run this event once, as the Test Explorer's Run would.
      const spec = await tests.specForEvent(file);
      if (!spec) throw new Error(vscode.l10n.t('{0} is not a test event of a FunctionGraph function.', file));
      const report = await runFunctionTests(spec, { events: [file], invoker: { interpreters: config.interpreters, enforceMemory: config.enforceMemory } });
      if (report.setupError) throw new Error(report.setupError);
      const r = report.cases[0]?.result;
      if (!r) throw new Error(report.cases[0]?.message ?? vscode.l10n.t('{0} did not run.', file));
      last = { status: r.status, outputText: r.outputText };
      tests.lastResults.set(file, last);
    }
    written.push(await saveExpectation(file, expectationFromResult(last)));
  }
  await tests.sync();
  return written;
}

/** The last result of the active FunctionGraph debug session (or of its parent, when a child has focus). */
export async function saveLastSessionResult(tests: FunctionTests): Promise<string> {
  let session = vscode.debug.activeDebugSession;
  while (session && session.type !== DEBUG_TYPE) session = session.parentSession;
  const body = session ? tests.lastSessionResult.get(session.id) : undefined;
  if (!body?.eventFile) {
    throw new Error(vscode.l10n.t('The running FunctionGraph session has no result from a test event file yet. Send one (FunctionGraph: Send Test Event), then save its result.'));
  }
  return saveExpectation(body.eventFile, expectationFromResult({ status: body.status, outputText: body.output }));
}
