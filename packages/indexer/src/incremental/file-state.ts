import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { NodeRow } from '@cgc/core';
import type { FileIR } from '../ir.js';
import type { PackedCalls } from '../resolve/packed-calls.js';
import type { RepoConfig } from '../resolve/scope.js';
import type { RowHashes } from './row-set.js';

/** What an incremental update keeps about one indexed file. */
export interface FileState {
  readonly rel: string;
  /** sha1 of the content the graph holds for this file. */
  readonly hash: string;
  readonly size: number;
  readonly lang: string;
  readonly module?: string;
  /** The file's IR without sources, docstrings and calls (resolution input). */
  readonly ir: FileIR;
  readonly calls: PackedCalls;
  /** Table keys and files its resolution read when it was last linked. */
  deps?: string[];
  /** Module nodes its unresolved imports produced, by id. */
  modules?: Map<string, NodeRow>;
  /** Hashes of the nodes and structural edges it wrote (absent: not known, all are rewritten). */
  structure?: RowHashes;
  /** Hashes of the edges and partial rows linking it wrote. */
  links?: RowHashes;
}

/** What an incremental update keeps about one indexed repository. */
export interface RepoSnapshot {
  readonly repo: string;
  readonly root: string;
  readonly isDependency: boolean;
  /** The Repository node's `indexed_at` when this snapshot was taken: it is trusted only while equal. */
  indexedAt: number;
  config: RepoConfig;
  readonly files: Map<string, FileState>;
}

// Bumped whenever the IR, ids or linking change meaning: older snapshots are ignored.
const FORMAT = 3;

function pathOf(dir: string, repo: string): string {
  return join(dir, `${repo.replace(/[^\w-]/g, '_')}.v8`);
}

/** Reads a repository's snapshot from `dir`; undefined when absent, unreadable or of another format. */
export async function loadSnapshot(dir: string, repo: string): Promise<RepoSnapshot | undefined> {
  try {
    const data = deserialize(await readFile(pathOf(dir, repo))) as { format: number; snap: RepoSnapshot };
    return data.format === FORMAT && data.snap.repo === repo ? data.snap : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a repository's snapshot to `dir` (atomically: a reader never sees half a file). */
export async function saveSnapshot(dir: string, snap: RepoSnapshot): Promise<void> {
  await mkdir(dir, { recursive: true });
  const path = pathOf(dir, snap.repo);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, serialize({ format: FORMAT, snap }));
  await rename(tmp, path);
}

function markerOf(dir: string, repo: string): string {
  return `${pathOf(dir, repo)}.dirty`;
}

/** Marks a repository's graph as being changed: until {@link clearDirty}, no snapshot of it is trusted. */
export async function markDirty(dir: string, repo: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(markerOf(dir, repo), String(process.pid));
}

/** Clears the mark of {@link markDirty}. */
export async function clearDirty(dir: string, repo: string): Promise<void> {
  await rm(markerOf(dir, repo), { force: true });
}

/** True while an update of the repository's graph was started and not finished. */
export async function isDirty(dir: string, repo: string): Promise<boolean> {
  return stat(markerOf(dir, repo)).then(
    () => true,
    () => false,
  );
}
