import { hash as digest } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extractSource } from './extract/extract.js';
import { loadGrammar } from './grammars.js';
import type { FileIR } from './ir.js';
import { languageById } from './languages/index.js';
import { type PackedCalls, packCalls } from './resolve/packed-calls.js';

/** One file to parse (sent to a worker). */
export interface ParseTask {
  readonly abs: string;
  readonly rel: string;
  readonly lang: string;
  readonly module?: string;
  readonly storeSource: boolean;
}

/** What parsing one file produced. */
export interface ParseResult {
  readonly rel: string;
  readonly hash?: string;
  readonly size?: number;
  /** The file's IR; its calls are in `calls` (`ir.calls` is empty). */
  readonly ir?: FileIR;
  /** The file's call sites, packed here (a worker then posts typed arrays, not an object per call). */
  readonly calls?: PackedCalls;
  readonly warnings: string[];
  /** Set when the language's grammar failed to load (the language is disabled). */
  readonly grammarFailure?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * Reads, decodes, hashes and parses one file; problems become warnings, never throws for file contents.
 * `read` is the file's contents (or the error reading it) when the caller read it ahead.
 */
export async function runParseTask(task: ParseTask, read?: Promise<Buffer>): Promise<ParseResult> {
  const warnings: string[] = [];
  let bytes: Buffer;
  try {
    // Sync unless read ahead: the promise API's open/stat/read/close round trips cost ~5 % of a
    // worker's CPU on small files, so it is worth it only where it overlaps a parse.
    bytes = read ? await read : readFileSync(task.abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file vanished while indexing'
        : code === 'EACCES'
          ? 'unreadable (permission denied)'
          : String(code ?? err);
    return { rel: task.rel, warnings: [`skipped ${task.rel}: ${why}`] };
  }
  const hash = digest('sha1', bytes, 'hex');
  if (bytes.subarray(0, 8000).includes(0)) {
    return { rel: task.rel, hash, size: bytes.length, warnings: [`skipped ${task.rel}: binary content`] };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = latin1.decode(bytes);
    warnings.push(`${task.rel}: not valid UTF-8, read as Latin-1`);
  }
  const spec = languageById(task.lang);
  if (!spec)
    return {
      rel: task.rel,
      hash,
      size: bytes.length,
      warnings: [`skipped ${task.rel}: unknown language ${task.lang}`],
    };
  let failure: string | undefined;
  const language = await loadGrammar(spec, (f) => {
    failure = f.reason;
  });
  if (!language) {
    return {
      rel: task.rel,
      hash,
      size: bytes.length,
      warnings,
      grammarFailure: failure ?? 'grammar did not load',
    };
  }
  let ir: FileIR;
  try {
    ir = extractSource(
      spec,
      language,
      text,
      { path: task.rel, module: task.module },
      { storeSource: task.storeSource },
    );
  } catch (err) {
    // An extractor bug on one file must not stop the index.
    const why = err instanceof Error ? err.message : String(err);
    return {
      rel: task.rel,
      hash,
      size: bytes.length,
      warnings: [...warnings, `skipped ${task.rel}: extraction failed (${why})`],
    };
  }
  if (ir.errors.length) {
    const first = ir.errors[0]!;
    warnings.push(
      `${task.rel}:${first.line}:${first.column}: syntax error (${ir.errors.length === 5 ? '5+' : ir.errors.length} error site(s)); partial graph`,
    );
  }
  const calls = packCalls(ir.calls);
  ir.calls = [];
  return { rel: task.rel, hash, size: bytes.length, ir, calls, warnings };
}
