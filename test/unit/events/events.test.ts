// Trigger event templates (EVT): ours, written by us, must have the shapes of the real samples,
// validate against the test-event schema, reach both shims intact, and be usable from the CLI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import { eventTemplate, findEventTemplate, listEventTemplates } from '../../../src/core/events';
import { invokerFor, logText, makeFunction, SAMPLES_DIR, tempDir } from '../shims/harness';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** Our template → the real samples of the same trigger (none exist for RabbitMQ, DIS and blank). */
const SAMPLES: Record<string, string[]> = {
  apig: ['apig_event.json', 'apig_event_with_params.json', 'scratch-event-apig--apig_event.json', 'scratch-event-apig--apig_event_json.json'],
  'apig-base64': ['apig_base64_event.json', 'scratch-event-apig--apig_event_json_b64.json'],
  'http-get': ['scratch-http--apig_get_index.json'],
  'http-post': ['scratch-http--apig_post_index.json'],
  obs: ['obss3_event.json'],
  smn: ['smn_event.json', 'smnevent.json'],
  timer: ['timer_event.json', 'timer_event_txt.json'],
  kafka: ['dms4kafka_event.json', 'kafkaopensource_event.json'],
  rocketmq: ['rocketmq_event.json'],
  // No public RabbitMQ sample: the DMS triggers share one shape, so RocketMQ's stands in.
  rabbitmq: ['rocketmq_event.json'],
  lts: ['lts_event.json'],
  cts: ['cts_fg_create.json'],
  dds: ['dds_event.json'],
};

/** Free-form maps (header names, query parameters): only their values' types are compared. */
const MAPS = new Set(['headers', 'queryStringParameters', 'pathParameters']);

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Differences in key sets and value types between `ours` and `real`, recursively (arrays: their first items). */
function shapeDiff(ours: unknown, real: unknown, at = '$'): string[] {
  if (typeOf(ours) !== typeOf(real)) return [`${at}: ours is ${typeOf(ours)}, the sample's is ${typeOf(real)}`];
  if (Array.isArray(ours) && Array.isArray(real)) {
    if (ours.length === 0 || real.length === 0) return ours.length === real.length ? [] : [`${at}: one array is empty`];
    return shapeDiff(ours[0], real[0], `${at}[0]`);
  }
  if (typeOf(ours) !== 'object') return [];
  const a = ours as Record<string, unknown>;
  const b = real as Record<string, unknown>;
  const key = at.split('.').pop() ?? '';
  if (MAPS.has(key)) {
    return [...Object.values(a), ...Object.values(b)].some((v) => typeof v !== 'string') ? [`${at}: map values must be strings`] : [];
  }
  const diffs: string[] = [];
  for (const k of Object.keys(b)) if (!(k in a)) diffs.push(`${at}.${k}: missing in ours`);
  for (const k of Object.keys(a)) if (!(k in b)) diffs.push(`${at}.${k}: not in the sample`);
  for (const k of Object.keys(a)) if (k in b) diffs.push(...shapeDiff(a[k], b[k], `${at}.${k}`));
  return diffs;
}

const sample = (name: string) => JSON.parse(readFileSync(path.join(SAMPLES_DIR, name), 'utf8')) as unknown;
const ours = (id: string) => JSON.parse(eventTemplate(id)) as Record<string, unknown>;

void describe('event templates', () => {
  void test('EVT: a template for every trigger of the contract, plus a blank one', () => {
    const triggers = new Set(listEventTemplates().map((e) => e.trigger));
    for (const trigger of ['blank', 'APIG', 'OBS', 'SMN', 'TIMER', 'KAFKA', 'ROCKETMQ', 'RABBITMQ', 'LTS', 'CTS', 'DDS', 'DIS']) {
      assert.ok(triggers.has(trigger), `no template for ${trigger}`);
    }
    for (const e of listEventTemplates()) {
      const text = eventTemplate(e.id);
      assert.doesNotThrow(() => JSON.parse(text), `${e.id} is JSON`);
      assert.ok(text.endsWith('\n') && !text.includes('\r'), `${e.id}: LF line endings and a final newline`);
    }
  });

  void test('EVT: users find templates by id, trigger name or common alias, case-insensitively', () => {
    assert.equal(findEventTemplate('APIG')?.id, 'apig');
    assert.equal(findEventTemplate('Timer')?.id, 'timer');
    assert.equal(findEventTemplate('dms')?.id, 'kafka');
    assert.equal(findEventTemplate('kafka-opensource')?.id, 'kafka');
    assert.equal(findEventTemplate('nope'), undefined);
    assert.throws(() => eventTemplate('nope'), /Unknown trigger event "nope"\. Known: blank, apig/);
  });

  for (const [id, names] of Object.entries(SAMPLES)) {
    void test(`EVT: the ${id} template has the keys and value types of the real sample${names.length > 1 ? 's' : ''}`, () => {
      for (const name of names) assert.deepEqual(shapeDiff(ours(id), sample(name)), [], `${id} vs ${name}`);
      assert.notDeepEqual(ours(id), sample(names[0]), `${id} is written by us, not a copy of ${names[0]}`);
    });
  }

  void test('EVT: the trigger type fields say which trigger sent the event', () => {
    assert.equal(ours('timer').trigger_type, 'TIMER');
    assert.equal(ours('kafka').trigger_type, 'KAFKA');
    assert.equal(ours('rocketmq').trigger_type, 'ROCKETMQ');
    assert.equal(ours('rabbitmq').trigger_type, 'RABBITMQ');
  });

  void test('EVT: the LTS template\'s base64 data decodes to the same shape as the real sample\'s', () => {
    const decode = (e: unknown) => JSON.parse(Buffer.from((e as { lts: { data: string } }).lts.data, 'base64').toString('utf8')) as Record<string, unknown>;
    const a = decode(ours('lts'));
    const b = decode(sample('lts_event.json'));
    assert.deepEqual(shapeDiff(a, b), []);
    assert.deepEqual(shapeDiff(JSON.parse(a.logs as string), JSON.parse(b.logs as string)), [], 'the logs inside are alike too');
  });

  void test('EVT: base64 bodies and records decode (APIG, DIS)', () => {
    const apig = ours('apig-base64') as { body: string; isBase64Encoded: boolean };
    assert.equal(apig.isBase64Encoded, true);
    assert.match(Buffer.from(apig.body, 'base64').toString('utf8'), /^date,amount\n/);
    const dis = ours('dis') as { Message: { records: { data: string }[] } };
    for (const r of dis.Message.records) assert.doesNotThrow(() => JSON.parse(Buffer.from(r.data, 'base64').toString('utf8')));
  });
});

