import type { Node, Tree } from 'web-tree-sitter';
import type { SyntaxErrorIR } from '../ir.js';

/** The child in a field, or undefined. */
export function field(node: Node, name: string): Node | undefined {
  return node.childForFieldName(name) ?? undefined;
}

/** Text of the child in a field, or undefined. */
export function fieldText(node: Node, name: string): string | undefined {
  return node.childForFieldName(name)?.text;
}

/** Named children, without nulls. */
export function named(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

const COMMENTS = new Set(['comment', 'line_comment', 'block_comment']);

/** An argument list's arguments: its named children that are not comments. */
export function argumentNodes(list: Node): Node[] {
  return named(list).filter((c) => !COMMENTS.has(c.type));
}

/** How many arguments an argument list holds; comments are named nodes, but no argument. */
export function argumentCount(list: Node | null | undefined): number | undefined {
  if (!list) return undefined;
  const n = list.namedChildCount;
  // `(a, b)` is n arguments, n − 1 commas and two parentheses: a comment is a child more.
  return n === 0 || list.childCount === 2 * n + 1 ? n : argumentNodes(list).length;
}

/** The first named child of one of the given types. */
export function childOfType(node: Node, ...types: string[]): Node | undefined {
  for (const c of named(node)) if (types.includes(c.type)) return c;
  return undefined;
}

/** All named children of the given types. */
export function childrenOfType(node: Node, ...types: string[]): Node[] {
  return named(node).filter((c) => types.includes(c.type));
}

/** 1-based line of a node. */
export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/** Removes quotes around a string literal. */
export function unquote(text: string): string {
  const m = /^(?:[rbuf]|[rR][bB]|[bB][rR])?(['"`]{1,3})([\s\S]*)\1$/.exec(text.trim());
  return m ? m[2]! : text;
}

/** Turns a block or line comment into plain text. */
export function cleanComment(text: string): string {
  return text
    .replace(/^\/\*\*?|\*\/$/g, '')
    .split('\n')
    .map((l) => l.replace(/^\s*(?:\/\/\/?|\*|#)\s?/, '').trimEnd())
    .join('\n')
    .trim();
}

/** The comment block right above a declaration (doc comment), if any. */
export function precedingDoc(node: Node, commentTypes: readonly string[] = ['comment']): string | undefined {
  const parts: string[] = [];
  let expectRow = node.startPosition.row;
  let prev = node.previousNamedSibling;
  // Attributes/decorators may sit between the comment and the declaration.
  while (prev && commentTypes.includes(prev.type) && prev.endPosition.row >= expectRow - 1) {
    parts.unshift(cleanComment(prev.text));
    expectRow = prev.startPosition.row;
    prev = prev.previousNamedSibling;
  }
  const doc = parts.join('\n').trim();
  return doc || undefined;
}

/** Positions of the first syntax errors (ERROR and MISSING nodes), at most `max`. */
export function syntaxErrors(tree: Tree, max = 5): SyntaxErrorIR[] {
  const out: SyntaxErrorIR[] = [];
  if (!tree.rootNode.hasError) return out;
  const stack: Node[] = [tree.rootNode];
  while (stack.length && out.length < max) {
    const n = stack.pop()!;
    if (n.isError || n.isMissing) {
      out.push({ line: n.startPosition.row + 1, column: n.startPosition.column + 1 });
      continue;
    }
    if (!n.hasError) continue;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c) stack.push(c);
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Strips generics, nullability, pointers and references from a type, keeping the base name. */
export function baseType(type: string | undefined): string | undefined {
  let t = type;
  if (!t) return undefined;
  if (t.includes('|')) {
    // `A | null` is A; `A | B` could be either, so it names no one class.
    const members = unionMembers(t);
    if (members.length !== 1) return undefined;
    t = members[0]!;
  }
  let s = t.trim().replace(/^[?&*]+|[?*&]+$/g, '');
  s = s.replace(/^(?:const|mut|readonly|final|struct|class|enum|unsigned|signed)\s+/g, '');
  s = s.replace(/<[\s\S]*>$/g, '').replace(/\[[^\]]*\]$/g, '');
  s = s.replace(/^\*+|\*+$/g, '').trim();
  if (!/^[\\A-Za-z_$][\\\w$.:]*$/.test(s)) return undefined;
  return s;
}

/** Whether a type is an array (`Node[]`, `readonly Node[]`, `Node[] | null`), no instance of its element's class. */
export function isArrayType(type: string): boolean {
  const members = unionMembers(type);
  return members.length === 1 && members[0]!.endsWith(']');
}

/** A type's base name, keeping one `[]` for an array (`String[]`), or undefined. */
export function typeKey(t: string | undefined): string | undefined {
  const base = baseType(t);
  return base && t?.trimEnd().endsWith(']') ? `${base}[]` : base;
}

const NOTHING = new Set(['null', 'undefined', 'None', 'nil', 'void']);

/** Splits a type's text at `sep` outside brackets (`=>` is no closing angle bracket). */
export function splitTop(t: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch === '<' || ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === '>' && t[i - 1] !== '=') || ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === sep && depth === 0) {
      out.push(t.slice(start, i));
      start = i + 1;
    }
  }
  out.push(t.slice(start));
  return out;
}

/** The members of a union type written `A | B` (outside brackets), without the null-like ones. */
function unionMembers(t: string): string[] {
  return splitTop(t, '|')
    .map((m) => m.trim())
    .filter((m) => m !== '' && !NOTHING.has(m));
}

/**
 * The declared type of parameter `index` of a function type (`(doc: Doc) => void`; TS's `this:`
 * pseudo-parameter skipped; found inside `((d: Doc) => void) | undefined` too), or undefined.
 */
export function functionTypeParam(type: string, index: number): string | undefined {
  for (let open = type.indexOf('('); open >= 0; open = type.indexOf('(', open + 1)) {
    let depth = 0;
    let close = -1;
    for (let i = open; i < type.length && close < 0; i++) {
      if (type[i] === '(') depth++;
      else if (type[i] === ')' && --depth === 0) close = i;
    }
    if (close < 0) return undefined;
    if (!/^\s*=>/.test(type.slice(close + 1))) continue;
    const params = splitTop(type.slice(open + 1, close), ',')
      .map((p) => p.trim())
      .filter((p) => p !== '' && !/^this\s*:/.test(p));
    const p = params[index];
    if (!p || p.startsWith('...')) return undefined;
    const [name, ...rest] = splitTop(p, ':');
    return rest.length > 0 && /^[\w$]+\??$/.test(name!.trim()) ? rest.join(':').trim() : undefined;
  }
  return undefined;
}

/**
 * A local whose name is declared more than once in one function with different types (Go's
 * `for _, m := range infos` inside a method on `m`; a function literal's `r *http.Request` inside a
 * function whose `r` is a router): `FunctionIR.locals` keeps one type per name, so such a name holds
 * the lines each declaration is in force on, as `@first-last=type;…`. At a line, the entry that
 * starts last among those that cover it wins (the innermost scope; `?` marks a line where two
 * declarations are both used); a line no entry covers is unknown.
 */
export interface ScopedType {
  readonly first: number;
  readonly last: number;
  readonly type: string;
}

const SCOPED = '@';

/** The encoded value for `FunctionIR.locals`; a type that would break the encoding is unknown. */
export function encodeScoped(entries: readonly ScopedType[]): string {
  const safe = (t: string) => (/[;=\n@]/.test(t) ? '?' : t);
  return SCOPED + entries.map((e) => `${e.first}-${e.last}=${safe(e.type)}`).join(';');
}

/** The entries of a value {@link encodeScoped} wrote (`@first-last=type;…`). */
export function decodeScoped(value: string): ScopedType[] {
  return value
    .slice(1)
    .split(';')
    .map((e) => {
      const eq = e.indexOf('=');
      const [first, last] = e.slice(0, eq).split('-').map(Number) as [number, number];
      return { first, last, type: e.slice(eq + 1) };
    });
}

/** Whether local `name` is declared at `line`: for the whole function, or by an entry that covers the line. */
export function declaredAt(locals: Readonly<Record<string, string>>, name: string, line: number): boolean {
  if (!Object.hasOwn(locals, name)) return false;
  const value = locals[name]!;
  if (!value.startsWith(SCOPED)) return true;
  return value
    .slice(1)
    .split(';')
    .some((entry) => {
      const [first, last] = entry.slice(0, entry.indexOf('=')).split('-').map(Number) as [number, number];
      return line >= first && line <= last;
    });
}

/** The type of local `name` at `line`: as recorded, or the one in force there; undefined: no such local. */
export function localAt(
  locals: Readonly<Record<string, string>>,
  name: string,
  line: number,
): string | undefined {
  if (!Object.hasOwn(locals, name)) return undefined;
  const value = locals[name]!;
  if (!value.startsWith(SCOPED)) return value;
  let best = '';
  let bestFirst = -1;
  for (const entry of value.slice(1).split(';')) {
    const eq = entry.indexOf('=');
    const [first, last] = entry.slice(0, eq).split('-').map(Number) as [number, number];
    if (line < first || line > last || first < bestFirst) continue;
    bestFirst = first;
    best = entry.slice(eq + 1);
  }
  return best;
}
