// Gob decoding: a generic stream decoder that learns the peer's type definitions (see gob.ts).
import { GobError, GobTypeId, type GobType, type GobValue } from './gobTypes';

/** Reads primitives from one message body. */
class GobReader {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  uint(): number {
    const b = this.byte();
    if (b < 128) return b;
    const n = 256 - b;
    if (n > 8) throw new GobError(`gob: invalid unsigned integer length ${n}`);
    if (this.pos + n > this.buf.length) throw new GobError('gob: unexpected end of message');
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + this.buf[this.pos++]!;
    return v;
  }

  int(): number {
    const u = this.uint();
    // Division instead of bit operators: values beyond 2^31 stay exact up to 2^53.
    return u % 2 === 1 ? -(u + 1) / 2 : u / 2;
  }

  byte(): number {
    if (this.pos >= this.buf.length) throw new GobError('gob: unexpected end of message');
    return this.buf[this.pos++]!;
  }

  take(n: number): Buffer {
    if (n < 0 || this.pos + n > this.buf.length) throw new GobError('gob: unexpected end of message');
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  float(): number {
    // Floats travel as the uint of the byte-reversed IEEE-754 bits.
    const b = this.byte();
    let bytes: number[];
    if (b < 128) bytes = [b];
    else {
      const n = 256 - b;
      bytes = [...this.take(n)];
    }
    const full = Buffer.alloc(8);
    // The uint is the reversed bits: its low-order byte is the float's highest.
    for (let i = 0; i < bytes.length; i++) full[i] = bytes[bytes.length - 1 - i]!;
    return full.readDoubleBE(0);
  }
}

/**
 * A stream decoder: feed it the bytes as they arrive; it hands back each value message decoded,
 * having learnt every type definition before it.
 */
export class GobDecoder {
  private readonly types = new Map<number, GobType>();
  private pending: Buffer = Buffer.alloc(0);
  /** Every definition in arrival order (ids are the sender's choice; tests compare streams by this order). */
  readonly definitions: { id: number; type: GobType }[] = [];

  /** Adds bytes and returns the values of every message now complete (type definitions are absorbed). */
  push(chunk: Buffer): { typeId: number; value: GobValue }[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: { typeId: number; value: GobValue }[] = [];
    for (;;) {
      const msg = this.nextMessage();
      if (!msg) break;
      const r = new GobReader(msg);
      const id = r.int();
      if (id < 0) {
        const type = this.readWireType(r);
        this.types.set(-id, type);
        this.definitions.push({ id: -id, type });
        continue;
      }
      out.push({ typeId: id, value: this.readTopLevel(r, id) });
    }
    return out;
  }

  /** The type a definition gave an id (for tests and diagnostics). */
  typeOf(id: number): GobType | undefined {
    return this.types.get(id);
  }

  private nextMessage(): Buffer | undefined {
    const p = this.pending;
    if (p.length === 0) return undefined;
    let len: number;
    let head: number;
    const b = p[0]!;
    if (b < 128) {
      len = b;
      head = 1;
    } else {
      const n = 256 - b;
      if (n > 8) throw new GobError(`gob: invalid message length prefix`);
      if (p.length < 1 + n) return undefined;
      len = 0;
      for (let i = 1; i <= n; i++) len = len * 256 + p[i]!;
      head = 1 + n;
    }
    if (len === 0) throw new GobError('gob: empty message');
    if (p.length < head + len) return undefined;
    const msg = p.subarray(head, head + len);
    this.pending = p.subarray(head + len);
    return msg;
  }

  private readTopLevel(r: GobReader, id: number): GobValue {
    const t = this.types.get(id);
    if (t?.kind === 'struct') return this.readStruct(r, t);
    // A value that is not a struct travels as a singleton: field delta 0, then the value.
    if (r.uint() !== 0) throw new GobError('gob: corrupted singleton value');
    return this.readValue(r, id);
  }

  private readStruct(r: GobReader, t: Extract<GobType, { kind: 'struct' }>): { [field: string]: GobValue } {
    const obj: { [field: string]: GobValue } = {};
    let field = -1;
    for (;;) {
      const delta = r.uint();
      if (delta === 0) return obj;
      field += delta;
      const f = t.fields[field];
      if (!f) throw new GobError(`gob: field number ${field} out of range for ${t.name || 'struct'}`);
      obj[f.name] = this.readValue(r, f.id);
    }
  }

