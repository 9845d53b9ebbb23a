import { CgcError } from '@cgc/core';

/** Protobuf wire types. */
export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

/** The error of input that is not the protobuf message it claims to be. */
export const malformed = (why: string) => new CgcError('INVALID_INPUT', `malformed OTLP protobuf: ${why}`);

/**
 * A bounds-checked cursor over protobuf wire format. Reads straight into the values a
 * SpanRecord holds (hex ids, strings, bigint times) without intermediate message objects:
 * on the ingest path this is most of the decoding cost and much of the garbage.
 */
export class Wire {
  pos: number;
  readonly #buf: Buffer;
  readonly #view: DataView;

  constructor(buf: Buffer) {
    this.#buf = buf;
    this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = 0;
  }

  get length(): number {
    return this.#buf.length;
  }

  #byte(): number {
    if (this.pos >= this.#buf.length) throw malformed('truncated varint');
    return this.#buf[this.pos++]!;
  }

  /** An unsigned varint up to 2^53 (tags, lengths, enums, counts). */
  uint(): number {
    let b = this.#byte();
    if (b < 0x80) return b;
    let v = b & 0x7f;
    let mul = 0x80;
    for (let i = 1; i < 10; i++) {
      b = this.#byte();
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 0x80;
    }
    throw malformed('varint longer than 10 bytes');
  }

  /** An int64 varint: a number when exact, else its decimal digits. */
  int64(): number | string {
    let lo = 0;
    let hi = 0;
    let b = 0;
    for (let i = 0; i < 4; i++) {
      b = this.#byte();
      lo |= (b & 0x7f) << (i * 7);
      if (b < 0x80) return lo >>> 0;
    }
    b = this.#byte();
    lo |= (b & 0x7f) << 28;
    hi = (b & 0x7f) >> 4;
    let i = 0;
    while (b >= 0x80) {
      if (i === 5) throw malformed('varint longer than 10 bytes');
      b = this.#byte();
      hi |= (b & 0x7f) << (i * 7 + 3);
      i++;
    }
    const v = BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : v.toString();
  }

  /** The end offset of a length-delimited field starting here. */
  end(): number {
    const n = this.uint();
    const e = this.pos + n;
    if (e > this.#buf.length) throw malformed('truncated message');
    return e;
  }

  fixed64(): bigint {
    if (this.pos + 8 > this.#buf.length) throw malformed('truncated fixed64');
    const v = this.#view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  double(): number {
    if (this.pos + 8 > this.#buf.length) throw malformed('truncated double');
    const v = this.#view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  string(): string {
    const e = this.end();
    const s = this.#buf.toString('utf8', this.pos, e);
    this.pos = e;
    return s;
  }

  /** Bytes as lowercase hex. */
  hex(): string {
    const e = this.end();
    const s = this.#buf.toString('hex', this.pos, e);
    this.pos = e;
    return s;
  }

  skip(wire: number): void {
    if (wire === WIRE_VARINT) this.uint();
    else if (wire === WIRE_I64) this.pos += 8;
    else if (wire === WIRE_LEN) this.pos = this.end();
    else if (wire === WIRE_I32) this.pos += 4;
    else throw malformed(`unsupported wire type ${wire}`);
    if (this.pos > this.#buf.length) throw malformed('truncated field');
  }

  /** Checks that a nested message ended where its length said. */
  close(end: number): void {
    if (this.pos !== end) throw malformed('field overruns its message');
  }
}
