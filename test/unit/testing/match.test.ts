// Issue 14: how an expectation (events/<name>.expected.json) is matched against a result, and how
// expectation files are told apart from events everywhere events are listed.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { expectationFileFor, isExpectationFile, isTestEventFile, listEvents } from '../../../src/core/config';
import { ExpectationError, expectationFromResult, loadExpectation, matchExpectation, parseExpectation, subsetMismatch } from '../../../src/core/testing';
import { tempDir } from '../shims/harness';

const ok = (output: unknown) => ({ status: 'ok' as const, outputText: typeof output === 'string' ? output : JSON.stringify(output) });

void describe('matching an expectation', () => {
  void test('JSON output: the expectation is a subset, recursively; extra keys in the output are fine', () => {
    const actual = ok({ statusCode: 200, headers: { 'Content-Type': 'application/json', Date: 'now' }, body: '{}', isBase64Encoded: false });
    assert.equal(matchExpectation({ output: { statusCode: 200, headers: { 'Content-Type': 'application/json' } } }, actual).passed, true);
    const wrong = matchExpectation({ output: { headers: { 'Content-Type': 'text/plain' } } }, actual);
    assert.equal(wrong.passed, false);
    assert.equal(wrong.message, 'output.headers["Content-Type"]: expected "text/plain", got "application/json"');
    assert.equal(matchExpectation({ output: { missing: 1 } }, actual).message, 'output.missing: missing');
    // Types count: 200 is not "200".
    assert.equal(matchExpectation({ output: { statusCode: '200' } }, actual).passed, false);
    // null is a value like any other.
    assert.equal(matchExpectation({ output: { a: null } }, ok({ a: null })).passed, true);
    assert.equal(matchExpectation({ output: { a: null } }, ok({ a: 0 })).passed, false);
  });

  void test('arrays are equal element by element (same length, each element matched as a subset)', () => {
    const actual = ok({ records: [{ id: 1, x: 'a' }, { id: 2, x: 'b' }] });
    assert.equal(matchExpectation({ output: { records: [{ id: 1 }, { id: 2 }] } }, actual).passed, true);
    assert.equal(matchExpectation({ output: { records: [{ id: 1 }] } }, actual).message, 'output.records: expected 1 elements, got 2');
    assert.equal(matchExpectation({ output: { records: [{ id: 2 }, { id: 1 }] } }, actual).message, 'output.records[0].id: expected 2, got 1');
    assert.equal(matchExpectation({ output: { records: [] } }, ok({ records: {} })).message, 'output.records: expected an array, got an object');
    assert.equal(subsetMismatch([1, [2, 3]], [1, [2, 3]]), undefined);
    assert.equal(subsetMismatch({ a: 1 }, [1]), '$: expected an object, got an array of 1');
  });

  void test('text output is matched exactly; a JSON output against a text expectation compares the parsed value', () => {
    assert.equal(matchExpectation({ output: 'Hello, world\n' }, ok('Hello, world\n')).passed, true);
    const wrong = matchExpectation({ output: 'Hello, world' }, ok('Hello, world\n'));
    assert.equal(wrong.passed, false);
    assert.equal(wrong.message, 'output: expected the text "Hello, world", got "Hello, world\\n"');
    assert.equal(wrong.expected, 'Hello, world');
    assert.equal(wrong.actual, 'Hello, world\n');
    // A JSON string output ("\"hi\"") equals the expectation "hi".
    assert.equal(matchExpectation({ output: 'hi' }, ok(JSON.stringify('hi'))).passed, true);
    // An object expectation against text that is not JSON says so.
    assert.equal(matchExpectation({ output: { a: 1 } }, ok('plain')).message, 'output: expected JSON, got text that is not JSON');
  });

  void test('status only: the output is not looked at; no expectation at all means the status must be ok', () => {
    const error = { status: 'error' as const, outputText: '{"errorType":"TypeError","errorMessage":"boom"}' };
    assert.equal(matchExpectation({ status: 'error' }, error).passed, true);
    assert.equal(matchExpectation({ status: 'timeout' }, error).message, 'status: expected timeout, got error');
    assert.equal(matchExpectation(undefined, ok('anything')).passed, true);
    assert.equal(matchExpectation(undefined, error).passed, false);
    // An output alone still needs the status ok: an error object never passes by containing the keys.
    assert.equal(matchExpectation({ output: { errorType: 'TypeError' } }, error).message, 'status: expected ok, got error');
    assert.equal(matchExpectation({ status: 'error', output: { errorType: 'TypeError' } }, error).passed, true);
    // The diff of a status mismatch shows both sides' status and output.
    const diff = matchExpectation({ status: 'ok' }, error);
    assert.deepEqual(JSON.parse(diff.expected!), { status: 'ok' });
    assert.deepEqual(JSON.parse(diff.actual!), { status: 'error', output: { errorType: 'TypeError', errorMessage: 'boom' } });
  });

  void test('"Save Result as Expected" writes the status and the whole output, which then matches', () => {
    const r = ok({ a: [1, 2], b: 'x' });
    const e = expectationFromResult(r);
    assert.deepEqual(e, { status: 'ok', output: { a: [1, 2], b: 'x' } });
    assert.equal(matchExpectation(e, r).passed, true);
    assert.deepEqual(expectationFromResult(ok('plain text')), { status: 'ok', output: 'plain text' });
  });
});

void describe('expectation files', () => {
  void test('a broken expectation file is an error naming the file and what it may hold', () => {
    assert.throws(() => parseExpectation('{', 'events/a.expected.json'), (e: Error) => e instanceof ExpectationError && /a\.expected\.json is not valid JSON/.test(e.message));
    assert.throws(() => parseExpectation('{"status": "fine"}', 'a.expected.json'), /a\.expected\.json is not an expectation: \/status must be equal to one of the allowed values: ok, error, timeout, crashed/);
    assert.throws(() => parseExpectation('{"result": 1}', 'a.expected.json'), /must NOT have additional properties \(result\)/);
    assert.throws(() => parseExpectation('[]', 'a.expected.json'), /is not an expectation/);
    assert.deepEqual(parseExpectation('{}', 'a.expected.json'), {});
  });

  void test('an expectation sits beside its event and is never listed as a test event', async (t) => {
    const dir = tempDir(t);
    await fs.mkdir(path.join(dir, 'events'));
    for (const f of ['apig.json', 'apig.expected.json', 'b.JSON', 'B.Expected.JSON', 'notes.txt']) await fs.writeFile(path.join(dir, 'events', f), '{}');
    assert.deepEqual((await listEvents({ dir })).map((f) => path.basename(f)), ['apig.json', 'b.JSON']);
    assert.equal(expectationFileFor(path.join(dir, 'events', 'apig.json')), path.join(dir, 'events', 'apig.expected.json'));
    assert.equal(isExpectationFile('x/B.Expected.JSON'), true);
    assert.equal(isTestEventFile('x/B.Expected.JSON'), false);
    assert.equal(isTestEventFile('expected.json'), true, 'an event named "expected" is still an event');
    await fs.writeFile(path.join(dir, 'events', 'apig.expected.json'), '{"status": "error"}');
    assert.deepEqual(await loadExpectation(path.join(dir, 'events', 'apig.json')), { status: 'error' });
    assert.equal(await loadExpectation(path.join(dir, 'events', 'none.json')), undefined);
  });
});
