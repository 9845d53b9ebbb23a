import type { GraphStore, Logger } from '@cgc/core';
import { ChainBuilder } from './capture/chain-builder.js';
import { CallRecorder } from './capture/recorder.js';
import { DbgpListener } from './dbgp/listener.js';
import type { BreakpointSpec } from './dbgp/session.js';
import { planBreakpoints } from './graph/breakpoint-plan.js';
import { ChainWriter } from './graph/chain-writer.js';
import type { XdebugSettings } from './settings.js';
import { importTraces, type TraceImportResult } from './trace/import-trace.js';
import { TraceWatcher } from './trace/trace-watcher.js';

/** The banner logged whenever the listener starts. */
export const NOT_FOR_PRODUCTION =
  'the Xdebug DBGp listener is a DEVELOPMENT tool: it steps through every statement of the PHP requests that ' +
  'connect, slowing them down many times. Never enable it in production, and keep it on loopback or behind an allow-list.';

/**
 * Everything a capture needs over one store: the chain builder, the recorder
 * (with a periodic flush) and its graph writer, and optionally the DBGp
 * listener and the trace-directory watcher.
 */
export class XdebugRuntime {
  readonly settings: XdebugSettings;
  readonly store: GraphStore;
  readonly builder: ChainBuilder;
  readonly writer: ChainWriter;
  readonly recorder: CallRecorder;
  readonly #logger: Logger;
  #listener: DbgpListener | undefined;
  #watcher: TraceWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #breakpoints: { at: number; list: readonly BreakpointSpec[] } | undefined;

  constructor(store: GraphStore, settings: XdebugSettings, logger: Logger) {
    this.store = store;
    this.settings = settings;
    this.#logger = logger;
    this.builder = new ChainBuilder(Math.max(settings.cacheSize, 1000) * 5);
    this.writer = new ChainWriter(store, { mappings: settings.pathMappings, cacheSize: settings.cacheSize });
    this.recorder = new CallRecorder(this.writer);
  }

  get listener(): DbgpListener | undefined {
    return this.#listener;
  }

  /** Starts the DBGp listener (and trace watcher when configured); resolves with the bound port. */
  async startListener(): Promise<number> {
    this.#logger.warn(NOT_FOR_PRODUCTION);
    const s = this.settings;
    this.#listener ??= new DbgpListener(
      s.strategy === 'step' ? s : { ...s, breakpoints: () => this.breakpoints() },
      this.recorder,
      this.#logger,
    );
    const port = await this.#listener.listen();
    this.#logger.info(`DBGp listener on ${s.host}:${port}`, {
      allow: s.allow.length ? s.allow : ['loopback'],
      maxSessions: s.maxSessions,
    });
    this.#startFlushTimer();
    this.startWatcher();
    return port;
  }

  /** Starts importing traces from `traceDir` as they appear (no-op without one). */
  startWatcher(): void {
    const dir = this.settings.traceDir;
    if (!dir || this.#watcher) return;
    this.#watcher = new TraceWatcher(dir, this.#importDeps(), this.#logger);
    this.#watcher.start();
    this.#logger.info(`watching ${dir} for Xdebug traces`);
  }

  /**
   * Breakpoints for every PHP function and method the graph knows (see
   * {@link planBreakpoints}; cached 30 s), or none when there are more than
   * maxBreakpoints (the session then steps).
   */
  async breakpoints(): Promise<readonly BreakpointSpec[]> {
    const now = Date.now();
    if (this.#breakpoints && now - this.#breakpoints.at < 30_000) return this.#breakpoints.list;
    let list = await planBreakpoints(this.store, this.settings.pathMappings);
    if (list.length > this.settings.maxBreakpoints) {
      this.#logger.info(
        `${list.length} PHP breakpoints exceed maxBreakpoints ${this.settings.maxBreakpoints}: stepping instead`,
      );
      list = [];
    }
    this.#breakpoints = { at: now, list };
    return list;
  }

  /** Imports a trace file or directory and flushes. */
  async importTraces(path: string): Promise<TraceImportResult[]> {
    return importTraces(path, this.#importDeps());
  }

  /** Writes whatever is pending. */
  flush(): Promise<void> {
    return this.recorder.flush();
  }

  status(): Record<string, unknown> {
    return {
      enabled: this.settings.enabled,
      listener: this.#listener?.status(),
      recorded: this.recorder.totals,
      written: this.writer.totals,
      lastFlushError: this.recorder.lastError?.message,
      traceDir: this.settings.traceDir,
    };
  }

  /** Stops listener and watcher and flushes; safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#watcher?.stop();
    await this.#listener?.close();
    await this.recorder
      .flush()
      .catch((err: Error) => this.#logger.error(`final Xdebug flush failed: ${err.message}`));
  }

  #importDeps() {
    return {
      builder: this.builder,
      recorder: this.recorder,
      store: this.store,
      reader: { includeInternal: this.settings.includeInternal, maxDepth: this.settings.maxDepth },
    };
  }

  #startFlushTimer(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.recorder.flush().catch((err: Error) => this.#logger.error(`Xdebug flush failed: ${err.message}`));
    }, this.settings.flushIntervalMs);
    this.#timer.unref();
  }
}
