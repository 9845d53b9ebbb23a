import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createGunzip } from 'node:zlib';
import { CgcError, type GraphStore, isCgcError } from '@cgc/core';
import type { ChainBuilder } from '../capture/chain-builder.js';
import type { CallRecorder, RequestInfo } from '../capture/recorder.js';
import { TraceReader, type TraceReaderOptions, type TraceReadStats } from './trace-reader.js';

/** The outcome of importing one trace file. */
export interface TraceImportResult {
  readonly file: string;
  readonly requestId: string;
  readonly skipped?: 'already_imported';
  readonly stats?: TraceReadStats;
  readonly error?: { readonly code: string; readonly message: string };
}

/** What an import needs. */
export interface TraceImportDeps {
  readonly builder: ChainBuilder;
  readonly recorder: CallRecorder;
  /** Used to skip files already imported (same path, size and mtime). */
  readonly store?: GraphStore;
  readonly reader?: TraceReaderOptions;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** True when a file name looks like an Xdebug trace (`.xt`, `.xt.gz`). */
export function isTraceFile(name: string): boolean {
  return name.endsWith('.xt') || name.endsWith('.xt.gz');
}

/**
 * Streams one trace file (plain or gzip, detected by magic bytes) into the
 * recorder with bounded memory: lines are parsed as chunks arrive and the
 * import waits for a flush whenever the pending batch is full. A malformed
 * file ends with an error result; what was read before stays recorded.
 */
export async function importTraceFile(path: string, deps: TraceImportDeps): Promise<TraceImportResult> {
  const file = resolve(path);
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(file);
  } catch (err) {
    throw new CgcError('NOT_FOUND', `trace file ${file} not found`, { cause: err });
  }
  const requestId = `trace:${file}:${st.size}:${Math.trunc(st.mtimeMs)}`;
  if (deps.store) {
    const seen = await deps.store.one('MATCH (r:XdebugRequest) WHERE r.id = $id RETURN r.status AS status', {
      id: requestId,
    });
    if (seen?.status === 'completed') return { file, requestId, skipped: 'already_imported' };
  }
  const request: RequestInfo = {
    id: requestId,
    source: 'trace',
    strategy: 'trace',
    startedAt: Date.now(),
    calls: 0,
    status: 'running',
  };
  deps.recorder.request(request);
  const reader = new TraceReader(deps.builder, deps.recorder, request, deps.reader);
  let error: CgcError | undefined;
  try {
    const gz = await isGzip(file);
    const raw = createReadStream(file, { highWaterMark: 256 * 1024 });
    const stream = gz ? raw.pipe(createGunzip()) : raw;
    raw.on('error', (e) => stream.destroy(e));
    stream.setEncoding('utf8');
    let rest = '';
    const at = Math.trunc(st.mtimeMs);
    for await (const chunk of stream as AsyncIterable<string>) {
      const text = rest + chunk;
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        reader.line(text.slice(start, nl), at);
        start = nl + 1;
      }
      rest = text.slice(start);
      if (rest.length > 16 * 1024 * 1024) throw new CgcError('PARSE_FAILED', 'trace line longer than 16 MiB');
      if (deps.recorder.full) await deps.recorder.flush();
    }
    if (rest) reader.line(rest, at);
    if (reader.stats.formatVersion === 0) {
      throw new CgcError('PARSE_FAILED', `${file} is empty or not an Xdebug machine-readable trace`);
    }
  } catch (err) {
    error = isCgcError(err)
      ? err
      : new CgcError(
          'PARSE_FAILED',
          `cannot read trace ${file}: ${err instanceof Error ? err.message : String(err)}`,
          {
            cause: err,
          },
        );
  }
  request.endedAt = Date.now();
  request.status = error ? 'failed' : 'completed';
  request.reason = error ? error.message : reader.stats.ended ? 'trace_end' : 'eof_without_trace_end';
  deps.recorder.request(request);
  await deps.recorder.flush();
  return error
    ? { file, requestId, stats: reader.stats, error: { code: error.code, message: error.message } }
    : { file, requestId, stats: reader.stats };
}

/** Imports a trace file, or every `.xt`/`.xt.gz` file of a directory (sorted by name). */
export async function importTraces(path: string, deps: TraceImportDeps): Promise<TraceImportResult[]> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(path);
  } catch (err) {
    throw new CgcError('NOT_FOUND', `${path} not found`, { cause: err });
  }
  if (!st.isDirectory()) return [await importTraceFile(path, deps)];
  const names = (await readdir(path)).filter(isTraceFile).sort();
  const out: TraceImportResult[] = [];
  for (const n of names) out.push(await importTraceFile(join(path, n), deps));
  return out;
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === GZIP_MAGIC[0] && b[1] === GZIP_MAGIC[1];
  } finally {
    await fh.close();
  }
}
