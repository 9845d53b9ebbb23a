import { basename } from 'node:path';
import type { GraphStore, NodeRow } from '@cgc/core';
import { eventLoopPauser } from '../graph/event-loop.js';
import { type LinkStats, linkRepository } from '../graph/link.js';
import type { GraphSink } from '../graph/sink.js';
import { type RepoInfo, writeDirectories, writeFileNodes } from '../graph/write-file.js';
import { dirId, fileId } from '../ids.js';
import type { FileIR } from '../ir.js';
import { checkCancelled, type IndexProgress } from '../pipeline.js';
import { resolutionDecorators } from '../resolve/cfg-variants.js';
import { Scope } from '../resolve/scope.js';
import type { FileEntry } from '../resolve/symbols.js';
import { clearDirty, type FileState, markDirty, type RepoSnapshot } from './file-state.js';
import { deleteByIds, deleteFileNodes, removeRows } from './graph-edits.js';
import { HashSpool, inMemory } from './hash-spool.js';
import { LiveTable } from './live-table.js';
import { ReaderIndex } from './reader-index.js';
import { providedKeys, Recorder } from './recording.js';
import { diffRows, packHashes, type Row, RowCollector, type RowHashes, unpackHashes } from './row-set.js';

/** A parsed new version of a file: its IR still has sources (stripped once its nodes are written). */
export interface ParsedFile {
  readonly state: FileState;
}

/** Drops what only node writing needs (sources, docs, most decorators) from an IR. */
export function stripIr(ir: FileIR): void {
  for (const c of ir.classes) {
    delete c.source;
    delete c.docstring;
  }
  for (const fn of ir.functions) {
    delete fn.source;
    delete fn.docstring;
    fn.decorators = resolutionDecorators(fn.decorators, []);
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
  /** Milliseconds spent: in memory (table, rows, linking), removing rows, writing rows. */
  readonly ms: { readonly memory: number; readonly remove: number; readonly write: number };
}

/** Options of {@link IncrementalIndex.apply}. */
export interface ApplyOptions {
  /** Where the dirty mark of an update in progress is kept. */
  readonly stateDir: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: IndexProgress) => void;
}

async function structureOf(
  entry: FileEntry,
  repo: RepoInfo,
  file: { readonly hash: string; readonly size: number },
): Promise<RowCollector> {
  const rows = new RowCollector();
  const parts = entry.rel.split('/');
  const parent = parts.length > 1 ? dirId(repo.id, parts.slice(0, -1).join('/')) : repo.id;
  // Nodes are written before methods declared apart from their class are attached (Go):
  // describe them as written then; the attachment edge is part of linking.
  const attached = entry.functions
    .filter((f) => f.cls && f.cls.file !== entry)
    .map((f) => [f, f.cls] as const);
  for (const [f] of attached) f.cls = undefined;
  try {
    await writeFileNodes(rows.sink, repo, entry, { hash: file.hash, size: file.size, parent });
  } finally {
    for (const [f, cls] of attached) f.cls = cls;
  }
  return rows;
}