  private readValue(r: GobReader, id: number): GobValue {
    switch (id) {
      case GobTypeId.Bool: return r.uint() !== 0;
      case GobTypeId.Int: return r.int();
      case GobTypeId.Uint: return r.uint();
      case GobTypeId.Float: return r.float();
      case GobTypeId.Bytes: return Buffer.from(r.take(r.uint()));
      case GobTypeId.String: return r.take(r.uint()).toString('utf8');
      case GobTypeId.Complex: return [r.float(), r.float()];
      case GobTypeId.Interface: throw new GobError('gob: interface values are not supported by this decoder');
    }
    const t = this.types.get(id);
    if (!t) throw new GobError(`gob: value of type id ${id} arrived before its definition`);
    switch (t.kind) {
      case 'struct': return this.readStruct(r, t);
      case 'slice': {
        const n = r.uint();
        const a: GobValue[] = [];
        for (let i = 0; i < n; i++) a.push(this.readValue(r, t.elem));
        return a;
      }
      case 'array': {
        const n = r.uint();
        if (n !== t.len) throw new GobError(`gob: array length ${n}, expected ${t.len}`);
        const a: GobValue[] = [];
        for (let i = 0; i < n; i++) a.push(this.readValue(r, t.elem));
        return a;
      }
      case 'map': {
        const n = r.uint();
        if (t.key === GobTypeId.String) {
          const o: { [k: string]: GobValue } = {};
          for (let i = 0; i < n; i++) {
            const k = this.readValue(r, t.key) as string;
            o[k] = this.readValue(r, t.elem);
          }
          return o;
        }
        const m = new Map<GobValue, GobValue>();
        for (let i = 0; i < n; i++) {
          const k = this.readValue(r, t.key);
          m.set(k, this.readValue(r, t.elem));
        }
        return m;
      }
      case 'opaque': return Buffer.from(r.take(r.uint()));
    }
  }

  // A wireType is itself a gob struct: {ArrayT, SliceT, StructT, MapT, GobEncoderT, BinaryMarshalerT, TextMarshalerT}, one field set.
  private readWireType(r: GobReader): GobType {
    let field = 0;
    let t: GobType | undefined;
    for (;;) {
      const delta = r.uint();
      if (delta === 0) break;
      field += delta;
      switch (field) {
        case 1: t = this.readArrayType(r); break;
        case 2: t = this.readSliceType(r); break;
        case 3: t = this.readStructType(r); break;
        case 4: t = this.readMapType(r); break;
        case 5: case 6: case 7: t = { kind: 'opaque', name: this.readCommon(r).name }; break;
        default: throw new GobError(`gob: unknown wireType field ${field}`);
      }
    }
    if (!t) throw new GobError('gob: empty type definition');
    return t;
  }

  /** Reads fields of a struct given as (number → reader) until its end marker. */
  private fields(r: GobReader, read: (field: number) => void): void {
    let field = 0;
    for (;;) {
      const delta = r.uint();
      if (delta === 0) return;
      field += delta;
      read(field);
    }
  }

  private readCommon(r: GobReader): { name: string; id: number } {
    const c = { name: '', id: 0 };
    this.fields(r, (f) => {
      if (f === 1) c.name = r.take(r.uint()).toString('utf8');
      else if (f === 2) c.id = r.int();
      else throw new GobError(`gob: unknown CommonType field ${f}`);
    });
    return c;
  }

  private readArrayType(r: GobReader): GobType {
    const t = { kind: 'array' as const, name: '', elem: 0, len: 0 };
    this.fields(r, (f) => {
      if (f === 1) t.name = this.readCommon(r).name;
      else if (f === 2) t.elem = r.int();
      else if (f === 3) t.len = r.int();
      else throw new GobError(`gob: unknown arrayType field ${f}`);
    });
    return t;
  }

  private readSliceType(r: GobReader): GobType {
    const t = { kind: 'slice' as const, name: '', elem: 0 };
    this.fields(r, (f) => {
      if (f === 1) t.name = this.readCommon(r).name;
      else if (f === 2) t.elem = r.int();
      else throw new GobError(`gob: unknown sliceType field ${f}`);
    });
    return t;
  }

  private readMapType(r: GobReader): GobType {
    const t = { kind: 'map' as const, name: '', key: 0, elem: 0 };
    this.fields(r, (f) => {
      if (f === 1) t.name = this.readCommon(r).name;
      else if (f === 2) t.key = r.int();
      else if (f === 3) t.elem = r.int();
      else throw new GobError(`gob: unknown mapType field ${f}`);
    });
    return t;
  }

  private readStructType(r: GobReader): GobType {
    const t = { kind: 'struct' as const, name: '', fields: [] as { name: string; id: number }[] };
    this.fields(r, (f) => {
      if (f === 1) t.name = this.readCommon(r).name;
      else if (f === 2) {
        const n = r.uint();
        for (let i = 0; i < n; i++) {
          const field = { name: '', id: 0 };
          this.fields(r, (ff) => {
            if (ff === 1) field.name = r.take(r.uint()).toString('utf8');
            else if (ff === 2) field.id = r.int();
            else throw new GobError(`gob: unknown fieldType field ${ff}`);
          });
          t.fields.push(field);
        }
      } else throw new GobError(`gob: unknown structType field ${f}`);
    });
    return t;
  }
}
