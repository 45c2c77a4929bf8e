// The client's side of Go 1.x's `net/rpc` calls (builtin-runtimes.md 1.3): `rpc.Request` followed by
// `InvokeRequest{Payload []byte; Header http.Header}`. The type definitions are fixed, so they are
// constant bytes, sent once per connection (the same ids and layout a Go client sends: the doc's 1.8
// capture is the unit test).
import { GobWriter, uintSize } from './gob';

const REQUEST_ID = 65;
const INVOKE_REQUEST_ID = 66;

/** wireType definitions, in the order a Go encoder sends them, as complete messages. */
const REQUEST_TYPE = Buffer.from('2fff81030101075265717565737401ff82000102010d536572766963654d6574686f64010c0001035365710106000000', 'hex');
const INVOKE_REQUEST_TYPES = Buffer.from(
  '33ff830301010d496e766f6b655265717565737401ff8400010201075061796c6f6164010a00010648656164657201ff8800000017ff870401010648656164657201ff8800010c01ff8600000cff85020102ff8600010c0000',
  'hex',
);

export type GoHeader = Record<string, string[]>;

const SERVICE_METHOD = 'Function.Invoke';

/** The body of `rpc.Request{ServiceMethod, Seq}` (zero fields are omitted, as gob does). */
function requestHeaderBody(w: GobWriter, serviceMethod: string, seq: number): GobWriter {
  w.uint(1).string(serviceMethod);
  if (seq !== 0) w.uint(1).uint(seq);
  return w.uint(0);
}

/** The body of `InvokeRequest{Payload, Header}`; an empty payload would arrive as nil, so callers never send one. */
function invokeRequestBody(w: GobWriter, payload: Buffer, header: GoHeader): GobWriter {
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
  return w.uint(0);
}

// Scratch writers for encodeInvokeCall: it runs on every warm call, and one copy into the buffer it
// returns is cheaper than a buffer per message part and a concatenation. Encoding is synchronous,
// so module-level scratch space is never shared by two calls. A large event's scratch is let go.
const SCRATCH_KEPT = 64 * 1024;
let bodyScratch = new GobWriter(1024);
let callScratch = new GobWriter(1024);

/** Everything a client writes for one `Function.Invoke`; `first` adds the type definitions a connection needs once. */
export function encodeInvokeCall(seq: number, payload: Buffer, header: GoHeader, first: boolean): Buffer {
  const out = callScratch.reset();
  if (first) out.raw(REQUEST_TYPE);
  appendMessage(out, REQUEST_ID, requestHeaderBody(bodyScratch.reset(), SERVICE_METHOD, seq).view());
  if (first) out.raw(INVOKE_REQUEST_TYPES);
  appendMessage(out, INVOKE_REQUEST_ID, invokeRequestBody(bodyScratch.reset(), payload, header).view());
  const bytes = Buffer.from(out.view());
  if (bytes.length > SCRATCH_KEPT) {
    bodyScratch = new GobWriter(1024);
    callScratch = new GobWriter(1024);
  }
  return bytes;
}

/** One gob message appended to `out`: its byte count, then the type id and the body. */
function appendMessage(out: GobWriter, typeId: number, body: Buffer): void {
  out.uint(uintSize(typeId * 2) + body.length).int(typeId).raw(body);
}
