import type { CallIR } from '../ir.js';

const FORMS: readonly CallIR['form'][] = ['call', 'new', 'static', 'super', 'macro'];
/** The bit of `forms` set for a call through `->` ({@link CallIR.arrow}). */
const ARROW = 0x80;

/**
 * A file's call sites in parallel typed arrays, their texts (names, receivers, argument types)
 * once each in `strings`: a few bytes per site instead of an object each. Packed where the file
 * is parsed, so a worker posts typed arrays and one short list of strings rather than an object
 * per call (the kernel has 3.8M call sites), and the main thread interns each text once per file.
 */
export interface PackedCalls {
  /** The texts the sites refer to, each once. */
  readonly strings: string[];
  /** Index of each site's called name in `strings`. */
  readonly names: Int32Array;
  /** Index of each site's receiver in `strings`, -1 for a bare call. */
  readonly receivers: Int32Array;
  /** Each site's form (index in FORMS), plus ARROW for a C/C++ `x->m()`. */
  readonly forms: Uint8Array;
  readonly lines: Int32Array;
  /** Caller function index, -1 for file-level code. */
  readonly callers: Int32Array;
  /** Argument count, -1 when unknown. */
  readonly argc: Int16Array;
  /** Index of each site's argument types in `strings` (see {@link CallIR.argTypes}), -1 unknown; absent when no call has them. */
  readonly argTypes?: Int32Array;
  /** Index of each site's {@link CallIR.within} in `strings`, -1 none; absent when no call has one. */
  readonly within?: Int32Array;
}

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
  const names = new Int32Array(n);
  const receivers = new Int32Array(n);
  const forms = new Uint8Array(n);
  const lines = new Int32Array(n);
  const callers = new Int32Array(n);
  const argc = new Int16Array(n);
  let argTypes: Int32Array | undefined;
  let within: Int32Array | undefined;
  for (let i = 0; i < n; i++) {
    const c = calls[i]!;
    names[i] = at(c.name);
    receivers[i] = c.receiver === undefined ? -1 : at(c.receiver);
    forms[i] = Math.max(0, FORMS.indexOf(c.form)) | (c.arrow ? ARROW : 0);
    lines[i] = c.line;
    callers[i] = c.caller ?? -1;
    argc[i] = c.argc === undefined ? -1 : Math.min(c.argc, 32_767);
    if (c.argTypes !== undefined) {
      argTypes ??= new Int32Array(n).fill(-1);
      argTypes[i] = at(c.argTypes);
    }
    if (c.within !== undefined) {
      within ??= new Int32Array(n).fill(-1);
      within[i] = at(c.within);
    }
  }
  const extra = { ...(argTypes ? { argTypes } : {}), ...(within ? { within } : {}) };
  return { strings, names, receivers, forms, lines, callers, argc, ...extra };
}

/** Replaces the texts of packed calls by shared copies (calls arrive from a worker as fresh strings). */
export function internCalls(p: PackedCalls, intern: (s: string) => string): PackedCalls {
  const s = p.strings;
  for (let i = 0; i < s.length; i++) s[i] = intern(s[i]!);
  return p;
}

/** The call sites back as objects, one at a time. */
export function* unpackCalls(p: PackedCalls): Generator<CallIR> {
  const s = p.strings;
  for (let i = 0; i < p.names.length; i++) {
    const form = p.forms[i]!;
    const c: CallIR = { name: s[p.names[i]!]!, form: FORMS[form & ~ARROW]!, line: p.lines[i]! };
    if (form & ARROW) c.arrow = true;
    const r = p.receivers[i]!;
    if (r >= 0) c.receiver = s[r]!;
    if (p.callers[i]! >= 0) c.caller = p.callers[i]!;
    if (p.argc[i]! >= 0) c.argc = p.argc[i]!;
    const t = p.argTypes?.[i] ?? -1;
    if (t >= 0) c.argTypes = s[t]!;
    const w = p.within?.[i] ?? -1;
    if (w >= 0) c.within = s[w]!;
    yield c;
  }
}
