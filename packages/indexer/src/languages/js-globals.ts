import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { decodeScoped, encodeScoped, type ScopedType } from '../extract/helpers.js';
import { declareJsLocal } from './js-callback-locals.js';

/** Nodes whose lines a name declared in them (outside any Function) is in force on. */
const BLOCKS = new Set(['statement_block', 'for_in_statement', 'catch_clause', 'class_static_block']);

/**
 * A JS/TS variable declared outside every Function: the file's own (`const focusManager = new
 * FocusManager()`, in force on all its lines, and what an importer of the name gets), or one of a
 * block at top level — a test's `it('…', () => { const observer = new Observer(…) })`, whose
 * callback is no Function — in force on that block's lines only (`@first-last=type`, see
 * `localAt`). Declared twice with two types at top level, or both at top level and in a block, the
 * name is unknown (`?`); declared in two blocks, each keeps its type on its lines.
 */
export function declareGlobal(
  b: FileBuilder,
  name: string,
  type: string | undefined,
  block: Node | undefined,
): void {
  if (b.currentFunction || !/^[\w$]+$/.test(name)) return;
  b.ir.globals ??= {};
  const globals = b.ir.globals;
  const was = Object.hasOwn(globals, name) ? globals[name]! : undefined;
  const t = type ?? '';
  if (!block) {
    globals[name] = was === undefined || was === t ? t : '?';
    return;
  }
  if (was !== undefined && !was.startsWith('@')) {
    globals[name] = '?';
    return;
  }
  const entry: ScopedType = { first: block.startPosition.row + 1, last: block.endPosition.row + 1, type: t };
  const entries = was ? decodeScoped(was) : [];
  const same = entries.findIndex((e) => e.first === entry.first && e.last === entry.last);
  if (same < 0) entries.push(entry);
  else if (entries[same]!.type !== t) entries[same] = { ...entry, type: '?' };
  globals[name] = encodeScoped(entries);
}

/** A callback's parameters outside every Function: names of unknown type on the callback's lines. */
export function declareGlobalParams(b: FileBuilder, names: readonly string[], callback: Node): void {
  for (const n of names) declareGlobal(b, n, undefined, callback);
}

/** The innermost block around a declaration at `node` (a `for`, a `catch`: their own); undefined at the file's top level. */
export function blockOf(node: Node): Node | undefined {
  if (BLOCKS.has(node.type)) return node;
  for (let p = node.parent; p; p = p.parent) if (BLOCKS.has(p.type)) return p;
  return undefined;
}

/** A variable of unknown type declared at `node` (a loop's, a `catch` clause's): a local, or a global outside every Function. */
export function declareVariable(b: FileBuilder, name: string, node: Node): void {
  declareJsLocal(b, name, undefined);
  declareGlobal(b, name, undefined, blockOf(node));
}
