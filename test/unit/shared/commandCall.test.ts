// How a command was called decides whether it may open pickers and whether a failure is shown or
// thrown (src/shared/commandCall.ts). Before this, a CodeLens click passed a bare path and counted
// as a call from code: no event picker, failures swallowed, Escape shown as an error "Canceled".
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { failureHandling, isCancellation, isCommandRequest, parseCommandCall } from '../../../src/shared/commandCall';

class TreeNode {}
class FakeUri {}
const isUi = (v: unknown) => v instanceof TreeNode || v instanceof FakeUri;

/** What VS Code's CancellationError looks like: name and message "Canceled". */
class CancellationError extends Error {
  constructor() {
    super('Canceled');
    this.name = 'Canceled';
  }
}

void describe('parseCommandCall', () => {
  test('no arguments (Command Palette, keybinding, Run menu) is a person: interactive, nothing chosen', () => {
    assert.deepEqual(parseCommandCall([], isUi), { interactive: true });
  });

  test('a tree node or the explorer Uri is a click on it; the explorer\'s multi-selection is not an event', () => {
    const node = new TreeNode();
    assert.deepEqual(parseCommandCall([node], isUi), { interactive: true, target: node });
    const uri = new FakeUri();
    assert.deepEqual(parseCommandCall([uri, [uri]], isUi), { interactive: true, target: uri });
  });

  test('our CodeLens passes a request marked interactive: pickers may open and failures show', () => {
    const call = parseCommandCall([{ function: '/ws/fn', interactive: true }], isUi);
    assert.deepEqual(call, { interactive: true, target: '/ws/fn', event: undefined });
  });

  test('code passes a request without "interactive" (or false): no picker, failures reject', () => {
    assert.deepEqual(parseCommandCall([{ function: '/ws/fn', event: { a: 1 } }], isUi), { interactive: false, target: '/ws/fn', event: { a: 1 } });
    assert.deepEqual(parseCommandCall([{ event: '/ws/fn/events/a.json', interactive: false }], isUi), { interactive: false, target: undefined, event: '/ws/fn/events/a.json' });
  });

  test('positional (path, event) from code stays a call from code', () => {
    assert.deepEqual(parseCommandCall(['/ws/fn', '/ws/fn/events/a.json'], isUi), { interactive: false, target: '/ws/fn', event: '/ws/fn/events/a.json' });
  });

  test('an event that happens to have other keys is not mistaken for a request', () => {
    // {function, event, extra}: not only the request's keys, and not a string path either.
    assert.equal(isCommandRequest({ function: 'x', body: '{}' }), false);
    assert.equal(isCommandRequest({}), false);
    assert.equal(isCommandRequest([{ event: 1 }]), false);
    assert.equal(isCommandRequest(new (class { event = 1; })()), false, 'class instances are not plain requests');
  });

  test('a command\'s own options object from code (createFunction\'s) is a call from code', () => {
    const opts = { runtime: 'nodejs20.15', template: 'blank', name: 'x' };
    assert.deepEqual(parseCommandCall([opts], isUi), { interactive: false, target: opts, event: undefined });
  });
});

void describe('failureHandling', () => {
  test('a cancelled picker or progress says nothing to a person', () => {
    assert.equal(isCancellation(new CancellationError()), true);
    assert.equal(failureHandling(new CancellationError(), true), 'ignore');
  });

  test('any other failure of a click is shown', () => {
    assert.equal(failureHandling(new Error('bootstrap is missing'), true), 'show');
  });

  test('code always hears of a failure, a cancellation included', () => {
    assert.equal(failureHandling(new Error('bootstrap is missing'), false), 'reject');
    assert.equal(failureHandling(new CancellationError(), false), 'reject');
  });

  test('an error merely mentioning cancellation is not one', () => {
    assert.equal(isCancellation(new Error('The invocation was canceled by the handler')), false);
  });
});
