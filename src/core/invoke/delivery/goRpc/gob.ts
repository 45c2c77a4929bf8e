// Go's encoding/gob, the part net/rpc needs (spec: the `encoding/gob` package documentation).
//
// Written here because no maintained npm package speaks gob: the registry has no gob codec for
// Node (`gob` on npm is an unrelated output filter; `node-gob`, `go-gob`, `gobjs`, `encoding-gob`
// do not exist), and the Go 1.x runtime's wire format is fixed and small.
//
// Encoding: `GobWriter` writes the primitives; callers compose fixed messages (see netRpcMessages).
// Decoding: `GobDecoder` is generic. It learns the type definitions the peer sends (wireType
// messages with a negative id) and turns every value message into plain JS values: structs become
// objects keyed by field name (gob matches fields by name, not by type name), `[]byte` a Buffer,
// maps a Map (or an object when the key is a string), slices and arrays JS arrays.
export * from './gobTypes';
export { GobWriter, uintSize } from './gobWriter';
export { GobDecoder } from './gobDecoder';
