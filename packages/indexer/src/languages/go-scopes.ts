import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { encodeScoped, type ScopedType } from '../extract/helpers.js';
import type { FunctionIR } from '../ir.js';

/** One declaration of a name: its type, and the bytes and lines its scope spans after it. */
interface Binding {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  readonly endLine: number;
  /** A parameter or receiver of the function itself: in force on all its lines. */
  readonly whole?: boolean;
}

/** Where a call uses a name as its receiver. */
interface Use {
  readonly at: number;
  readonly line: number;
}

interface Declared {
  readonly bindings: Binding[];
  /** Every call on the name in the function, before its declarations too. */
  readonly uses: Use[];
}

// Each function's names by what declares and uses them, while its file is walked.
const declared = new WeakMap<FunctionIR, Map<string, Declared>>();

// Nodes that open a Go scope: a declaration is in force from its end to the end of the first one around it.
const SCOPES = new Set([
  'block',
  'expression_case',
  'type_case',
  'default_case',
  'communication_case',
  'if_statement',
  'for_statement',
  'expression_switch_statement',
  'type_switch_statement',
  'func_literal',
  'function_declaration',
  'method_declaration',
]);

/** The node whose end closes the scope of a name declared at `node`. */
export function scopeOf(node: Node): Node {
  let n: Node | null = node.parent;
  while (n && !SCOPES.has(n.type)) n = n.parent;
  return n ?? node;
}

/**
 * Declares `name` in the current function, in force from byte `start` to the end of `scope`.
 * A name declared once keeps one type, as other languages' locals do; declared again with another
 * type, each call finds the declaration in force at its line (see `localAt`).
 */
export function declareLocal(
  b: FileBuilder,
  name: string,
  type: string | undefined,
  start: { index: number; row: number },
  scope: Node,
): void {
  const fn = b.currentFunction;
  if (!fn || name === '_') return;
  const d = declaredIn(fn, name);
  // A parameter or the receiver, typed when the function was declared.
  if (!d.bindings.length && Object.hasOwn(fn.locals, name))
    d.bindings.push(wholeFunction(fn, fn.locals[name]!));
  d.bindings.push({
    type: type ?? '',
    start: start.index,
    end: scope.endIndex,
    startLine: start.row + 1,
    endLine: scope.endPosition.row + 1,
  });
  update(fn, name, d);
}

/**
 * A declaration whose block is not tracked (a JS/TS `const` after a callback's parameter of its
 * name): in force on all the function's lines, where declarations with a scope still win on
 * theirs; two such with two types are unknown. False when the name has no scoped declaration.
 */
export function declareWhole(b: FileBuilder, name: string, type: string | undefined): boolean {
  const fn = b.currentFunction;
  const d = fn && declared.get(fn)?.get(name);
  if (!fn || !d?.bindings.length) return false;
  const i = d.bindings.findIndex((x) => x.whole);
  if (i < 0) d.bindings.unshift(wholeFunction(fn, type ?? ''));
  else if (d.bindings[i]!.type !== (type ?? '')) d.bindings[i] = wholeFunction(fn, '?');
  update(fn, name, d);
  return true;
}

/** A call on `name` at `node`: on a line where a declaration's scope starts or ends, it tells which one that line means. */
export function useLocal(b: FileBuilder, name: string, node: Node): void {
  const fn = b.currentFunction;
  if (!fn) return;
  const d = declaredIn(fn, name);
  d.uses.push({ at: node.startIndex, line: node.startPosition.row + 1 });
  if (d.bindings.length > 1) update(fn, name, d);
}

function declaredIn(fn: FunctionIR, name: string): Declared {
  let m = declared.get(fn);
  if (!m) {
    m = new Map();
    declared.set(fn, m);
  }
  let d = m.get(name);
  if (!d) {
    d = { bindings: [], uses: [] };
    m.set(name, d);
  }
  return d;
}

function wholeFunction(fn: FunctionIR, type: string): Binding {
  return {
    type,
    start: 0,
    end: Number.MAX_SAFE_INTEGER,
    startLine: fn.line,
    endLine: fn.endLine,
    whole: true,
  };
}

// One type when every declaration agrees, else the lines each is in force on: the lines strictly
// inside its scope, then the first and last, which it shares with what surrounds it
// (`r.Group(func(r Router) {`): its type there when the calls on that line are all inside it,
// unknown when some are not.
function update(fn: FunctionIR, name: string, d: Declared): void {
  const types = new Set(d.bindings.map((x) => x.type));
  if (types.size === 1) {
    fn.locals[name] = d.bindings[0]!.type;
    return;
  }
  const entries: ScopedType[] = [];
  const edges: ScopedType[] = [];
  for (const x of d.bindings) {
    if (x.whole) {
      entries.push({ first: x.startLine, last: x.endLine, type: x.type });
      continue;
    }
    if (x.endLine - x.startLine >= 2)
      entries.push({ first: x.startLine + 1, last: x.endLine - 1, type: x.type });
    for (const line of new Set([x.startLine, x.endLine])) {
      const here = d.uses.filter((u) => u.line === line);
      const inside = here.filter((u) => u.at >= x.start && u.at < x.end).length;
      if (inside) edges.push({ first: line, last: line, type: inside === here.length ? x.type : '?' });
    }
  }
  fn.locals[name] = encodeScoped([...entries, ...edges]);
}
