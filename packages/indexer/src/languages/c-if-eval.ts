import { directiveMatches } from './c-directive-lines.js';
/** What a file knows of a name in `#if`: its value, `undefined` when not known (a build's or config header's). */
export type Lookup = (name: string) => { defined: boolean | undefined; value: number | undefined };

// Names a default build leaves undefined: debug switches (`DEBUGBUILD`, `ZSTD_DEBUG`, `NDEBUG` too: asserts
// stay on) and `…DISABLE…` options (features are on by default).
const DEFAULT_OFF = /DEBUG|DISABLE/;

// `#define NAME value` (not a function-like macro).
const OBJECT_DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(?![\w(])[ \t]*([^\n]*)/gm;

/**
 * A file's object-like macros as `#if` sees them: a name `#define`d in the file is defined (its value when
 * every definition gives the same number), a debug or disabling switch it never defines is not, any other
 * name is unknown.
 */
export function fileLookup(text: string): Lookup {
  const values = new Map<string, number | undefined>();
  for (const m of directiveMatches(text, OBJECT_DEFINE)) {
    const v = /^\(?(\d+)[uUlL]*\)?\s*(?:\/[*/].*)?$/.exec(m[2]!.trim());
    const n = v ? Number(v[1]) : undefined;
    values.set(m[1]!, values.has(m[1]!) && values.get(m[1]!) !== n ? undefined : n);
  }
  return (name) => {
    if (values.has(name)) return { defined: true, value: values.get(name) };
    return DEFAULT_OFF.test(name) ? { defined: false, value: 0 } : { defined: undefined, value: undefined };
  };
}

const TOKEN = /\s*(\d+[uUlL]*|[A-Za-z_]\w*|&&|\|\||==|!=|>=|<=|[()!<>+\-*])/y;
const BINARY: Readonly<Record<string, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
};

/** The value of an `#if` expression, undefined when it depends on an unknown name (or is not understood). */
export function evaluate(expr: string, lookup: Lookup): number | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let read = 0;
  for (let m = TOKEN.exec(expr); m; m = TOKEN.exec(expr)) {
    tokens.push(m[1]!);
    read = TOKEN.lastIndex;
  }
  if (expr.slice(read).trim() !== '') return undefined;
  let i = 0;
  let failed = false;
  const unary = (): number | undefined => {
    const t = tokens[i++];
    if (t === '!') {
      const v = unary();
      return v === undefined ? undefined : v ? 0 : 1;
    }
    if (t === '-') {
      const v = unary();
      return v === undefined ? undefined : -v;
    }
    if (t === '(') {
      const v = binary(0);
      if (tokens[i++] !== ')') failed = true;
      return v;
    }
    if (t === 'defined') {
      const paren = tokens[i] === '(';
      const name = tokens[paren ? i + 1 : i] ?? '';
      i += paren ? 3 : 1;
      const d = lookup(name).defined;
      return d === undefined ? undefined : d ? 1 : 0;
    }
    if (t !== undefined && /^\d/.test(t)) return Number.parseInt(t, 10);
    if (t !== undefined && /^[A-Za-z_]/.test(t)) return lookup(t).value;
    failed = true;
    return undefined;
  };
  const binary = (min: number): number | undefined => {
    let left = unary();
    for (let op = tokens[i]; op !== undefined && (BINARY[op] ?? 0) > min; op = tokens[i]) {
      i++;
      const right = binary(BINARY[op]!);
      left = apply(op, left, right);
    }
    return left;
  };
  const v = binary(0);
  return failed || i !== tokens.length ? undefined : v;
}

function apply(op: string, a: number | undefined, b: number | undefined): number | undefined {
  if (op === '&&') return a === 0 || b === 0 ? 0 : a === undefined || b === undefined ? undefined : 1;
  if (op === '||')
    return (a !== undefined && a !== 0) || (b !== undefined && b !== 0)
      ? 1
      : a === undefined || b === undefined
        ? undefined
        : 0;
  if (a === undefined || b === undefined) return undefined;
  const r: Record<string, number> = {
    '==': +(a === b),
    '!=': +(a !== b),
    '<': +(a < b),
    '>': +(a > b),
    '<=': +(a <= b),
    '>=': +(a >= b),
    '+': a + b,
    '-': a - b,
    '*': a * b,
  };
  return r[op];
}

/** One directive's condition as c-conditionals.ts writes it (`ifdef X`, `if A && B`, `else`): true, false or unknown. */
function condition(text: string, lookup: Lookup): boolean | undefined {
  const [word, ...rest] = text.split(' ');
  const expr = rest.join(' ');
  let v: number | undefined;
  if (word === 'else') return true;
  if (word === 'ifdef' || word === 'ifndef') {
    const d = lookup(expr.trim()).defined;
    if (d === undefined) return undefined;
    return word === 'ifdef' ? d : !d;
  }
  if (word === 'if' || word === 'elif') v = evaluate(expr, lookup);
  return v === undefined ? undefined : v !== 0;
}

/**
 * Whether the arm with key `key` (see Conditionals.conditionsAt: the conditions before it and its own,
 * joined by `|`) is taken: each earlier condition false and its own true.
 */
export function armTaken(key: string, lookup: Lookup): boolean | undefined {
  const parts = key.split(/\|(?=(?:elif|else)\b)/);
  let unknown = false;
  for (let k = 0; k < parts.length; k++) {
    const c = condition(parts[k]!, lookup);
    const wanted = k === parts.length - 1;
    if (c === undefined) unknown = true;
    else if (c !== wanted) return false;
  }
  return unknown ? undefined : true;
}
