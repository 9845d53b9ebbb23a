import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { field, fieldText, named } from '../extract/helpers.js';
import { shadowOn } from './rust-patterns.js';

// Rust: what a name means where it is bound (a field's `let`, a pattern, a closure) or spelled (an inline module).

/** `let s = &mut self.slab;`: the type of field `slab` of `self` (`(.)self.slab`), worked out when linking. */
export function fieldValue(v: Node | null | undefined): string | undefined {
  const f = v?.type === 'reference_expression' ? field(v, 'value') : v;
  return f?.type === 'field_expression' && /^\w+(\.\w+)+$/.test(f.text) ? `(.)${f.text}` : undefined;
}

/** The inline module a node sits in (`mod tests { … }` of `a.rs`: `a::tests`); undefined at a file's top level. */
export function inlineModule(n: Node, b: FileBuilder): string | undefined {
  const mods: string[] = [];
  for (let p = n.parent; p; p = p.parent)
    if (p.type === 'mod_item') mods.unshift(fieldText(p, 'name') ?? '?');
  return mods.length ? [b.ir.module, ...mods].filter(Boolean).join('::') : undefined;
}

/** A pattern's names, which hide a typed name of the function on the lines of `over` (see shadowOn). */
export function shadowed(
  b: FileBuilder,
  names: [string, undefined][],
  over: Node | null | undefined,
  types?: ReadonlyMap<string, string>,
) {
  shadowOn(
    b.currentFunction,
    names.map(([x]) => x),
    over,
    types,
  );
  return names;
}

/** The types a closure's parameters are written with (`|m: &HashMap<K, V>, k|` → m: HashMap). */
export function closureTypes(
  n: Node,
  typeName: (n: Node | undefined) => string | undefined,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of named(n)) {
    const name = p.type === 'parameter' ? fieldText(p, 'pattern') : undefined;
    const t = name && /^\w+$/.test(name) ? typeName(field(p, 'type')) : undefined;
    if (t) out.set(name!, t);
  }
  return out;
}
