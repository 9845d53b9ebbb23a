import { createServer, type Server, type Socket } from 'node:net';
import { CgcError, type Logger } from '@cgc/core';
import { ChainBuilder } from '../capture/chain-builder.js';
import type { CallRecorder } from '../capture/recorder.js';
import { DbgpConnection } from './connection.js';
import { runSession, type SessionOptions, type SessionResult } from './session.js';

/** Options of a {@link DbgpListener}. */
export interface DbgpListenerOptions extends SessionOptions {
  readonly host: string;
  readonly port: number;
  /** Client addresses allowed to connect; empty allows loopback only. `*` allows any. */
  readonly allow: readonly string[];
  readonly maxSessions: number;
  readonly maxPacketBytes: number;
  readonly maxSessionBytes: number;
  readonly responseTimeoutMs: number;
}

/** A snapshot of the listener for `status`. */
export interface ListenerStatus {
  readonly listening: boolean;
  readonly address: string | undefined;
  readonly active: number;
  readonly sessions: number;
  readonly refused: number;
  readonly calls: number;
  readonly steps: number;
  readonly endings: Readonly<Record<string, number>>;
  readonly lastError: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);

/** Normalises an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`). */
export function normaliseAddress(a: string | undefined): string {
  if (!a) return '';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

/** True when `address` may connect under `allow` (loopback only when the list is empty). */
export function isAllowed(address: string, allow: readonly string[]): boolean {
  const a = normaliseAddress(address);
  if (allow.length === 0) return LOOPBACK.has(a);
  return allow.some((x) => x === '*' || normaliseAddress(x) === a);
}

/**
 * The DBGp listener: accepts Xdebug connections (many at once), refuses
 * addresses outside the allow-list, runs one capture session per connection
 * and keeps serving whatever one session does wrong.
 */
export class DbgpListener {
  readonly #options: DbgpListenerOptions;
  readonly #recorder: CallRecorder;
  readonly #logger: Logger;
  readonly #builder = new ChainBuilder();
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  readonly #running = new Set<Promise<SessionResult>>();
  #stats = { sessions: 0, refused: 0, calls: 0, steps: 0, lastError: undefined as string | undefined };
  readonly #endings: Record<string, number> = {};
  /** Called after each session ends (tests and the status tool use it). */
  onSessionEnd: ((r: SessionResult) => void) | undefined;

  constructor(options: DbgpListenerOptions, recorder: CallRecorder, logger: Logger) {
    this.#options = options;
    this.#recorder = recorder;
    this.#logger = logger;
  }

  /** Starts listening; resolves with the bound port. */
  async listen(): Promise<number> {
    if (this.#server) return this.port;
    const server = createServer((socket) => this.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) =>
        reject(
          new CgcError(
            'CONFIG_INVALID',
            `cannot listen on ${this.#options.host}:${this.#options.port}: ${err.message}`,
            { cause: err },
          ),
        ),
      );
      server.listen(this.#options.port, this.#options.host, () => resolve());
    });
    server.on('error', (err) => this.#logger.error(`DBGp listener error: ${err.message}`));
    this.#server = server;
    return this.port;
  }

  /** The bound port (0 before listen). */
  get port(): number {
    const a = this.#server?.address();
    return typeof a === 'object' && a ? a.port : 0;
  }

  /** Waits for every running session to end (tests). */
  async idle(): Promise<void> {
    while (this.#running.size) await Promise.allSettled([...this.#running]);
  }

  status(): ListenerStatus {
    return {
      listening: this.#server !== undefined,
      address: this.#server ? `${this.#options.host}:${this.port}` : undefined,
      active: this.#running.size,
      sessions: this.#stats.sessions,
      refused: this.#stats.refused,
      calls: this.#stats.calls,
      steps: this.#stats.steps,
      endings: { ...this.#endings },
      lastError: this.#stats.lastError,
    };
  }

  /** Stops accepting, ends open sessions and closes the server; safe to call twice. */
  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const s of this.#sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await this.idle();
  }

  #accept(socket: Socket): void {
    const remote = normaliseAddress(socket.remoteAddress);
    if (!isAllowed(remote, this.#options.allow)) {
      this.#stats.refused++;
      this.#logger.warn(`DBGp connection from ${remote} refused: not in the allow-list`);
      socket.destroy();
      return;
    }
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.setNoDelay(true);
    const conn = new DbgpConnection(socket, {
      maxPacketBytes: this.#options.maxPacketBytes,
      maxSessionBytes: this.#options.maxSessionBytes,
      responseTimeoutMs: this.#options.responseTimeoutMs,
    });
    if (this.#running.size >= this.#options.maxSessions) {
      this.#stats.refused++;
      this.#logger.warn(
        `DBGp connection from ${remote} detached: ${this.#options.maxSessions} sessions already running`,
      );
      void conn
        .init(this.#options.initTimeoutMs)
        .then(() => conn.send('detach'))
        .catch(() => undefined)
        .finally(() => conn.close());
      return;
    }
    this.#stats.sessions++;
    const run = runSession(conn, this.#recorder, this.#builder, this.#options, this.#logger)
      .then((r) => {
        this.#stats.calls += r.calls;
        this.#stats.steps += r.steps;
        this.#endings[r.reason] = (this.#endings[r.reason] ?? 0) + 1;
        if (r.error) this.#stats.lastError = r.error.message;
        this.onSessionEnd?.(r);
        return r;
      })
      .finally(() => this.#running.delete(run));
    this.#running.add(run);
  }
}
