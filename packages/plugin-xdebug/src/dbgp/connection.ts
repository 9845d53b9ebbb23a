import type { Socket } from 'node:net';
import { CgcError, isCgcError } from '@cgc/core';
import { DbgpFrameDecoder, encodeCommand } from './framing.js';
import {
  type DbgpInit,
  type DbgpNotice,
  type DbgpPacket,
  type DbgpResponse,
  parsePacket,
} from './packets.js';

/** Limits of one connection. */
export interface DbgpConnectionLimits {
  readonly maxPacketBytes: number;
  /** Total bytes the engine may send over the session. */
  readonly maxSessionBytes: number;
  /** How long to wait for one response. */
  readonly responseTimeoutMs: number;
}

interface Waiter {
  readonly tid: number;
  readonly command: string;
  resolve(r: DbgpResponse): void;
  reject(e: CgcError): void;
  timer: NodeJS.Timeout;
}

/**
 * One engine connection: sends a command with a fresh transaction id and
 * resolves with the response carrying that id. Commands are strictly one at a
 * time (the caller awaits each), so a response never belongs to another command.
 */
export class DbgpConnection {
  readonly #socket: Socket;
  readonly #decoder: DbgpFrameDecoder;
  readonly #limits: DbgpConnectionLimits;
  #tid = 0;
  #waiter: Waiter | undefined;
  #init: Promise<DbgpInit>;
  #initSettle!: { resolve(i: DbgpInit): void; reject(e: CgcError): void };
  #failure: CgcError | undefined;
  /** Bytes received so far. */
  bytes = 0;
  /** Notifications and streams received (counted, the last few kept). */
  readonly notices: DbgpNotice[] = [];
  noticeCount = 0;

  constructor(socket: Socket, limits: DbgpConnectionLimits) {
    this.#socket = socket;
    this.#limits = limits;
    this.#decoder = new DbgpFrameDecoder(limits.maxPacketBytes);
    this.#init = new Promise((resolve, reject) => {
      this.#initSettle = { resolve, reject };
    });
    this.#init.catch(() => undefined);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    // A reset (the PHP process died) ends the session like a close does.
    socket.on('error', (err) =>
      this.fail(new CgcError('CLOSED', `DBGp connection lost: ${err.message}`, { cause: err })),
    );
    socket.on('close', () => {
      const pending = this.#decoder.pending;
      this.fail(
        pending > 0
          ? new CgcError(
              'PARSE_FAILED',
              `truncated DBGp packet: the connection closed with ${pending} bytes of it unread`,
            )
          : new CgcError('CLOSED', 'the engine closed the DBGp connection'),
      );
    });
  }

  /** Why the connection failed, if it did. */
  get failure(): CgcError | undefined {
    return this.#failure;
  }

  /** Resolves with the engine's init packet (the first packet of a session). */
  init(timeoutMs: number): Promise<DbgpInit> {
    const timer = setTimeout(
      () => this.fail(new CgcError('DB_TIMEOUT', `no DBGp init packet within ${timeoutMs} ms`)),
      timeoutMs,
    );
    return this.#init.finally(() => clearTimeout(timer));
  }

  /** Sends one command and resolves with its response (an engine error is returned, not thrown). */
  send(command: string, args = '', data?: string): Promise<DbgpResponse> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#waiter) {
      return Promise.reject(
        new CgcError('INTERNAL', `DBGp command ${command} sent while ${this.#waiter.command} is pending`),
      );
    }
    const tid = ++this.#tid;
    return new Promise<DbgpResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(
          new CgcError(
            'DB_TIMEOUT',
            `no response to DBGp ${command} within ${this.#limits.responseTimeoutMs} ms`,
          ),
        );
      }, this.#limits.responseTimeoutMs);
      this.#waiter = { tid, command, resolve, reject, timer };
      this.#socket.write(encodeCommand(command, tid, args, data));
    });
  }

  /** Fails the connection: rejects what is pending and destroys the socket. Idempotent. */
  fail(err: CgcError): void {
    if (this.#failure) return;
    this.#failure = err;
    this.#initSettle.reject(err);
    const w = this.#waiter;
    this.#waiter = undefined;
    if (w) {
      clearTimeout(w.timer);
      w.reject(err);
    }
    this.#socket.destroy();
  }

  /** Closes the socket without marking a failure (after detach). */
  close(): void {
    this.#failure ??= new CgcError('CLOSED', 'DBGp session closed');
    this.#socket.end();
    setTimeout(() => this.#socket.destroy(), 1000).unref();
  }

  #onData(chunk: Buffer): void {
    if (this.#failure) return;
    this.bytes += chunk.length;
    if (this.bytes > this.#limits.maxSessionBytes) {
      this.fail(
        new CgcError(
          'INVALID_INPUT',
          `DBGp session exceeded its ${this.#limits.maxSessionBytes}-byte limit`,
          {
            details: { limit: 'size' },
          },
        ),
      );
      return;
    }
    let packets: string[];
    try {
      packets = this.#decoder.push(chunk);
    } catch (err) {
      this.fail(isCgcError(err) ? err : new CgcError('PARSE_FAILED', String(err)));
      return;
    }
    for (const xml of packets) {
      let p: DbgpPacket;
      try {
        p = parsePacket(xml);
      } catch (err) {
        this.fail(isCgcError(err) ? err : new CgcError('PARSE_FAILED', String(err)));
        return;
      }
      this.#dispatch(p);
      if (this.#failure) return;
    }
  }

  #dispatch(p: DbgpPacket): void {
    if (p.kind === 'init') {
      this.#initSettle.resolve(p);
      return;
    }
    if (p.kind !== 'response') {
      this.noticeCount++;
      this.notices.push(p);
      if (this.notices.length > 20) this.notices.shift();
      return;
    }
    const w = this.#waiter;
    if (!w || w.tid !== p.transactionId) {
      this.fail(
        new CgcError(
          'PARSE_FAILED',
          `DBGp response with transaction_id ${p.transactionId} matches no pending command`,
          {
            details: { expected: w?.tid ?? null, command: p.command },
          },
        ),
      );
      return;
    }
    this.#waiter = undefined;
    clearTimeout(w.timer);
    w.resolve(p);
  }
}
