import type { CallIR } from '../ir.js';

const FORMS: readonly CallIR['form'][] = ['call', 'new', 'static', 'super'];

/** A file's call sites in parallel arrays: a few bytes per site instead of an object each. */
export interface PackedCalls {
  readonly names: string[];
  readonly receivers: (string | undefined)[];
  readonly forms: Uint8Array;
  readonly lines: Int32Array;
  /** Caller function index, -1 for file-level code. */
  readonly callers: Int32Array;
  /** Argument count, -1 when unknown. */
  readonly argc: Int16Array;
  /** Argument types as the extractor saw them (see {@link CallIR.argTypes}); absent when no call has them. */
  argTypes?: (string | undefined)[];
}

/** Packs call sites, sharing one copy of each repeated string through `intern`. */
export function packCalls(calls: readonly CallIR[], intern: (s: string) => string): PackedCalls {
  const n = calls.length;
  const p: PackedCalls = {
    names: new Array<string>(n),
    receivers: new Array<string | undefined>(n),
    forms: new Uint8Array(n),
    lines: new Int32Array(n),
    callers: new Int32Array(n),
    argc: new Int16Array(n),
  };
  calls.forEach((c, i) => {
    p.names[i] = intern(c.name);
    p.receivers[i] = c.receiver === undefined ? undefined : intern(c.receiver);
    p.forms[i] = Math.max(0, FORMS.indexOf(c.form));
    p.lines[i] = c.line;
    p.callers[i] = c.caller ?? -1;
    p.argc[i] = c.argc === undefined ? -1 : Math.min(c.argc, 32_767);
    if (c.argTypes !== undefined) {
      p.argTypes ??= new Array<string | undefined>(n);
      p.argTypes[i] = intern(c.argTypes);
    }
  });
  return p;
}

/** The call sites back as objects, one at a time. */
export function* unpackCalls(p: PackedCalls): Generator<CallIR> {
  for (let i = 0; i < p.names.length; i++) {
    const c: CallIR = { name: p.names[i]!, form: FORMS[p.forms[i]!]!, line: p.lines[i]! };
    const r = p.receivers[i];
    if (r !== undefined) c.receiver = r;
    if (p.callers[i]! >= 0) c.caller = p.callers[i]!;
    if (p.argc[i]! >= 0) c.argc = p.argc[i]!;
    const types = p.argTypes?.[i];
    if (types !== undefined) c.argTypes = types;
    yield c;
  }
}