function sortedRels(xs: Iterable<string>): string[] {
  return [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The state of one indexed repository for incremental updates: the snapshot, a live
 * symbol table, and reverse indexes from what each file's resolution read to the file.
 */
export class IncrementalIndex {
  readonly snap: RepoSnapshot;
  readonly live: LiveTable;
  readonly #rec: Recorder;
  readonly #readers = new ReaderIndex(() => this.snap.files.values());
  /** Module id → files whose imports produced it. */
  readonly #moduleUsers = new Map<string, Set<string>>();
  #dirs = new Set<string>();
  /** Module rows as the graph holds them (JSON), to write only those that change. */
  readonly #moduleRows = new Map<string, string>();
  /** Where a full link puts each file's hashes of what it wrote, until the snapshot is saved. */
  #spool: HashSpool | undefined;

  /** `live`: the table a full index just filled (see {@link LiveTable}), else built from the snapshot. */
  constructor(snap: RepoSnapshot, live?: LiveTable) {
    this.snap = snap;
    this.#rec = live?.rec ?? new Recorder();
    this.live = live ?? new LiveTable(snap.repo, this.#rec, snap.files.values());
    for (const f of snap.files.values()) this.#index(f);
    this.#dirs = this.#neededDirs();
  }

  /**
   * Links every file, recording its reads, and writes what linking produces to `out` as a full
   * index does (each Module node once, by the first file in path order that imports it).
   */
  linkAll(out: GraphSink, signal?: AbortSignal, onProgress?: (p: IndexProgress) => void): Promise<LinkStats> {
    return this.#link(sortedRels(this.snap.files.keys()), signal, onProgress, undefined, out);
  }

  /** Links in memory the files that have no recorded reads yet (after a full index or an old snapshot). */
  async prime(signal?: AbortSignal, onProgress?: (p: IndexProgress) => void): Promise<void> {
    const missing = sortedRels([...this.snap.files.values()].filter((f) => !f.deps).map((f) => f.rel));
    const progress = onProgress && ((p: IndexProgress) => onProgress({ ...p, phase: 'snapshot' }));
    if (missing.length) await this.#link(missing, signal, progress);
    for (const [id, users] of this.#moduleUsers)
      if (users.size)
        this.#moduleRows.set(
          id,
          JSON.stringify(this.snap.files.get(sortedRels(users)[0]!)!.modules!.get(id)),
        );
  }

  /** Applies a change set to the graph; the snapshot and tables follow. */
  async apply(store: GraphStore, change: ChangeSet, options: ApplyOptions): Promise<UpdateStats> {
    const t0 = performance.now();
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
    const touchedModules = new Set<string>();
    const oldLinks = new Map<string, FileState['links']>();
    const oldStructure = new Map<string, RowHashes | undefined>();
    for (const rel of [...modified, ...deleted]) {
      const st = snap.files.get(rel)!;
      for (const id of st.modules?.keys() ?? []) touchedModules.add(id);
      oldLinks.set(rel, st.links);
      // Unknown (after a full index): what the old version wrote, from its IR (sources aside).
      oldStructure.set(rel, st.structure ?? (await structureOf(old.get(rel)!, repo, st)).hashes());
    }

    // In memory first: the table, the rows to write, the files to link again.
    for (const e of old.values()) live.remove(e);
    for (const rel of deleted) {
      this.#unindex(snap.files.get(rel)!);
      snap.files.delete(rel);
    }
    const write: Row[] = [];
    const gone: string[] = [];
    const dirsWritten = new Set<string>();
    for (const rel of [...added, ...modified].sort()) {
      const p = change.parsed.get(rel)!;
      const prev = snap.files.get(rel);
      if (prev) this.#unindex(prev);
      snap.files.set(rel, p.state);
      const entry = live.add(p.state);
      changed.add(rel);
      for (const k of providedKeys(entry, !prev)) provided.add(k);
      if (!prev) {
        const dirs = new RowCollector();
        await writeDirectories(dirs.sink, repo, rel, dirsWritten);
        write.push(...dirs.rows.values());
      }
      const rows = await structureOf(entry, repo, p.state);
      const hashes = rows.hashes();
      const d = diffRows(oldStructure.get(rel), rows, hashes);
      write.push(...d.write);
      gone.push(...d.gone);
      p.state.structure = hashes;
      stripIr(p.state.ir);
      // Linking diffs against what this path linked before, whatever its version.
      p.state.links = oldLinks.get(rel);
    }
    const moved = live.reconcile();
    if (change.config) snap.config = change.config;

    const relink = new Set<string>(changed);
    if (change.config) for (const rel of snap.files.keys()) relink.add(rel);
    for (const k of provided)
      for (const rel of this.#readers.readersOf(k)) if (snap.files.has(rel)) relink.add(rel);
    for (const fn of moved) relink.add(fn.file.rel);
    for (const rel of relink)
      for (const id of snap.files.get(rel)?.modules?.keys() ?? []) touchedModules.add(id);
    const dirsNow = this.#neededDirs();
    const dirsGone = [...this.#dirs].filter((d) => !dirsNow.has(d));
    const links = new RowCollector();
    const linksGone: string[] = [];
    const link = await this.#link(sortedRels(relink), options.signal, options.onProgress, (st, rows) => {
      const hashes = rows.hashes();
      const d = diffRows(unpackHashes(inMemory(st.links)), rows, hashes);
      for (const r of d.write) links.add(r);
      linksGone.push(...d.gone);
      st.links = packHashes(hashes);
    });
    checkCancelled(options.signal, snap.root);
    for (const rel of relink)
      for (const id of snap.files.get(rel)?.modules?.keys() ?? []) touchedModules.add(id);
    // Module nodes: one per external import, named after the first file (by path) that imports it.
    const unused: string[] = [];
    for (const id of touchedModules) {
      const users = this.#moduleUsers.get(id);
      if (!users?.size) {
        unused.push(id);
        this.#moduleRows.delete(id);
        continue;
      }
      const row = snap.files.get(sortedRels(users)[0]!)!.modules!.get(id)!;
      const json = JSON.stringify(row);
      if (this.#moduleRows.get(id) === json) continue;
      this.#moduleRows.set(id, json);
      write.push({ kind: 'n', label: 'Module', row });
    }

    // The graph, marked dirty meanwhile: an interrupted update makes the next run a full index.
    const t1 = performance.now();
    await markDirty(options.stateDir, repo.id);
    const ids = (rels: Iterable<string>) => [...rels].map((r) => fileId(repo.id, r));
    await deleteFileNodes(store, ids([...deleted, ...added]));
    await removeRows(store, gone, false);
    await removeRows(store, linksGone, true);
    await deleteByIds(store, 'Directory', dirsGone);
    await deleteByIds(store, 'Module', unused);
    const t2 = performance.now();
    const w = store.writer({ flushAt: 100_000 });
    for (const r of [...write, ...links.rows.values()]) {
      if (r.kind === 'n') await w.node(r.label, r.row);
      else await w.rel(r.type, r.from, r.to, r.row);
    }
    snap.indexedAt = Date.now();
    await w.node('Repository', {
      id: repo.id,
      repo: repo.id,
      name: basename(snap.root),
      path: snap.root,
      is_dependency: repo.isDependency,
      indexed_at: snap.indexedAt,
    });
    await w.flush();
    await clearDirty(options.stateDir, repo.id);
    this.#dirs = dirsNow;
    const ms = (a: number, b: number) => Math.round(b - a);
    return {
      added,
      modified,
      deleted,
      relinked: [...relink].filter((r) => !changed.has(r)).length,
      link,
      ms: { memory: ms(t0, t1), remove: ms(t1, t2), write: ms(t2, performance.now()) },
    };
  }

  /** True when some file's unresolved import produces this Module node. */
  usesModule(id: string): boolean {
    return (this.#moduleUsers.get(id)?.size ?? 0) > 0;
  }

  /** The Module ids some file's imports produce. */
  usedModules(): Set<string> {
    return new Set([...this.#moduleUsers].filter(([, users]) => users.size > 0).map(([id]) => id));
  }

  /**
   * Forgets what the index holds in memory (the snapshot's files, the symbol table, the recorded
   * reads): `cgc index` once the snapshot is saved, before the database takes a first index's rows.
   * No update can follow.
   */
  release(): void {
    this.snap.files.clear();
    this.live.clear();
    this.#moduleUsers.clear();
    this.#moduleRows.clear();
    this.#dirs.clear();
    this.#spool = undefined;
  }

  async #link(
    rels: readonly string[],
    signal?: AbortSignal,
    onProgress?: (p: IndexProgress) => void,
    onLinked?: (st: FileState, rows: RowCollector) => void,
    out?: GraphSink,
  ): Promise<LinkStats> {
    const total: LinkStats = { calls: 0, resolvedCalls: 0, unresolvedCalls: 0, edges: 0, nodes: 0 };
    const { table } = this.live;
    const modulesOut = new Set<string>();
    const pause = eventLoopPauser();
    for (const [i, rel] of rels.entries()) {
      if (signal?.aborted) break;
      const paused = pause();
      if (paused) await paused;
      onProgress?.({ phase: 'resolve', done: i, total: rels.length, file: rel });
      const entry = this.live.entry(rel)!;
      const st = this.snap.files.get(rel)!;
      const modules = new Map<string, NodeRow>();
      const rows = new RowCollector();
      const capture: GraphSink = {
        node: async (label, row) => {
          if (label === 'Module') {
            const id = String(row.id);
            modules.set(id, row);
            if (!out || modulesOut.has(id)) return;
            modulesOut.add(id);
          } else await rows.sink.node(label, row);
          await out?.node(label, row);
        },
        rel: async (type, from, to, row) => {
          await rows.sink.rel(type, from, to, row);
          await out?.rel(type, from, to, row);
        },
      };
      this.#unindex(st);
      this.#rec.begin();
      // A method attached to another file's class resolves `this` through that class.
      for (const fn of entry.functions) if (fn.cls && fn.cls.file !== entry) this.#rec.file(fn.cls.file.rel);
      entry.calls = st.calls;
      let stats: LinkStats;
      try {
        stats = await linkRepository(capture, this.snap.repo, new Scope(table, this.snap.config), [entry]);
      } finally {
        st.deps = this.#rec.end();
      }
      // Methods declared here on another file's class (Go): the edge is this file's to write.
      for (const fn of entry.functions)
        if (fn.cls && fn.cls.file !== entry)
          rows.add({
            kind: 'r',
            type: 'CONTAINS',
            from: 'Class',
            to: 'Function',
            row: { from: fn.cls.id, to: fn.id },
          });
      st.modules = modules;
      if (onLinked) onLinked(st, rows);
      else {
        this.#spool ??= new HashSpool();
        st.links = this.#spool.put(rows.packed());
      }
      this.#index(st);
      total.calls += stats.calls;
      total.resolvedCalls += stats.resolvedCalls;
      total.unresolvedCalls += stats.unresolvedCalls;
      total.edges += stats.edges;
      total.nodes += out ? 0 : stats.nodes;
    }
    total.nodes += modulesOut.size;
    return total;
  }

  #index(f: FileState): void {
    this.#readers.add(f);
    for (const id of f.modules?.keys() ?? []) {
      const set = this.#moduleUsers.get(id) ?? new Set<string>();
      set.add(f.rel);
      this.#moduleUsers.set(id, set);
    }
  }

  #unindex(f: FileState): void {
    this.#readers.remove(f);
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
