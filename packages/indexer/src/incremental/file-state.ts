import { type FileHandle, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { NodeRow } from '@cgc/core';
import type { FileIR } from '../ir.js';
import type { PackedCalls } from '../resolve/packed-calls.js';
import type { RepoConfig } from '../resolve/scope.js';
import { inMemory, type SpooledHashes } from './hash-spool.js';
import type { PackedHashes, RowHashes } from './row-set.js';

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
  /** Hashes of the edges and partial rows linking it wrote (a first index keeps them in a spool file). */
  links?: PackedHashes | SpooledHashes;
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

// Bumped whenever the IR, ids, linking or this file's layout change meaning: older snapshots are ignored.
const FORMAT = 24;
const MAGIC = Buffer.from('CGCSNAP\n');
// Records are gathered into writes of about this size.
const WRITE_CHUNK = 8 * 1024 * 1024;
// One file's record is far smaller; a larger length means another format or a damaged file.
const MAX_RECORD = 256 * 1024 * 1024;

function pathOf(dir: string, repo: string): string {
  return join(dir, `${repo.replace(/[^\w-]/g, '_')}.v8`);
}

type Header = Omit<RepoSnapshot, 'files'> & { format: number; files: number };

/**
 * Reads a repository's snapshot from `dir`; undefined when absent, unreadable, truncated or of
 * another format. Read in chunks, one record at a time: the file of a large repository is hundreds
 * of megabytes and never needs to be in memory whole.
 */
export async function loadSnapshot(dir: string, repo: string): Promise<RepoSnapshot | undefined> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(pathOf(dir, repo), 'r');
    const records = readRecords(fh);
    const magic = await records.next();
    if (magic.done || !magic.value.equals(MAGIC)) return undefined;
    const first = await records.next();
    if (first.done) return undefined;
    const header = deserialize(first.value) as Header;
    if (header.format !== FORMAT || header.repo !== repo) return undefined;
    const files = new Map<string, FileState>();
    for await (const rec of records) {
      const f = deserialize(rec) as FileState;
      files.set(f.rel, f);
    }
    if (files.size !== header.files) return undefined;
    const { format: _format, files: _count, ...rest } = header;
    return { ...rest, files };
  } catch {
    return undefined;
  } finally {
    await fh?.close();
  }
}

/** Length-prefixed records of a file, read in chunks; throws on a truncated record. */
async function* readRecords(fh: FileHandle): AsyncGenerator<Buffer> {
  let buf = Buffer.alloc(0);
  let eof = false;
  for (;;) {
    while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32LE(0)) {
      const n = buf.readUInt32LE(0);
      yield buf.subarray(4, 4 + n);
      buf = buf.subarray(4 + n);
    }
    if (buf.length >= 4 && buf.readUInt32LE(0) > MAX_RECORD) throw new Error('not a snapshot record');
    if (eof) {
      if (buf.length > 0) throw new Error('truncated snapshot');
      return;
    }
    const chunk = Buffer.allocUnsafe(Math.max(WRITE_CHUNK, buf.length >= 4 ? buf.readUInt32LE(0) + 4 : 0));
    const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
    eof = bytesRead === 0;
    buf = Buffer.concat([buf, chunk.subarray(0, bytesRead)]);
  }
}

/**
 * Writes a repository's snapshot to `dir` (atomically: a reader never sees half a file), one
 * record per file, so that no single buffer holds the whole snapshot.
 */
export async function saveSnapshot(dir: string, snap: RepoSnapshot): Promise<void> {
  await mkdir(dir, { recursive: true });
  const path = pathOf(dir, snap.repo);
  const tmp = `${path}.${process.pid}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    let pending: Buffer[] = [];
    let size = 0;
    const put = async (payload: Buffer) => {
      const len = Buffer.allocUnsafe(4);
      len.writeUInt32LE(payload.length, 0);
      pending.push(len, payload);
      size += payload.length + 4;
      if (size >= WRITE_CHUNK) {
        await writeAll(fh, Buffer.concat(pending, size));
        pending = [];
        size = 0;
      }
    };
    const { files, ...rest } = snap;
    await put(MAGIC);
    await put(serialize({ ...rest, format: FORMAT, files: files.size } satisfies Header));
    for (const f of files.values())
      await put(serialize(f.links === undefined ? f : { ...f, links: inMemory(f.links) }));
    if (pending.length) await writeAll(fh, Buffer.concat(pending, size));
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

async function writeAll(fh: FileHandle, buf: Buffer): Promise<void> {
  for (let at = 0; at < buf.length; ) at += (await fh.write(buf, at, buf.length - at)).bytesWritten;
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
