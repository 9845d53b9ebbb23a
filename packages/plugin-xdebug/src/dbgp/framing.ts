import { CgcError } from '@cgc/core';

const NUL = 0;
const MAX_LENGTH_DIGITS = 12;

/**
 * Splits a DBGp byte stream into packets (`<length> NUL <xml> NUL`). Chunks are
 * buffered and scanned with indexOf, never byte by byte; a packet larger than
 * `maxPacketBytes` or a malformed length prefix is a PARSE_FAILED error.
 */
export class DbgpFrameDecoder {
  readonly #maxPacketBytes: number;
  #chunks: Buffer[] = [];
  #buffered = 0;

  constructor(maxPacketBytes: number) {
    this.#maxPacketBytes = maxPacketBytes;
  }

  /** Bytes received but not yet part of a complete packet. */
  get pending(): number {
    return this.#buffered;
  }

  /** Adds a chunk and returns every packet it completes (XML text, UTF-8). */
  push(chunk: Buffer): string[] {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    const out: string[] = [];
    for (;;) {
      const buf = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#buffered);
      this.#chunks = this.#buffered === 0 ? [] : [buf];
      const sep = buf.indexOf(NUL);
      if (sep < 0) {
        if (buf.length > MAX_LENGTH_DIGITS) throw bad('length prefix is not a number', buf);
        return out;
      }
      const digits = buf.toString('latin1', 0, sep);
      if (!/^\d{1,12}$/.test(digits))
        throw bad(`length prefix "${digits.slice(0, 20)}" is not a number`, buf);
      const length = Number(digits);
      if (length > this.#maxPacketBytes) {
        throw new CgcError(
          'PARSE_FAILED',
          `DBGp packet of ${length} bytes exceeds the ${this.#maxPacketBytes}-byte limit`,
          {
            details: { length, limit: this.#maxPacketBytes },
          },
        );
      }
      const end = sep + 1 + length;
      if (buf.length < end + 1) return out;
      if (buf[end] !== NUL) throw bad(`packet of declared length ${length} is not NUL-terminated`, buf);
      out.push(buf.toString('utf8', sep + 1, end));
      const rest = buf.subarray(end + 1);
      this.#buffered = rest.length;
      this.#chunks = rest.length ? [rest] : [];
      if (rest.length === 0) return out;
    }
  }
}

function bad(message: string, buf: Buffer): CgcError {
  return new CgcError('PARSE_FAILED', `malformed DBGp frame: ${message}`, {
    details: { head: buf.toString('latin1', 0, Math.min(32, buf.length)) },
  });
}

/** Encodes an IDE-to-engine command: the command line followed by NUL. */
export function encodeCommand(command: string, transactionId: number, args = '', data?: string): Buffer {
  const parts = [command, '-i', String(transactionId)];
  if (args) parts.push(args);
  if (data !== undefined) parts.push('--', Buffer.from(data, 'utf8').toString('base64'));
  return Buffer.from(`${parts.join(' ')}\0`, 'utf8');
}
