import type { CallIR } from '../ir.js';

const FORMS: readonly CallIR['form'][] = ['call', 'new', 'static', 'super', 'macro'];
/** The bit of `forms` set for a call through `->` ({@link CallIR.arrow}). */
const ARROW = 0x80;
/** The bit of `forms` set for a constant initialization ({@link CallIR.constantInit}). */
const CONSTANT_INIT = 0x40;

/**
 * A file's call sites in typed arrays, their texts (names, receivers, argument types) once each in
 * `strings`: a few bytes per site instead of an object each. Packed where the file is parsed, so a
 * worker posts typed arrays and one short list of strings rather than an object per call (the
 * kernel has 3.8M call sites), and the main thread interns each text once per file. Two views of one
 * buffer: a typed array or buffer each cost ~0.1–0.2 KB of heap per file (55k files on the kernel).
 */
export interface PackedCalls {
  /** The texts the sites refer to, each once. */
  readonly strings: string[];
  /**
   * Rows of one number per site: the called name and the receiver (indexes in `strings`, -1 for a
   * bare call), the line, the caller (function index, -1 for file-level code), then, when `extras`
   * says so, the argument types ({@link CallIR.argTypes}) and {@link CallIR.within} (indexes in
   * `strings`, -1 none).
   */
  readonly ints: Int32Array;
  /** Three bytes per site: the form (index in FORMS, plus ARROW for `x->m()`, CONSTANT_INIT), the argument count (int16, -1 unknown). */
  readonly bytes: Uint8Array;
  /** Which optional rows `ints` has: 1 argument types, 2 `within`. */
  readonly extras: number;
}

const ARG_TYPES = 1;
const WITHIN = 2;
const ROWS = 4;

/** Packs call sites; each distinct text is stored once. */
export function packCalls(calls: readonly CallIR[]): PackedCalls {
  const n = calls.length;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const at = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  let extras = 0;
  for (const c of calls) {
    if (c.argTypes !== undefined) extras |= ARG_TYPES;
    if (c.within !== undefined) extras |= WITHIN;
  }
  const typedRow = extras & ARG_TYPES ? ROWS * n : -1;
  const withinRow = extras & WITHIN ? (ROWS + (extras & ARG_TYPES ? 1 : 0)) * n : -1;
  const rows = ROWS + (typedRow >= 0 ? 1 : 0) + (withinRow >= 0 ? 1 : 0);
  const buffer = new ArrayBuffer(n * (rows * 4 + 3));
  const ints = new Int32Array(buffer, 0, rows * n);
  const bytes = new Uint8Array(buffer, rows * n * 4, 3 * n);
  if (rows > ROWS) ints.fill(-1, ROWS * n);
  for (let i = 0; i < n; i++) {
    const c = calls[i]!;
    ints[i] = at(c.name);
    ints[n + i] = c.receiver === undefined ? -1 : at(c.receiver);
    ints[2 * n + i] = c.line;
    ints[3 * n + i] = c.caller ?? -1;
    if (c.argTypes !== undefined) ints[typedRow + i] = at(c.argTypes);
    if (c.within !== undefined) ints[withinRow + i] = at(c.within);
    const argc = c.argc === undefined ? -1 : Math.min(c.argc, 32_767);
    bytes[3 * i] =
      Math.max(0, FORMS.indexOf(c.form)) | (c.arrow ? ARROW : 0) | (c.constantInit ? CONSTANT_INIT : 0);
    bytes[3 * i + 1] = argc & 0xff;
    bytes[3 * i + 2] = (argc >> 8) & 0xff;
  }
  return { strings, ints, bytes, extras };
}

/** Replaces the texts of packed calls by shared copies (calls arrive from a worker as fresh strings). */
export function internCalls(p: PackedCalls, intern: (s: string) => string): PackedCalls {
  const s = p.strings;
  for (let i = 0; i < s.length; i++) s[i] = intern(s[i]!);
  return p;
}

/** The number of call sites packed. */
export function callCount(p: PackedCalls): number {
  return p.bytes.length / 3;
}

/** The call sites back as objects, one at a time. */
export function* unpackCalls(p: PackedCalls): Generator<CallIR> {
  const s = p.strings;
  const { ints, bytes } = p;
  const n = callCount(p);
  const typedRow = p.extras & ARG_TYPES ? ROWS * n : -1;
  const withinRow = p.extras & WITHIN ? (ROWS + (p.extras & ARG_TYPES ? 1 : 0)) * n : -1;
  for (let i = 0; i < n; i++) {
    const form = bytes[3 * i]!;
    const c: CallIR = {
      name: s[ints[i]!]!,
      form: FORMS[form & ~(ARROW | CONSTANT_INIT)]!,
      line: ints[2 * n + i]!,
    };
    if (form & ARROW) c.arrow = true;
    if (form & CONSTANT_INIT) c.constantInit = true;
    const r = ints[n + i]!;
    if (r >= 0) c.receiver = s[r]!;
    const caller = ints[3 * n + i]!;
    if (caller >= 0) c.caller = caller;
    const argc = ((bytes[3 * i + 1]! | (bytes[3 * i + 2]! << 8)) << 16) >> 16;
    if (argc >= 0) c.argc = argc;
    const t = typedRow >= 0 ? ints[typedRow + i]! : -1;
    if (t >= 0) c.argTypes = s[t]!;
    const w = withinRow >= 0 ? ints[withinRow + i]! : -1;
    if (w >= 0) c.within = s[w]!;
    yield c;
  }
}