void describe('test event schema', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'test-event.schema.json'), 'utf8')) as { definitions: Record<string, unknown> };
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema(schema, 'test-event');
  const byTrigger: Record<string, string> = {
    apig: 'apig', 'apig-base64': 'apig', 'http-get': 'apig', 'http-post': 'apig', obs: 'obs', smn: 'smn', timer: 'timer',
    kafka: 'mq', rocketmq: 'mq', rabbitmq: 'mq', lts: 'lts', cts: 'cts', dds: 'dds', dis: 'dis',
  };
  const check = (definition: string, value: unknown) => {
    const validate = ajv.getSchema(`test-event#/definitions/${definition}`);
    assert.ok(validate, `definition ${definition}`);
    return { ok: validate(value) as boolean, errors: JSON.stringify(validate.errors) };
  };

  void test('EVT: every template and every real sample validates against its trigger\'s definition', () => {
    assert.ok(ajv.validateSchema(schema), JSON.stringify(ajv.errors));
    for (const [id, definition] of Object.entries(byTrigger)) {
      const r = check(definition, ours(id));
      assert.ok(r.ok, `${id}: ${r.errors}`);
      for (const name of SAMPLES[id] ?? []) {
        const s = check(definition, sample(name));
        assert.ok(s.ok, `${name}: ${s.errors}`);
      }
    }
    assert.ok(ajv.validate('test-event', ours('blank')), 'any JSON is a valid test event');
  });

  void test('EVT: the definitions tell triggers apart (a timer event is not an OBS event)', () => {
    assert.equal(check('obs', ours('timer')).ok, false);
    assert.equal(check('timer', ours('kafka')).ok, false);
    assert.equal(check('apig', ours('smn')).ok, false);
  });
});

void describe('event templates through the shims', () => {
  for (const [runtime, file, code] of [
    ['Node.js18.15', 'index.js', 'exports.handler = async (event) => ({ event });\n'],
    ['Python3.9', 'index.py', 'def handler(event, context):\n    return {"event": event}\n'],
  ] as const) {
    void test(`EVT/RT-1: every event template reaches a ${runtime} handler intact`, async (t) => {
      const spec = await makeFunction(t, { [file]: code }, { runtime });
      const invoker = invokerFor(t, spec);
      for (const e of listEventTemplates()) {
        const result = await invoker.invoke(eventTemplate(e.id));
        assert.equal(result.status, 'ok', `${e.id}: ${result.outputText}\n${logText(result)}`);
        assert.deepEqual((JSON.parse(result.outputText) as { event: unknown }).event, ours(e.id), e.id);
      }
    });
  }
});

void describe('fgtk events', () => {
  const fgtk = (args: string[], cwd = ROOT) => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
    return spawnSync(process.execPath, [CLI, 'events', ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  };

  void test('fgtk events list names every template with its trigger', () => {
    const r = fgtk(['list']);
    assert.equal(r.status, 0, r.stderr);
    for (const e of listEventTemplates()) assert.match(r.stdout, new RegExp(`^${e.id}\\s+${e.trigger}\\s+\\S`, 'm'));
    const json = fgtk(['list', '--json']);
    assert.deepEqual((JSON.parse(json.stdout) as { id: string }[]).map((e) => e.id), listEventTemplates().map((e) => e.id));
  });

  void test('fgtk events new TRIGGER prints the event, -o writes it and never overwrites without --force', (t) => {
    const printed = fgtk(['new', 'timer']);
    assert.equal(printed.status, 0, printed.stderr);
    assert.equal(printed.stdout, eventTemplate('timer'));

    const dir = tempDir(t);
    const out = path.join(dir, 'events', 'apig.json');
    const written = fgtk(['new', 'APIG', '-o', out]);
    assert.equal(written.status, 0, written.stderr);
    assert.equal(readFileSync(out, 'utf8'), eventTemplate('apig'));

    writeFileSync(out, '{"mine": true}\n');
    const refused = fgtk(['new', 'obs', '-o', out]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /already exists.*--force/);
    assert.equal(readFileSync(out, 'utf8'), '{"mine": true}\n', 'the user\'s file is untouched');
    assert.equal(fgtk(['new', 'obs', '-o', out, '--force']).status, 0);
    assert.equal(readFileSync(out, 'utf8'), eventTemplate('obs'));
  });

  void test('fgtk events: unknown triggers and actions are usage errors that list what exists', () => {
    const unknown = fgtk(['new', 'sqs']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown trigger "sqs"\. Known: blank, apig, .*dis/);
    const badAction = fgtk(['delete']);
    assert.equal(badAction.status, 2);
    assert.match(badAction.stderr, /unknown action "delete"/);
  });
});
