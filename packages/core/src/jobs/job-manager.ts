import { randomUUID } from 'node:crypto';
import { CgcError, isCgcError } from '../errors.js';

/** Where a job is in its life. */
export type JobState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** How far a job has come; `total` is absent while unknown. */
export interface JobProgress {
  readonly done: number;
  readonly total?: number;
  readonly message?: string;
}

/** A job as seen from outside: a copy, safe to serialise. */
export interface JobSnapshot {
  readonly id: string;
  /** What sort of work it is (`index`, `watch-reindex`, …). */
  readonly kind: string;
  readonly state: JobState;
  /** One line for people: what the job works on. */
  readonly description: string;
  /** The inputs it was started with (JSON-safe). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly progress: JobProgress;
  /** ISO timestamps. */
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  /** Time spent running so far (or in total once finished), in ms. */
  readonly elapsedMs: number;
  /** A rough estimate of the time left, from the progress rate, in ms. */
  readonly etaMs?: number;
  /** True once cancel was asked, until the job settles. */
  readonly cancelRequested: boolean;
  readonly result?: unknown;
  readonly error?: { readonly code: string; readonly message: string };
}

/** What a running task can use. */
export interface JobContext {
  readonly id: string;
  /** Aborted when the job is cancelled or the manager closes. */
  readonly signal: AbortSignal;
  progress(done: number, total?: number, message?: string): void;
}

/** The work of a job; its resolved value becomes the job's result. */
export type JobTask<T = unknown> = (ctx: JobContext) => Promise<T>;

/** Options of {@link JobManager}. */
export interface JobManagerOptions {
  /** Finished jobs kept for status queries (default 100); the oldest are dropped first. */
  readonly historyLimit?: number;
  /** Jobs running at once (default 1: writers to one graph should not race). */
  readonly concurrency?: number;
  readonly now?: () => number;
}

/** Options of {@link JobManager.start}. */
export interface StartJobOptions {
  readonly description?: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

type Listener = (job: JobSnapshot) => void;

interface JobRecord {
  id: string;
  kind: string;
  description: string;
  params: Readonly<Record<string, unknown>>;
  state: JobState;
  progress: JobProgress;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  result?: unknown;
  error?: { code: string; message: string };
  controller: AbortController;
  task: JobTask;
  listeners: Set<Listener>;
  settled: Promise<void>;
  settle: () => void;
}

const TERMINAL: ReadonlySet<JobState> = new Set(['completed', 'failed', 'cancelled']);

/** True when a job state is final. */
export function isTerminal(state: JobState): boolean {
  return TERMINAL.has(state);
}

/**
 * Runs background jobs in this process: a queue with bounded concurrency, progress,
 * cancellation through AbortSignal and a bounded history of finished jobs. The one
 * manager of a server is shared by every transport, so a job started over HTTP runs
 * exactly as one started over stdio.
 */
export class JobManager {
  readonly #jobs = new Map<string, JobRecord>();
  readonly #queue: JobRecord[] = [];
  readonly #historyLimit: number;
  readonly #concurrency: number;
  readonly #now: () => number;
  #running = 0;
  #closed = false;

  constructor(options: JobManagerOptions = {}) {
    this.#historyLimit = Math.max(0, options.historyLimit ?? 100);
    this.#concurrency = Math.max(1, options.concurrency ?? 1);
    this.#now = options.now ?? Date.now;
  }

