import type { GraphStore, RelRow } from '@cgc/core';
import type { FrameInfo } from '../capture/chain-builder.js';
import { LruMap } from '../capture/lru.js';
import type { BatchSink, CaptureBatch, PendingFrame } from '../capture/recorder.js';
import { readNodeCounts, readRelCounts } from './counts.js';
import { markObservedCalls } from './observed-calls.js';
import type { PathMapping } from './path-mapping.js';
import { type FrameResolution, type FrameToResolve, resolveFrames } from './resolve-frames.js';

/** Options of a {@link ChainWriter}. */
export interface ChainWriterOptions {
  readonly mappings?: readonly PathMapping[];
  /** Entries of each in-memory cache (known frames, chains, resolutions). */
  readonly cacheSize?: number;
  /** Mark CALLS between resolved Functions (default true). */
  readonly markCalls?: boolean;
  readonly source?: string;
}

/** Totals written so far. */
export interface ChainWriterTotals {
  frames: number;
  chains: number;
  resolved: number;
  callsConfirmed: number;
  callsAdded: number;
}

/**
 * Writes capture batches: StackFrame and CallChain counts (read, add, write;
 * batches arrive one at a time from the recorder, so increments never race),
 * CALLED_BY and RAN counts, RESOLVES_TO for frames seen for the first time, and
 * observed CALLS between the Functions the frames resolve to.
 */
export class ChainWriter implements BatchSink {
  readonly #store: GraphStore;
  readonly #mappings: readonly PathMapping[];
  readonly #markCalls: boolean;
  readonly #source: string;
  readonly #knownFrames: LruMap<string, true>;
  readonly #resolved: LruMap<string, FrameResolution | null>;
  readonly totals: ChainWriterTotals = {
    frames: 0,
    chains: 0,
    resolved: 0,
    callsConfirmed: 0,
    callsAdded: 0,
  };

  constructor(store: GraphStore, options: ChainWriterOptions = {}) {
    this.#store = store;
    this.#mappings = options.mappings ?? [];
    this.#markCalls = options.markCalls ?? true;
    this.#source = options.source ?? 'xdebug';
    const size = options.cacheSize ?? 10_000;
    this.#knownFrames = new LruMap(size);
    this.#resolved = new LruMap(size);
  }

  async write(batch: CaptureBatch): Promise<void> {
    await this.#writeFrames(batch);
    await this.#writeChains(batch);
    await this.#writeEdges(batch);
    await this.#writeRequests(batch);
    await this.#resolveAndMark(batch);
  }

  async #writeFrames(batch: CaptureBatch): Promise<void> {
    if (batch.frames.size === 0) return;
    const ids = [...batch.frames.keys()];
    const old = await readNodeCounts(this.#store, 'StackFrame', ids);
    const rows = [];
    for (const p of batch.frames.values()) {
      const o = old.get(p.frame.id);
      if (o && p.delta === 0) continue;
      const full = !o || !this.#knownFrames.has(p.frame.id);
      rows.push({
        ...(full ? frameProps(p, this.#source) : {}),
        id: p.frame.id,
        count: (o?.count ?? 0) + p.delta,
        first_seen: o?.first ?? p.first,
        last_seen: p.last,
      });
      if (!o) this.totals.frames++;
    }
    await this.#store.upsertNodes('StackFrame', rows);
    for (const id of ids) this.#knownFrames.set(id, true);
  }

  async #writeChains(batch: CaptureBatch): Promise<void> {
    if (batch.chains.size === 0) return;
    const old = await readNodeCounts(this.#store, 'CallChain', [...batch.chains.keys()]);
    const rows = [];
    const ends = [];
    for (const c of batch.chains.values()) {
      const o = old.get(c.hash);
      // A chain's frames never change for its hash: only a new chain carries them.
      const full = !o;
      rows.push({
        ...(full
          ? {
              frame_ids: c.frames.map((f) => f.id),
              fqns: c.frames.map(label),
              depth: c.frames.length,
              root: label(c.frames[0]!),
              leaf: label(c.frames[c.frames.length - 1]!),
            }
          : {}),
        id: c.hash,
        count: (o?.count ?? 0) + c.delta,
        first_seen: o?.first ?? c.first,
        last_seen: c.last,
      });
      if (!o) {
        this.totals.chains++;
        ends.push({ from: c.hash, to: c.frames[c.frames.length - 1]!.id });
      }
    }
    await this.#store.upsertNodes('CallChain', rows);
    await this.#store.upsertRelationships('ENDS_AT', 'CallChain', 'StackFrame', ends);
  }

  async #writeEdges(batch: CaptureBatch): Promise<void> {
    if (batch.edges.size === 0) return;
    const edges = [...batch.edges.values()];
    const old = await readRelCounts(
      this.#store,
      'CALLED_BY',
      'StackFrame',
      'StackFrame',
      edges.map((e) => e.callee),
    );
    await this.#store.upsertRelationships(
      'CALLED_BY',
      'StackFrame',
      'StackFrame',
      edges.map((e) => ({
        from: e.callee,
        to: e.caller,
        properties: { count: (old.get(`${e.callee}>${e.caller}`) ?? 0) + e.delta, last_seen: e.last },
      })),
    );
  }

