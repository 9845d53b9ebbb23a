import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { field, named } from '../extract/helpers.js';
import type { FunctionIR } from '../ir.js';

/**
 * The types of a tuple struct's or tuple variant's fields by position (`(OccupiedEntry<'a, K>, u8)` →
 * `0`: OccupiedEntry, `1`: u8), under `prefix` (`Occupied(` gives `Occupied(0)` for a variant).
 */
export function orderedFields(
  list: Node | null | undefined,
  typeName: (n: Node | undefined) => string | undefined,
  into: Record<string, string>,
  prefix = '',
): void {
  if (list?.type !== 'ordered_field_declaration_list') return;
  list.childrenForFieldName('type').forEach((c, i) => {
    const t = c ? typeName(c) : undefined;
    if (t) into[prefix ? `${prefix}(${i})` : String(i)] = t;
  });
}

/** An enum's tuple variants' fields: `Occupied(0)` → the type of `Occupied`'s first field. */
export function variantFields(
  n: Node,
  typeName: (n: Node | undefined) => string | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  const body = field(n, 'body');
  for (const v of body ? named(body) : []) {
    const name = v.type === 'enum_variant' ? field(v, 'name')?.text : undefined;
    if (name) orderedFields(field(v, 'body'), typeName, out, name);
  }
  return out;
}

/**
 * `Entry::Occupied(ref e) => e.into_mut()`: the names a tuple-variant pattern binds at its top level
 * are typed by the variant's fields (`(.)Entry.Occupied(0)`, worked out when linking), on the lines
 * of `scope` only (the match arm, the `if let` block): another arm may bind the name to another type.
 * Returns the names it typed.
 */
export function typeVariantBindings(
  pattern: Node | null | undefined,
  scope: Node,
  b: FileBuilder,
): Set<string> {
  const typed = new Set<string>();
  const fn = b.currentFunction;
  const p = pattern?.type === 'match_pattern' ? pattern.namedChildren[0] : pattern;
  if (!fn || p?.type !== 'tuple_struct_pattern') return typed;
  const path = field(p, 'type');
  if (path?.type !== 'scoped_identifier') return typed;
  const owner = field(path, 'path')?.text;
  const variant = field(path, 'name')?.text;
  if (!owner || !variant) return typed;
  let i = 0;
  for (const c of named(p)) {
    if (c.equals(path)) continue;
    const id =
      c.type === 'identifier'
        ? c
        : c.type === 'ref_pattern' || c.type === 'mut_pattern'
          ? c.namedChildren.at(-1)
          : null;
    if (id?.type === 'identifier' && /^[a-z_]/.test(id.text)) {
      scoped(
        fn,
        id.text,
        scope.startPosition.row + 1,
        scope.endPosition.row + 1,
        `(.)${owner}.${variant}(${i})`,
      );
      typed.add(id.text);
    }
    i++;
  }
  return typed;
}

/**
 * A `let`'s type, in force from the line after the statement to the end of its block: a later `let`
 * of the name shadows it on its own lines, and one in another `match` arm or block has other lines
 * (regex-syntax's `let mut cls = … .unwrap_class_unicode()` in one arm, `… .unwrap_class_bytes()` in
 * the next). A type worked out from a call (`()x.next`) is worked out where the `let` is, as the
 * names in it are bound there (`let x = x.next();`). Lines a pattern typed keep their type.
 */
export function scopedLet(fn: FunctionIR | undefined, n: Node, name: string, type: string | undefined): void {
  if (!fn) return;
  const block = n.parent?.type === 'block' ? n.parent : undefined;
  const last = block ? block.endPosition.row + 1 : fn.endLine;
  const first = Math.min(n.endPosition.row + 2, last);
  const at = type?.startsWith('()') ? `(at${n.startPosition.row + 1})${type}` : type;
  scoped(fn, name, first, last, at ?? '');
}

/**
 * Names a pattern binds afresh (closure parameters, `for` and `match` patterns) hide a typed
 * parameter or `let` of the same name on the lines of `over` (the closure, loop body or arm): there
 * their type is unknown, or the one a closure parameter is written with (`|m: &Map|`).
 */
export function shadowOn(
  fn: FunctionIR | undefined,
  names: readonly string[],
  over: Node | undefined | null,
  types?: ReadonlyMap<string, string>,
): void {
  const body =
    over?.type === 'closure_expression'
      ? field(over, 'body')
      : over?.type === 'match_arm'
        ? field(over, 'value')
        : over;
  // a block's lines from its first statement: `f(&|x| {` leaves the line's outer `x` alone
  const first =
    body?.type === 'block' ? body.namedChildren.find((c) => !/comment/.test(c?.type ?? '')) : body;
  if (!fn || !body || !first) return;
  for (const x of names)
    if (fn.locals[x] || types?.get(x))
      scoped(fn, x, first.startPosition.row + 1, body.endPosition.row + 1, types?.get(x) ?? '');
}

// Adds one line range to a local's scoped types (see `localAt`): two on the same first line are unknown there.
function scoped(fn: FunctionIR, name: string, first: number, last: number, type: string): void {
  const was = Object.hasOwn(fn.locals, name) ? fn.locals[name]! : undefined;
  const entries =
    was === undefined
      ? []
      : was.startsWith('@')
        ? was.slice(1).split(';')
        : [`${fn.line}-${fn.endLine}=${was}`];
  const safe = /[;=\n@]/.test(type) ? '?' : type;
  const same = entries.findIndex((e) => e.startsWith(`${first}-`));
  if (same >= 0) entries[same] = `${entries[same]!.slice(0, entries[same]!.indexOf('='))}=?`;
  else entries.push(`${first}-${last}=${safe}`);
  fn.locals[name] = `@${entries.join(';')}`;
}
