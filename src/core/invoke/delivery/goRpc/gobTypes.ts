// The vocabulary shared by the gob writer and decoder (gob.ts says what this codec is and why).

/** Built-in type ids (gob's `type.go`). */
export const enum GobTypeId {
  Bool = 1,
  Int = 2,
  Uint = 3,
  Float = 4,
  Bytes = 5,
  String = 6,
  Complex = 7,
  Interface = 8,
  WireType = 16,
  ArrayType = 17,
  CommonType = 18,
  SliceType = 19,
  StructType = 20,
  FieldType = 21,
  MapType = 23,
  /** The first id of user-defined types in a stream. */
  FirstUser = 65,
}

export class GobError extends Error {}

export type GobType =
  | { kind: 'struct'; name: string; fields: { name: string; id: number }[] }
  | { kind: 'slice'; name: string; elem: number }
  | { kind: 'array'; name: string; elem: number; len: number }
  | { kind: 'map'; name: string; key: number; elem: number }
  /** GobEncoder / BinaryMarshaler / TextMarshaler: the value travels as a byte slice. */
  | { kind: 'opaque'; name: string };

export type GobValue = boolean | number | bigint | string | Buffer | null | GobValue[] | Map<GobValue, GobValue> | { [field: string]: GobValue };
