import type { GraphStore, NodeRow, RelRow } from '@cgc/core';
import { type LinkStats, linkRepository } from '../graph/link.js';
import type { GraphSink } from '../graph/sink.js';
import { writeDirectories, writeFileNodes } from '../graph/write-file.js';
import { dirId, fileId, paramId, routeId } from '../ids.js';
import type { FileIR } from '../ir.js';
import { checkCancelled, type IndexProgress } from '../pipeline.js';
import { Scope } from '../resolve/scope.js';
import type { FileEntry } from '../resolve/symbols.js';
import type { FileState, RepoSnapshot } from './file-state.js';
import {
  deleteByIds,
  deleteFileNodes,
  dropAttachments,
  dropLinks,
  dropStructure,
  stampRepository,
} from './graph-edits.js';
import { LiveTable } from './live-table.js';
import { fileKey, providedKeys, Recorder } from './recording.js';

/** A parsed new version of a file: its IR still has sources (stripped once its nodes are written). */
export interface ParsedFile {
  readonly state: FileState;
}

/** Drops what only node writing needs (sources, docs, decorators) from an IR. */
export function stripIr(ir: FileIR): void {
  for (const c of ir.classes) {
    delete c.source;
    delete c.docstring;
  }
  for (const fn of ir.functions) {
    delete fn.source;
    delete fn.docstring;
    fn.decorators = [];
  }
  ir.calls = [];
}

/** What changed on disk since the snapshot. */
export interface ChangeSet {
  /** Added or modified files, parsed. */
  readonly parsed: ReadonlyMap<string, ParsedFile>;
  readonly deleted: ReadonlySet<string>;
  /** Repository settings changed (tsconfig paths, go.mod): every file is linked again. */
  readonly config?: RepoSnapshot['config'];
}

/** What an update did. */
export interface UpdateStats {
  readonly added: string[];
  readonly modified: string[];
  readonly deleted: string[];
  /** Unchanged files linked again because they read something that changed. */
  readonly relinked: number;
  readonly link: LinkStats;
}

/** Options of {@link IncrementalIndex.apply}. */
export interface ApplyOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: IndexProgress) => void;
}

const NO_SINK: GraphSink = { node: async () => undefined, rel: async () => undefined };

