import { typeKey } from '../extract/helpers.js';
import type { CallIR } from '../ir.js';
import type { FnSym } from './symbols.js';

/** What a call site tells about its arguments. */
export type CallArgs = Pick<CallIR, 'argc' | 'argTypes'>;

const RECEIVER_PARAMS = new Set(['self', 'cls', 'this']);

// Java's widening primitive conversions, and each primitive's box.
const WIDENS_TO: Readonly<Record<string, readonly string[]>> = {
  byte: ['short', 'int', 'long', 'float', 'double'],
  short: ['int', 'long', 'float', 'double'],
  char: ['int', 'long', 'float', 'double'],
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  double: [],
  boolean: [],
};
const BOX: Readonly<Record<string, string>> = {
  byte: 'Byte',
  short: 'Short',
  char: 'Character',
  int: 'Integer',
  long: 'Long',
  float: 'Float',
  double: 'Double',
  boolean: 'Boolean',
};
const UNBOX = Object.fromEntries(Object.entries(BOX).map(([p, b]) => [b, p]));
const ANY_OBJECT = new Set(['Object', 'Serializable', 'Comparable']);
const STRING_SUPERS = new Set(['String', 'CharSequence', 'Constable', 'ConstantDesc', ...ANY_OBJECT]);
const primitive = (t: string) => Object.hasOwn(WIDENS_TO, t);
// `T`, `E2`: a type variable accepts any reference.
const typeVariable = (t: string) => /^[A-Z][A-Z0-9]?$/.test(t);

/** How an argument of static type `arg` fits a parameter of type `param`: 2 exact, 1 maybe, 0 not. */
function fit(arg: string, param: string | undefined): 0 | 1 | 2 {
  if (arg === '?' || param === undefined) return 1;
  if (arg === param) return 2;
  if (arg.endsWith('[]') || param.endsWith('[]')) {
    // an array fits an array (of a related type: maybe) or Object, never a scalar
    if (param === 'Object' || typeVariable(param) || arg === 'null') return 1;
    return arg.endsWith('[]') === param.endsWith('[]') ? 1 : 0;
  }
  if (typeVariable(param)) return primitive(param) ? 0 : 1;
  if (arg === 'null') return primitive(param) ? 0 : 1;
  if (primitive(arg)) {
    if (primitive(param)) return WIDENS_TO[arg]!.includes(param) ? 1 : 0;
    return param === BOX[arg] || ANY_OBJECT.has(param) || (param === 'Number' && arg !== 'boolean') ? 1 : 0;
  }
  if (arg === 'String') return STRING_SUPERS.has(param) ? 1 : 0;
  // String and the boxes are final: only themselves (or null) fit.
  if ((param === 'String' || Object.hasOwn(UNBOX, param)) && !typeVariable(arg)) return 0;
  if (primitive(param)) {
    const unboxed = UNBOX[arg];
    return unboxed !== undefined && (unboxed === param || WIDENS_TO[unboxed]!.includes(param)) ? 1 : 0;
  }
  return 1; // two class types: the hierarchy may relate them
}

/**
 * The one overload a call can mean, or nothing when several remain. Arity first (a variadic last
 * parameter takes any number of arguments, but fixed-arity candidates win, as in Java); then the
 * argument types the extractor saw rule out candidates that cannot accept them, and the candidate
 * with the most exact matches wins when it is the only one with that many.
 */
export function pickOverload(fns: readonly FnSym[], args?: CallArgs): FnSym | undefined {
  if (fns.length <= 1) return fns[0];
  const argc = args?.argc;
  if (argc === undefined) return undefined;
  const params = (f: FnSym) => f.ir.params.filter((p) => !RECEIVER_PARAMS.has(p.name));
  const fixed = fns.filter((f) => params(f).length === argc);
  const candidates = fixed.length
    ? fixed
    : fns.filter((f) => {
        const ps = params(f);
        return ps.at(-1)?.variadic === true && argc >= ps.length - 1;
      });
  if (candidates.length <= 1 || !args?.argTypes) return candidates.length === 1 ? candidates[0] : undefined;
  const types = args.argTypes.split(',');
  let best: FnSym | undefined;
  let bestScore = -1;
  let tie = false;
  for (const f of candidates) {
    const ps = params(f);
    let score = 0;
    for (let i = 0; i < types.length && score >= 0; i++) {
      const p = ps[Math.min(i, ps.length - 1)];
      // a variadic parameter takes its element type, or the array itself in its own position
      const own = typeKey(p?.type);
      const arrayPassed = p?.variadic && i === ps.length - 1 && types.length === ps.length;
      const s = fit(types[i]!, arrayPassed && types[i]!.endsWith('[]') && own ? `${own}[]` : own);
      score = s === 0 ? -1 : score + (s === 2 ? 1 : 0);
    }
    if (score < 0) continue;
    if (score > bestScore) {
      best = f;
      bestScore = score;
      tie = false;
    } else if (score === bestScore) tie = true;
  }
  return tie ? undefined : best;
}
