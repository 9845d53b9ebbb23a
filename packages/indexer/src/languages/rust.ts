import type { Node } from 'web-tree-sitter';
import type { FileBuilder, FqnStyle } from '../extract/builder.js';
import { baseType, field, fieldText, named } from '../extract/helpers.js';
import type { ParamIR } from '../ir.js';
import { type ImportDecl, tableLanguage } from './declarative.js';
import { orderedFields, scopedLet, typeVariantBindings, variantFields } from './rust-patterns.js';
import { returnTypeName, rustExpression } from './rust-results.js';
import { closureTypes, fieldValue, inlineModule, shadowed } from './rust-scopes.js';

/** `store::Store::add`: module path from the file, `::` everywhere. */
export const COLONS: FqnStyle = { join: (c, n) => (c ? `${c}::${n}` : n) };

/** A type's name; `dyn Tr` and `impl Tr` name the trait, a type parameter its one trait bound. */
function typeName(n: Node | undefined, scope?: TraitScope): string | undefined {
  if (!n) return undefined;
  if (n.type === 'reference_type' || n.type === 'pointer_type') return typeName(field(n, 'type'), scope);
  if (n.type === 'generic_type') return typeName(field(n, 'type'), scope);
  if (n.type === 'dynamic_type' || n.type === 'abstract_type') {
    const t = typeName(field(n, 'trait'));
    return t && !isForeign(t, scope) ? t : undefined;
  }
  const base = baseType(n.text);
  return base !== undefined && scope?.bounds.has(base) ? scope.bounds.get(base) || undefined : base;
}

/** What types a function's parameters by trait: its type parameters' bounds, and names other crates own. */
interface TraitScope {
  readonly bounds: ReadonlyMap<string, string>;
  /** Names a `use` takes from another crate (`use serde::Deserializer`): never the crate's own trait. */
  readonly foreign: ReadonlySet<string>;
}

function traitScope(fn: Node, b: FileBuilder): TraitScope {
  const foreign = new Set<string>();
  for (const imp of b.ir.imports) {
    const local = imp.alias ?? imp.name;
    if (local && local !== '*' && !/^(crate|self|super)(::|$)/.test(imp.source)) foreign.add(local);
  }
  const bounds = typeBounds(fn);
  const scope = { bounds, foreign };
  for (const [k, v] of bounds) if (isForeign(v, scope)) bounds.set(k, '');
  return scope;
}

// `Deserializer` or `de::Deserializer` after `use serde::de::Deserializer` / `use serde::de`.
const isForeign = (path: string, scope: TraitScope | undefined) =>
  scope !== undefined && (scope.foreign.has(path) || scope.foreign.has(path.split('::')[0]!));

