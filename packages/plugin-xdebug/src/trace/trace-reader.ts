import { CgcError } from '@cgc/core';
import type { ChainBuilder, StackLevel } from '../capture/chain-builder.js';
import type { CallRecorder, RequestInfo } from '../capture/recorder.js';

/** Options of {@link TraceReader}. */
export interface TraceReaderOptions {
  /** Record calls of internal PHP functions too (default false: they stay on the stack only). */
  readonly includeInternal?: boolean;
  /** Frames kept per stack. */
  readonly maxDepth?: number;
  /** Bad body lines tolerated before the file is rejected (default 1000). */
  readonly maxBadLines?: number;
}

/** Counts of one read. */
export interface TraceReadStats {
  lines: number;
  calls: number;
  recorded: number;
  badLines: number;
  formatVersion: number;
  ended: boolean;
}

const SUPPORTED = new Set([2, 3, 4]);

/**
 * Parses Xdebug machine-readable function traces (`xdebug.trace_format=1`)
 * line by line: entry lines (`level fn# 0 time mem name user incfile file line …`)
 * push frames, exit and return lines are skipped (the next entry at a lower
 * level pops), and every user-code entry is recorded as a call. Keeps only the
 * current stack in memory.
 */
export class TraceReader {
  readonly #builder: ChainBuilder;
  readonly #recorder: CallRecorder;
  readonly #request: RequestInfo;
  readonly #includeInternal: boolean;
  readonly #maxDepth: number;
  readonly #maxBad: number;
  readonly #stack: StackLevel[] = [];
  #header = true;
  readonly stats: TraceReadStats = {
    lines: 0,
    calls: 0,
    recorded: 0,
    badLines: 0,
    formatVersion: 0,
    ended: false,
  };

  constructor(
    builder: ChainBuilder,
    recorder: CallRecorder,
    request: RequestInfo,
    options: TraceReaderOptions = {},
  ) {
    this.#builder = builder;
    this.#recorder = recorder;
    this.#request = request;
    this.#includeInternal = options.includeInternal ?? false;
    this.#maxDepth = options.maxDepth ?? 512;
    this.#maxBad = options.maxBadLines ?? 1000;
  }

  /** Consumes one line (without its newline). Throws PARSE_FAILED when the file is not a trace. */
  line(text: string, at: number): void {
    this.stats.lines++;
    if (this.#header) {
      this.#headerLine(text);
      return;
    }
    if (text === '' || text.startsWith('TRACE END')) {
      if (text) this.stats.ended = true;
      return;
    }
    const t1 = text.indexOf('\t');
    const t2 = text.indexOf('\t', t1 + 1);
    const type = text.slice(t2 + 1, text.indexOf('\t', t2 + 1));
    if (type !== '0') {
      if (type === '1' || type === 'R' || (t1 === 0 && t2 === 1) || type === 'A') return;
      this.#bad(text);
      return;
    }
    const cols = text.split('\t');
    const level = Number(cols[0]);
    const name = cols[5];
    const file = cols[8];
    const lineNo = Number(cols[9]);
    if (!Number.isInteger(level) || level < 1 || !name || file === undefined || !Number.isFinite(lineNo)) {
      this.#bad(text);
      return;
    }
    this.stats.calls++;
    const stack = this.#stack;
    if (level - 1 > stack.length) {
      // A gap means lines are missing; the stack can no longer be trusted.
      this.#bad(text);
      stack.length = 0;
      return;
    }
    stack.length = level - 1;
    if (level > this.#maxDepth) return;
    const internal = cols[6] === '0';
    const parent = stack[level - 2];
    if (parent && !parent.ownFile) {
      // The caller is running at the call site of its child.
      parent.ownFile = file;
      parent.ownLine = lineNo;
      this.#recorder.position(parent);
    }
    if (level === 1 && name === '{main}' && !this.#request.script) {
      // Traces do not carry the URL; the script is the best request identity they have.
      this.#request.script = file;
      this.#request.url ??= `file://${file}`;
    }
    const frame = this.#builder.frame(name, file, lineNo, internal);
    stack.push(this.#builder.level(frame, parent));
    if (internal && !this.#includeInternal) return;
    let eff = stack.length - 2;
    while (eff >= 0 && stack[eff]!.frame.internal) eff--;
    this.#recorder.call(stack, this.#request.id, at, eff);
    this.stats.recorded++;
  }

  #headerLine(text: string): void {
    if (text.startsWith('Version:')) return;
    if (text.startsWith('File format:')) {
      const v = Number(text.slice('File format:'.length).trim());
      if (!SUPPORTED.has(v)) {
        throw new CgcError(
          'UNSUPPORTED',
          `Xdebug trace file format ${v} is not supported (expected 2, 3 or 4)`,
        );
      }
      this.stats.formatVersion = v;
      return;
    }
    if (text.startsWith('TRACE START')) {
      if (!this.stats.formatVersion) throw notTrace(text);
      this.#header = false;
      return;
    }
    throw notTrace(text);
  }

  #bad(text: string): void {
    this.stats.badLines++;
    if (this.stats.badLines > this.#maxBad) {
      throw new CgcError(
        'PARSE_FAILED',
        `too many malformed trace lines (${this.stats.badLines}); last: ${text.slice(0, 80)}`,
      );
    }
  }
}

function notTrace(text: string): CgcError {
  return new CgcError(
    'PARSE_FAILED',
    `not an Xdebug machine-readable trace (xdebug.trace_format=1): unexpected header line "${text.slice(0, 60)}"`,
  );
}