function sortedRels(xs: Iterable<string>): string[] {
  return [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function nodeIds(e: FileEntry, repo: string): Map<string, string[]> {
  const fns = e.functions.map((f) => f.id);
  const params = e.functions.flatMap((f) => f.ir.params.map((p, i) => paramId(f.id, p.name, i)));
  return new Map([
    ['Class', e.classes.map((c) => c.id)],
    ['Function', fns],
    ['Parameter', params],
    ['Route', e.ir.routes.map((r) => routeId(repo, e.rel, r.method, r.path))],
  ]);
}

/**
 * The state of one indexed repository for incremental updates: the snapshot, a live
 * symbol table, and reverse indexes from what each file's resolution read to the file.
 */
export class IncrementalIndex {
  readonly snap: RepoSnapshot;
  readonly live: LiveTable;
  readonly #rec = new Recorder();
  /** Recorded key → files whose resolution read it. */
  readonly #readers = new Map<string, Set<string>>();
  /** Module id → files whose imports produced it. */
  readonly #moduleUsers = new Map<string, Set<string>>();
  #dirs = new Set<string>();

  constructor(snap: RepoSnapshot) {
    this.snap = snap;
    this.live = new LiveTable(snap.repo, this.#rec, snap.files.values());
    for (const f of snap.files.values()) this.#index(f);
    this.#dirs = this.#neededDirs();
  }

  /** Links in memory the files that have no recorded reads yet (after a full index or an old snapshot). */
  async prime(signal?: AbortSignal): Promise<void> {
    const missing = sortedRels([...this.snap.files.values()].filter((f) => !f.deps).map((f) => f.rel));
    if (missing.length) await this.#link(NO_SINK, missing, signal);
  }

  /** Applies a change set to the graph; the snapshot and tables follow. */
  async apply(store: GraphStore, change: ChangeSet, options: ApplyOptions = {}): Promise<UpdateStats> {
    const { snap, live } = this;
    const repo = { id: snap.repo, root: snap.root, isDependency: snap.isDependency };
    const added: string[] = [];
    const modified: string[] = [];
    const deleted = sortedRels([...change.deleted].filter((r) => snap.files.has(r) && !change.parsed.has(r)));
    const changed = new Set<string>();
    for (const rel of sortedRels(change.parsed.keys())) (snap.files.has(rel) ? modified : added).push(rel);
    const provided = new Set<string>();
    const old = new Map<string, FileEntry>();
    for (const rel of [...modified, ...deleted]) {
      const e = live.entry(rel)!;
      old.set(rel, e);
      for (const k of providedKeys(e, deleted.includes(rel))) provided.add(k);
    }
    const oldModules = new Set<string>();
    for (const rel of [...modified, ...deleted])
      for (const id of snap.files.get(rel)?.modules?.keys() ?? []) oldModules.add(id);

    // In memory first: the table, the nodes to write, the files to link again.
    for (const e of old.values()) live.remove(e);
    for (const rel of deleted) {
      this.#unindex(snap.files.get(rel)!);
      snap.files.delete(rel);
    }
    const queued: [string, ...unknown[]][] = [];
    const queue: GraphSink = {
      node: async (label, row) => void queued.push(['n', label, row]),
      rel: async (type, from, to, row) => void queued.push(['r', type, from, to, row]),
    };
    const dirsWritten = new Set<string>();
    for (const rel of [...added, ...modified].sort()) {
      const p = change.parsed.get(rel)!;
      const prev = snap.files.get(rel);
      if (prev) this.#unindex(prev);
      snap.files.set(rel, p.state);
      const entry = live.add(p.state);
      changed.add(rel);
      for (const k of providedKeys(entry, !prev)) provided.add(k);
      const parent = await writeDirectories(queue, repo, rel, dirsWritten);
      await writeFileNodes(queue, repo, entry, { hash: p.state.hash, size: p.state.size, parent });
      stripIr(p.state.ir);
    }
    const moved = live.reconcile();
    if (change.config) snap.config = change.config;

    const relink = new Set<string>(changed);
    if (change.config) for (const rel of snap.files.keys()) relink.add(rel);
    for (const k of provided) for (const rel of this.#readers.get(k) ?? []) if (snap.files.has(rel)) relink.add(rel);
    for (const fn of moved) relink.add(fn.file.rel);

    const staleByLabel = new Map<string, string[]>();
    for (const rel of modified) {
      const before = nodeIds(old.get(rel)!, repo.id);
      const after = nodeIds(live.entry(rel)!, repo.id);
      for (const [label, ids] of before) {
        const keep = new Set(after.get(label));
        const stale = ids.filter((id) => !keep.has(id));
        if (stale.length) staleByLabel.set(label, [...(staleByLabel.get(label) ?? []), ...stale]);
      }
    }
    const dirsNow = this.#neededDirs();
    const dirsGone = [...this.#dirs].filter((d) => !dirsNow.has(d));

    // The graph: marked as being updated until the end, so an interrupted update is detected.
    const ids = (rels: Iterable<string>) => [...rels].map((r) => fileId(repo.id, r));
    await stampRepository(store, repo.id, 0);
    await deleteFileNodes(store, ids([...deleted, ...added]));
    for (const [label, stale] of staleByLabel) await deleteByIds(store, label, stale);
    await dropStructure(store, ids(modified));
    await dropLinks(store, ids([...relink].filter((r) => !added.includes(r))));
    await dropAttachments(store, moved.map((fn) => fn.id));
    await deleteByIds(store, 'Directory', dirsGone);

    // Modules the files linked again produced before: they may lose their last importer.
    for (const rel of relink) for (const id of snap.files.get(rel)?.modules?.keys() ?? []) oldModules.add(id);
    const w = store.writer({ flushAt: 100_000 });
    for (const op of queued) {
      if (op[0] === 'n') await w.node(op[1] as string, op[2] as NodeRow);
      else await w.rel(op[1] as string, op[2] as string, op[3] as string, op[4] as RelRow);
    }
    for (const fn of live.attached())
      if (changed.has(fn.file.rel) || changed.has(fn.cls!.file.rel) || moved.includes(fn))
        await w.rel('CONTAINS', 'Class', 'Function', { from: fn.cls!.id, to: fn.id });
    await w.flush();
    const link = await this.#link(w, sortedRels(relink), options.signal, options.onProgress);
    checkCancelled(options.signal, snap.root);

    // Module nodes: one per external import, named after the first file (by path) that imports it.
    const touched = new Set(oldModules);
    for (const rel of relink) for (const id of snap.files.get(rel)?.modules?.keys() ?? []) touched.add(id);
    const unused: string[] = [];
    for (const id of touched) {
      const users = this.#moduleUsers.get(id);
      if (!users?.size) {
        unused.push(id);
        continue;
      }
      const first = sortedRels(users)[0]!;
      await w.node('Module', snap.files.get(first)!.modules!.get(id)!);
    }
    await w.node('Repository', { id: repo.id, repo: repo.id, name: snap.root.split('/').pop() ?? snap.root, path: snap.root, is_dependency: repo.isDependency });
    await w.flush();
    await deleteByIds(store, 'Module', unused);
    this.#dirs = dirsNow;
    snap.indexedAt = Date.now();
    await stampRepository(store, repo.id, snap.indexedAt);
    return { added, modified, deleted, relinked: [...relink].filter((r) => !changed.has(r)).length, link };
  }

  /** True when some file's unresolved import produces this Module node. */
  usesModule(id: string): boolean {
    return (this.#moduleUsers.get(id)?.size ?? 0) > 0;
  }

  async #link(
    sink: GraphSink,
    rels: readonly string[],
    signal?: AbortSignal,
    onProgress?: (p: IndexProgress) => void,
  ): Promise<LinkStats> {
    const total: LinkStats = { calls: 0, resolvedCalls: 0, unresolvedCalls: 0, edges: 0, nodes: 0 };
    const { table } = this.live;
    for (const [i, rel] of rels.entries()) {
      if (signal?.aborted) break;
      onProgress?.({ phase: 'resolve', done: i, total: rels.length, file: rel });
      const entry = this.live.entry(rel)!;
      const st = this.snap.files.get(rel)!;
      const modules = new Map<string, NodeRow>();
      const capture: GraphSink = {
        node: (label, row) => {
          if (label === 'Module') modules.set(String(row.id), row);
          return sink.node(label, row);
        },
        rel: (type, from, to, row) => sink.rel(type, from, to, row),
      };
      this.#unindex(st);
      this.#rec.begin();
      // A method attached to another file's class resolves `this` through that class.
      for (const fn of entry.functions) if (fn.cls && fn.cls.file !== entry) this.#rec.keys!.add(fileKey(fn.cls.file.rel));
      entry.calls = st.calls;
      let stats: LinkStats;
      try {
        stats = await linkRepository(capture, this.snap.repo, new Scope(table, this.snap.config), [entry]);
      } finally {
        st.deps = this.#rec.end();
      }
      st.modules = modules;
      this.#index(st);
      total.calls += stats.calls;
      total.resolvedCalls += stats.resolvedCalls;
      total.unresolvedCalls += stats.unresolvedCalls;
      total.edges += stats.edges;
      total.nodes += stats.nodes;
    }
    return total;
  }

  #index(f: FileState): void {
    for (const k of f.deps ?? []) {
      const set = this.#readers.get(k) ?? new Set<string>();
      set.add(f.rel);
      this.#readers.set(k, set);
    }
    for (const id of f.modules?.keys() ?? []) {
      const set = this.#moduleUsers.get(id) ?? new Set<string>();
      set.add(f.rel);
      this.#moduleUsers.set(id, set);
    }
  }

  #unindex(f: FileState): void {
    for (const k of f.deps ?? []) this.#readers.get(k)?.delete(f.rel);
    for (const id of f.modules?.keys() ?? []) this.#moduleUsers.get(id)?.delete(f.rel);
  }

  #neededDirs(): Set<string> {
    const out = new Set<string>();
    for (const rel of this.snap.files.keys()) {
      const parts = rel.split('/');
      for (let i = 1; i < parts.length; i++) out.add(dirId(this.snap.repo, parts.slice(0, i).join('/')));
    }
    return out;
  }
}