// Bounds that say nothing about which methods a call reaches.
const MARKER =
  /^(\?Sized|Sized|Send|Sync|Copy|Clone|Debug|Default|Unpin|Eq|PartialEq|Ord|PartialOrd|Hash|'\w+)$/;

/** A function's type parameters with their one trait bound (`<T: Tr>`, `where T: Tr`); '' for none or several. */
function typeBounds(fn: Node): Map<string, string> {
  const out = new Map<string, string>();
  const add = (name: string | undefined, bounds: Node | undefined) => {
    if (!name) return;
    const traits = (bounds ? named(bounds) : []).filter((b) => b.type !== 'lifetime' && !MARKER.test(b.text));
    const prev = out.get(name);
    const t = traits.length === 1 ? (typeName(traits[0]) ?? '') : '';
    out.set(name, prev ? (t && t !== prev ? '' : prev) : t);
  };
  for (const p of named(field(fn, 'type_parameters') ?? fn).filter((c) => c.type === 'type_parameter'))
    add(fieldText(p, 'name'), field(p, 'bounds'));
  for (const w of fn.namedChildren.filter((c) => c?.type === 'where_clause'))
    for (const p of w ? named(w) : [])
      if (p.type === 'where_predicate') add(fieldText(p, 'left'), field(p, 'bounds'));
  return out;
}

function params(n: Node | undefined, scope?: TraitScope): ParamIR[] {
  return (n ? named(n) : []).flatMap((p) => {
    if (p.type === 'self_parameter') return [{ name: 'self' }];
    if (p.type !== 'parameter') return [];
    const t = typeName(field(p, 'type'), scope);
    const name = fieldText(p, 'pattern') ?? '?';
    return [t ? { name, type: t } : { name }];
  });
}

function useTree(n: Node, prefix: string, out: ImportDecl[]): void {
  if (
    n.type === 'scoped_identifier' ||
    n.type === 'identifier' ||
    n.type === 'crate' ||
    n.type === 'self' ||
    n.type === 'super'
  ) {
    const full = prefix ? `${prefix}::${n.text}` : n.text;
    const i = full.lastIndexOf('::');
    out.push(i < 0 ? { source: full } : { source: full.slice(0, i), name: full.slice(i + 2) });
  } else if (n.type === 'use_as_clause') {
    const path = field(n, 'path');
    if (!path) return;
    const before = out.length;
    useTree(path, prefix, out);
    for (const o of out.slice(before)) o.alias = fieldText(n, 'alias');
  } else if (n.type === 'scoped_use_list') {
    const p = fieldText(n, 'path');
    const inner = p ? (prefix ? `${prefix}::${p}` : p) : prefix;
    for (const c of named(field(n, 'list') ?? n)) useTree(c, inner, out);
  } else if (n.type === 'use_wildcard') {
    const p = n.namedChildren[0]?.text ?? '';
    out.push({ source: prefix ? `${prefix}::${p}` : p, name: '*' });
  } else if (n.type === 'use_list') for (const c of named(n)) useTree(c, prefix, out);
}

/**
 * `impl Display for Version` in display.rs after `use crate::Version;`: the type's FQN as the `use`
 * path names it (`Version`, not `display::Version`), for a path from `crate`, `self` or `super`.
 */
function importedFqn(impl: Node, b: FileBuilder, type: string): string | undefined {
  const top = topLevelUses(impl, b);
  const imp = b.ir.imports.find(
    (i) => top.has(i.line) && i.name !== undefined && i.name !== '*' && (i.alias ?? i.name) === type,
  );
  if (!imp) return undefined;
  const parts = imp.source.split('::');
  const here = (b.ir.module ?? '').split('::').filter(Boolean);
  let path: string[];
  if (parts[0] === 'crate') path = parts.slice(1);
  else if (parts[0] === 'self') path = [...here, ...parts.slice(1)];
  else if (parts[0] === 'super') path = [...here.slice(0, -1), ...parts.slice(1)];
  else return undefined;
  return [...path, imp.name!].join('::');
}

// The lines of each file's top-level `use` declarations (an inline module's say nothing of the file's names).
const topUseLines = new WeakMap<FileBuilder, Set<number>>();

function topLevelUses(n: Node, b: FileBuilder): Set<number> {
  let lines = topUseLines.get(b);
  if (!lines) {
    lines = new Set();
    for (const c of n.tree.rootNode.namedChildren)
      if (c?.type === 'use_declaration') lines.add(c.startPosition.row + 1);
    topUseLines.set(b, lines);
  }
  return lines;
}

/** Rust: modules from file paths, structs/enums/traits, impl blocks as members, `use` trees. */
export const rust = tableLanguage({
  id: 'rust',
  extensions: ['.rs'],
  grammars: [
    { pkg: 'tree-sitter-rust', file: 'tree-sitter-rust.wasm' },
    { pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-rust.wasm' },
  ],
  style: COLONS,
  selfNames: ['self', 'Self'],
  constructorNames: [],
  complexity: [
    'if_expression',
    'match_arm',
    'for_expression',
    'while_expression',
    'loop_expression',
    '&&',
    '||',
  ],
  commentTypes: ['line_comment', 'block_comment'],
  moduleFromPath: (ctx) => {
    const rel = ctx.path.includes('/src/')
      ? ctx.path.slice(ctx.path.lastIndexOf('/src/') + 5)
      : ctx.path.replace(/^src\//, '');
    const parts = rel.replace(/\.rs$/, '').split('/');
    if (['lib', 'main', 'mod'].includes(parts.at(-1)!)) parts.pop();
    return parts.join('::') || undefined;
  },
  namespace: {
    mod_item: (n, b) => (field(n, 'body') ? b.memberFqn(fieldText(n, 'name') ?? '?') : undefined),
  },
  // Token trees that hold no code to run: attributes (`#[cfg(any(unix))]`, read beside their item)
  // and macro definitions. Not walked at all, so that the token-tree reader needs no ancestor walk.
  skip: { attribute_item: () => true, inner_attribute_item: () => true, macro_definition: () => true },
  classes: {
    struct_item: (n) => ({ name: fieldText(n, 'name') ?? '?', kind: 'struct', fields: structFields(n) }),
    enum_item: (n) => ({
      name: fieldText(n, 'name') ?? '?',
      kind: 'enum',
      fields: variantFields(n, typeName),
    }),
    union_item: (n) => ({ name: fieldText(n, 'name') ?? '?', kind: 'struct' }),
    trait_item: (n) => ({ name: fieldText(n, 'name') ?? '?', kind: 'trait' }),
    impl_item: (n, b) => {
      const t = typeName(field(n, 'type'));
      if (!t) return undefined;
      const fqn = (n.parent?.type === 'source_file' && importedFqn(n, b, t)) || b.memberFqn(t);
      const trait = typeName(field(n, 'trait'));
      if (trait) b.ir.classes.find((c) => c.fqn === fqn)?.implements.push(trait);
      return { name: t, kind: 'struct', extendsFqn: fqn };
    },
  },
  functions: {
    function_item: (n, b) => ({
      name: fieldText(n, 'name') ?? '?',
      decorators: attributes(n),
      params: params(field(n, 'parameters'), traitScope(n, b)),
      returnType: returnTypeName(field(n, 'return_type'), typeName),
      isStatic: !params(field(n, 'parameters')).some((p) => p.name === 'self'),
      traitImpl: implementedTrait(n),
      receiver: receiverMode(field(n, 'parameters')),
    }),
    function_signature_item: (n) => ({
      name: fieldText(n, 'name') ?? '?',
      params: params(field(n, 'parameters')),
    }),
  },
  calls: {
    call_expression: (n) => {
      const written = field(n, 'function');
      // `f::<T>(x)`, `it.collect::<Vec<_>>()`: the function the generic arguments instantiate
      const f = written?.type === 'generic_function' ? field(written, 'function') : written;
      const argc = field(n, 'arguments')?.namedChildCount;
      const recv = (name: string) => {
        const text = fieldText(f!, name);
        return text === undefined ? undefined : rustExpression(text);
      };
      if (f?.type === 'identifier') return { name: f.text, form: 'call', argc };
      if (f?.type === 'field_expression')
        return { name: fieldText(f, 'field') ?? '', receiver: recv('value'), form: 'call', argc };
      if (f?.type === 'scoped_identifier')
        return { name: fieldText(f, 'name') ?? '', receiver: recv('path'), form: 'static', argc };
      return undefined;
    },
    token_tree: macroCalls,
  },
  imports: {
    use_declaration: (n, b) => {
      const out: ImportDecl[] = [];
      const arg = field(n, 'argument');
      if (arg) useTree(arg, '', out);
      const module = inlineModule(n, b);
      if (module !== undefined) for (const o of out) o.module = module;
      return out;
    },
  },
  typed: {
    let_declaration: (n, b) => {
      const name = fieldText(n, 'pattern');
      const v = field(n, 'value');
      const t =
        typeName(field(n, 'type')) ??
        (v?.type === 'call_expression'
          ? `()${rustExpression(fieldText(v, 'function') ?? '')}`
          : v?.type === 'try_expression' && v.namedChildren[0]?.type === 'call_expression'
            ? `()${rustExpression(v.namedChildren[0].text)}.unwrap`
            : v?.type === 'struct_expression'
              ? fieldText(v, 'name')
              : fieldValue(v));
      // (a destructuring `let (f, rest) = f(x)?;` still calls the function `f`: its names are not kept)
      if (!name || !/^\w+$/.test(name)) return [];
      scopedLet(b.currentFunction, n, name, t);
      return [];
    },
    // names bound by patterns hold values: `if let Some(f) = x { f() }` calls no function `f`
    let_condition: (n, b) => {
      const block = n.parent?.type === 'if_expression' ? field(n.parent, 'consequence') : undefined;
      const typed = block ? typeVariantBindings(field(n, 'pattern'), block, b) : new Set();
      return shadowed(
        b,
        bindings(field(n, 'pattern')).filter(([x]) => !typed.has(x)),
        block,
      );
    },
    match_pattern: (n, b) => {
      const typed = n.parent ? typeVariantBindings(n, n.parent, b) : new Set();
      return shadowed(
        b,
        bindings(n).filter(([x]) => !typed.has(x)),
        n.parent,
      );
    },
    for_expression: (n, b) => shadowed(b, bindings(field(n, 'pattern')), field(n, 'body')),
    closure_parameters: (n, b) => shadowed(b, bindings(n), n.parent, closureTypes(n, typeName)),
  },
});

/** The names a pattern binds (`Some(Filter(f))` → f), untyped; paths and variants are not names. */
function bindings(p: Node | undefined): [string, undefined][] {
  if (!p) return [];
  return p
    .descendantsOfType('identifier')
    .filter(
      (id): id is Node =>
        id !== null &&
        /^[a-z_]/.test(id.text) &&
        id.parent?.type !== 'scoped_identifier' &&
        id.parent?.type !== 'call_expression' &&
        id.parent?.type !== 'field_expression',
    )
    .map((id) => [id.text, undefined]);
}

// Tokens a receiver or path inside a macro's arguments is made of (`self.items.len()`, `a::B::new()`).
const CHAIN = new Set(['identifier', 'self', 'primitive_type', '.', '::', 'token_tree', 'field_identifier']);

/**
 * Calls inside a macro's arguments (`assert_eq!(self.len(), n)`, `write!(f, "{}", x.name())`),
 * which tree-sitter keeps as tokens: a name followed by a parenthesized token tree, with the
 * receiver (`a.b().`) or path (`A::`) the tokens before it spell. Recorded through the builder.
 */
function macroCalls(tree: Node, b: FileBuilder): undefined {
  const kids = tree.children.filter((k): k is Node => k !== null);
  for (let i = 1; i < kids.length; i++) {
    const args = kids[i]!;
    const name = kids[i - 1]!;
    if (args.type !== 'token_tree' || args.firstChild?.type !== '(') continue;
    if (name.type !== 'identifier' && name.type !== 'primitive_type') continue;
    const sep = kids[i - 2];
    const argc = args.children.filter((c) => c?.type === ',').length + (args.childCount > 2 ? 1 : 0);
    if (sep?.type !== '.' && sep?.type !== '::') {
      if (name.type === 'identifier') b.call(name, { name: name.text, form: 'call', argc });
      continue;
    }
    let from = i - 2;
    while (from > 0 && CHAIN.has(kids[from - 1]!.type)) from--;
    const receiver = kids
      .slice(from, i - 2)
      .map((k) => k.text)
      .join('');
    if (!receiver || /^(\.|::)/.test(receiver)) continue;
    // placed where the receiver starts, as a call expression outside a macro is
    b.call(kids[from]!, { name: name.text, receiver, form: sep.type === '::' ? 'static' : 'call', argc });
  }
  return undefined;
}

/** The trait of the `impl` block a method is in (none: inherent), `&Tr` for `impl Tr for &T`. */
function implementedTrait(fn: Node): string | undefined {
  const impl = fn.parent?.type === 'declaration_list' ? fn.parent.parent : undefined;
  const trait = impl?.type === 'impl_item' ? typeName(field(impl, 'trait')) : undefined;
  return trait && field(impl!, 'type')?.type === 'reference_type' ? `&${trait}` : trait;
}

/** How a method takes `self`: `&self`, `&mut self`, `self` (`mut self` too), or the type written. */
function receiverMode(list: Node | undefined): string | undefined {
  const first = list?.namedChildren.find((c) => c?.type !== 'attribute_item');
  if (first?.type === 'parameter' && fieldText(first, 'pattern') === 'self')
    return fieldText(first, 'type')?.replace(/\s+/g, ' ');
  if (first?.type !== 'self_parameter') return undefined;
  const text = first.text.replace(/'\w+\s*/g, '').replace(/\s+/g, ' ');
  return text === 'mut self' ? 'self' : text;
}

/** The attributes above an item (`cfg(feature = "std")`, `inline`), inner text only. */
function attributes(n: Node): string[] {
  const out: string[] = [];
  for (let p = n.previousNamedSibling; p; p = p.previousNamedSibling) {
    if (p.type === 'attribute_item') out.unshift(p.text.slice(2, -1).trim());
    else if (p.type !== 'line_comment' && p.type !== 'block_comment') break;
  }
  return out;
}

function structFields(n: Node): Record<string, string> {
  const out: Record<string, string> = {};
  const body = field(n, 'body');
  for (const f of body ? named(body) : []) {
    const t = typeName(field(f, 'type'));
    const name = fieldText(f, 'name');
    if (f.type === 'field_declaration' && t && name) out[name] = t;
  }
  // `struct Wrapper(Inner);`: `self.0`
  orderedFields(body, typeName, out);
  return out;
}