  async #writeRequests(batch: CaptureBatch): Promise<void> {
    if (batch.requests.size) {
      await this.#store.upsertNodes(
        'XdebugRequest',
        [...batch.requests.values()].map((r) => ({
          id: r.id,
          source: r.source,
          url: r.url,
          method: r.method,
          trigger: r.trigger,
          ide_key: r.ideKey,
          app_id: r.appId,
          script: r.script,
          started_at: r.startedAt,
          ended_at: r.endedAt,
          calls: r.calls,
          status: r.status,
          reason: r.reason,
          strategy: r.strategy,
        })),
      );
    }
    if (batch.requestChains.size === 0) return;
    const rc = [...batch.requestChains.values()];
    const old = await readRelCounts(
      this.#store,
      'RAN',
      'XdebugRequest',
      'CallChain',
      rc.map((r) => r.request),
    );
    await this.#store.upsertRelationships(
      'RAN',
      'XdebugRequest',
      'CallChain',
      rc.map((r) => ({
        from: r.request,
        to: r.chain,
        properties: { count: (old.get(`${r.request}>${r.chain}`) ?? 0) + r.delta },
      })),
    );
  }

  async #resolveAndMark(batch: CaptureBatch): Promise<void> {
    // This batch's resolutions, so a small LRU never drops one before the marking below.
    const local = new Map<string, FrameResolution | null>();
    const need: FrameToResolve[] = [];
    for (const p of batch.frames.values()) {
      const known = this.#resolved.get(p.frame.id);
      if (known === undefined) need.push(p);
      else local.set(p.frame.id, known);
    }
    if (need.length) {
      const found = await resolveFrames(this.#store, need, this.#mappings);
      const rels: Record<FrameResolution['label'], RelRow[]> = {
        Function: [],
        File: [],
      };
      for (const p of need) {
        const r = found.get(p.frame.id);
        this.#resolved.set(p.frame.id, r ?? null);
        local.set(p.frame.id, r ?? null);
        if (r)
          rels[r.label].push({
            from: p.frame.id,
            to: r.functionId,
            properties: { match_type: r.matchType, confidence: r.confidence },
          });
      }
      this.totals.resolved += rels.Function.length + rels.File.length;
      for (const label of ['Function', 'File'] as const)
        await this.#store.upsertRelationships('RESOLVES_TO', 'StackFrame', label, rels[label]);
    }
    if (!this.#markCalls) return;
    const calls = [];
    for (const e of batch.edges.values()) {
      const callee = local.get(e.callee);
      const caller = e.effectiveCaller ? local.get(e.effectiveCaller) : undefined;
      // Top-level code (a File) calls functions; nothing calls a File.
      if (callee?.label === 'Function' && caller) {
        calls.push({
          from: caller.functionId,
          fromLabel: caller.label,
          to: callee.functionId,
          count: e.delta,
          firstSeen: e.first,
          lastSeen: e.last,
        });
      }
    }
    const r = await markObservedCalls(this.#store, calls);
    this.totals.callsConfirmed += r.confirmed;
    this.totals.callsAdded += r.added;
  }
}

function label(f: FrameInfo): string {
  return f.name.fqn || f.where;
}

function frameProps(p: PendingFrame, source: string) {
  const f = p.frame;
  return {
    function: f.where,
    fqn: f.name.fqn,
    class_name: f.name.className,
    method_name: f.name.method,
    kind: f.name.kind,
    call_file: f.callFile,
    call_line: f.callLine,
    path: p.ownFile,
    line: p.ownLine,
    source,
  };
}