  /** Queues a task and returns its job at once; the task runs when a slot is free. */
  start<T>(kind: string, task: JobTask<T>, options: StartJobOptions = {}): JobSnapshot {
    if (this.#closed) throw new CgcError('CLOSED', 'the job manager is closed');
    let settle!: () => void;
    const settled = new Promise<void>((r) => {
      settle = r;
    });
    const job: JobRecord = {
      id: randomUUID(),
      kind,
      description: options.description ?? kind,
      params: options.params ?? {},
      state: 'queued',
      progress: { done: 0 },
      createdAt: this.#now(),
      controller: new AbortController(),
      task: task as JobTask,
      listeners: new Set(),
      settled,
      settle,
    };
    this.#jobs.set(job.id, job);
    this.#queue.push(job);
    this.#pump();
    return this.#snapshot(job);
  }

  /** The job with this id, or undefined when unknown or dropped from history. */
  get(id: string): JobSnapshot | undefined {
    const job = this.#jobs.get(id);
    return job && this.#snapshot(job);
  }

  /** Jobs, newest first, optionally filtered. */
  list(filter: { state?: JobState; kind?: string } = {}): JobSnapshot[] {
    return [...this.#jobs.values()]
      .filter(
        (j) =>
          (filter.state === undefined || j.state === filter.state) &&
          (filter.kind === undefined || j.kind === filter.kind),
      )
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((j) => this.#snapshot(j));
  }

  /** Counts of jobs per state. */
  counts(): Record<JobState, number> {
    const out: Record<JobState, number> = { queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
    for (const j of this.#jobs.values()) out[j.state]++;
    return out;
  }

  /**
   * Asks a job to stop. A queued job is cancelled at once; a running one is signalled and
   * becomes `cancelled` when its task returns. Cancelling a finished job changes nothing.
   */
  cancel(id: string, reason = 'cancelled'): JobSnapshot {
    const job = this.#require(id);
    if (job.state === 'queued') {
      const i = this.#queue.indexOf(job);
      if (i >= 0) this.#queue.splice(i, 1);
      job.controller.abort(new CgcError('CANCELLED', reason));
      this.#finish(job, 'cancelled', undefined, { code: 'CANCELLED', message: reason });
    } else if (job.state === 'running') {
      job.controller.abort(new CgcError('CANCELLED', reason));
      this.#emit(job);
    }
    return this.#snapshot(job);
  }

  /** Calls `listener` on every change of a job (progress, state); returns the unsubscribe function. */
  subscribe(id: string, listener: Listener): () => void {
    const job = this.#require(id);
    job.listeners.add(listener);
    return () => job.listeners.delete(listener);
  }

  /** Resolves with the job once it is final; `onChange` sees each update meanwhile. */
  async wait(id: string, options: { signal?: AbortSignal; onChange?: Listener } = {}): Promise<JobSnapshot> {
    const job = this.#require(id);
    const off = options.onChange ? this.subscribe(id, options.onChange) : () => undefined;
    try {
      if (!isTerminal(job.state)) {
        const aborted = new Promise<never>((_, reject) => {
          const signal = options.signal;
          if (!signal) return;
          const fail = () =>
            reject(new CgcError('CANCELLED', 'stopped waiting for the job (it keeps running)'));
          if (signal.aborted) fail();
          else signal.addEventListener('abort', fail, { once: true });
        });
        await Promise.race([job.settled, aborted]);
      }
      return this.#snapshot(job);
    } finally {
      off();
    }
  }

  /** Cancels every job and waits up to `graceMs` for running ones to return; safe to call twice. */
  async close(graceMs = 10_000): Promise<void> {
    this.#closed = true;
    const active = [...this.#jobs.values()].filter((j) => !isTerminal(j.state));
    for (const j of active) this.cancel(j.id, 'the server is shutting down');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((r) => {
      timer = setTimeout(r, graceMs);
      timer.unref();
    });
    await Promise.race([Promise.all(active.map((j) => j.settled)), grace]);
    clearTimeout(timer);
  }

  #require(id: string): JobRecord {
    const job = this.#jobs.get(id);
    if (!job)
      throw new CgcError(
        'NOT_FOUND',
        `no job with id ${id} (finished jobs are kept for the last ${this.#historyLimit})`,
      );
    return job;
  }

  #pump(): void {
    while (this.#running < this.#concurrency && this.#queue.length > 0) {
      const job = this.#queue.shift()!;
      this.#running++;
      void this.#run(job).finally(() => {
        this.#running--;
        this.#pump();
      });
    }
  }

  async #run(job: JobRecord): Promise<void> {
    job.state = 'running';
    job.startedAt = this.#now();
    this.#emit(job);
    const ctx: JobContext = {
      id: job.id,
      signal: job.controller.signal,
      progress: (done, total, message) => {
        if (isTerminal(job.state)) return;
        job.progress = {
          done,
          ...(total === undefined ? {} : { total }),
          ...(message === undefined ? {} : { message }),
        };
        this.#emit(job);
      },
    };
    try {
      // A task that throws synchronously still becomes a failed job.
      const result = await Promise.resolve().then(() => {
        // Cancelled between being scheduled and starting: never run it.
        if (job.controller.signal.aborted) throw job.controller.signal.reason;
        return job.task(ctx);
      });
      if (job.controller.signal.aborted) this.#finish(job, 'cancelled', result, cancelledError(job));
      else this.#finish(job, 'completed', result);
    } catch (err) {
      if (job.controller.signal.aborted || isCgcError(err, 'CANCELLED')) {
        this.#finish(job, 'cancelled', undefined, cancelledError(job));
      } else {
        const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 1000);
        this.#finish(job, 'failed', undefined, { code: isCgcError(err) ? err.code : 'INTERNAL', message });
      }
    }
  }

  #finish(
    job: JobRecord,
    state: JobState,
    result?: unknown,
    error?: { code: string; message: string },
  ): void {
    job.state = state;
    job.finishedAt = this.#now();
    if (result !== undefined) job.result = result;
    if (error) job.error = error;
    this.#emit(job);
    job.listeners.clear();
    job.settle();
    this.#trim();
  }

  #trim(): void {
    const finished = [...this.#jobs.values()]
      .filter((j) => isTerminal(j.state))
      .sort((a, b) => a.createdAt - b.createdAt);
    for (let i = 0; i < finished.length - this.#historyLimit; i++) this.#jobs.delete(finished[i]!.id);
  }

  #emit(job: JobRecord): void {
    if (job.listeners.size === 0) return;
    const snap = this.#snapshot(job);
    for (const l of job.listeners) {
      try {
        l(snap);
      } catch {
        // A failing observer must not break the job it observes.
      }
    }
  }

  #snapshot(job: JobRecord): JobSnapshot {
    const now = this.#now();
    const elapsedMs = job.startedAt === undefined ? 0 : (job.finishedAt ?? now) - job.startedAt;
    const { done, total } = job.progress;
    const etaMs =
      job.state === 'running' && total !== undefined && done > 0 && total >= done
        ? Math.round((elapsedMs / done) * (total - done))
        : undefined;
    const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
    return {
      id: job.id,
      kind: job.kind,
      state: job.state,
      description: job.description,
      params: job.params,
      progress: job.progress,
      createdAt: iso(job.createdAt)!,
      ...(job.startedAt === undefined ? {} : { startedAt: iso(job.startedAt) }),
      ...(job.finishedAt === undefined ? {} : { finishedAt: iso(job.finishedAt) }),
      elapsedMs,
      ...(etaMs === undefined ? {} : { etaMs }),
      cancelRequested: job.controller.signal.aborted,
      ...(job.result === undefined ? {} : { result: job.result }),
      ...(job.error ? { error: job.error } : {}),
    };
  }
}

function cancelledError(job: JobRecord): { code: string; message: string } {
  const reason = job.controller.signal.reason;
  return { code: 'CANCELLED', message: reason instanceof Error ? reason.message : 'cancelled' };
}
