// The client's side of Go 1.x's `net/rpc` calls (builtin-runtimes.md 1.3): `rpc.Request` followed by
// `InvokeRequest{Payload []byte; Header http.Header}`. The type definitions are fixed, so they are
// constant bytes, sent once per connection (the same ids and layout a Go client sends: the doc's 1.8
// capture is the unit test).
import { GobWriter, gobMessage } from './gob';

const REQUEST_ID = 65;
const INVOKE_REQUEST_ID = 66;

/** wireType definitions, in the order a Go encoder sends them, as complete messages. */
const REQUEST_TYPE = Buffer.from('2fff81030101075265717565737401ff82000102010d536572766963654d6574686f64010c0001035365710106000000', 'hex');
const INVOKE_REQUEST_TYPES = Buffer.from(
  '33ff830301010d496e766f6b655265717565737401ff8400010201075061796c6f6164010a00010648656164657201ff8800000017ff870401010648656164657201ff8800010c01ff8600000cff85020102ff8600010c0000',
  'hex',
);

export type GoHeader = Record<string, string[]>;

/** Encodes `rpc.Request{ServiceMethod, Seq}` (zero fields are omitted, as gob does). */
export function encodeRequestHeader(serviceMethod: string, seq: number): Buffer {
  const w = new GobWriter(64).uint(1).string(serviceMethod);
  if (seq !== 0) w.uint(1).uint(seq);
  w.uint(0);
  return gobMessage(REQUEST_ID, w.view());
}

/** Encodes `InvokeRequest{Payload, Header}`; an empty payload would arrive as nil, so callers never send one. */
export function encodeInvokeRequest(payload: Buffer, header: GoHeader): Buffer {
  const w = new GobWriter(payload.length + 256);
  let field = -1;
  if (payload.length > 0) {
    w.uint(0 - field).bytes(payload);
    field = 0;
  }
  const keys = Object.keys(header);
  if (keys.length > 0) {
    w.uint(1 - field);
    w.uint(keys.length);
    for (const k of keys) {
      const values = header[k]!;
      w.string(k).uint(values.length);
      for (const v of values) w.string(v);
    }
  }
  w.uint(0);
  return gobMessage(INVOKE_REQUEST_ID, w.view());
}

/** Everything a client writes for one `Function.Invoke`; `first` adds the type definitions a connection needs once. */
export function encodeInvokeCall(seq: number, payload: Buffer, header: GoHeader, first: boolean): Buffer {
  const parts = first
    ? [REQUEST_TYPE, encodeRequestHeader('Function.Invoke', seq), INVOKE_REQUEST_TYPES, encodeInvokeRequest(payload, header)]
    : [encodeRequestHeader('Function.Invoke', seq), encodeInvokeRequest(payload, header)];
  return Buffer.concat(parts);
}
