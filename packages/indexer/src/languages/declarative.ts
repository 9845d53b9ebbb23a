import type { Node } from 'web-tree-sitter';
import type { FileBuilder, FqnStyle } from '../extract/builder.js';
import { lineOf, precedingDoc } from '../extract/helpers.js';
import { SKIP } from '../extract/walk.js';
import type { CallIR, ClassKind, FileIR, FunctionKind, ImportIR, ParamIR } from '../ir.js';
import type { FileContext, GrammarRef, LanguageSpec } from './types.js';

/** A class-like declaration read from a node. */
export interface ClassDecl {
  name: string;
  /** Full FQN when the declaration names its scope itself (C++ `class Outer::Inner {}`). */
  fqn?: string;
  kind: ClassKind;
  bases?: string[];
  implements?: string[];
  decorators?: string[];
  /** Declared field types. */
  fields?: Record<string, string>;
  /** Enter a member scope without declaring a class (Rust `impl`, Swift `extension`): methods get this class FQN. */
  extendsFqn?: string;
}

/** A function declaration read from a node. */
export interface FunctionDecl {
  name: string;
  kind?: FunctionKind;
  params?: ParamIR[];
  isStatic?: boolean;
  returnType?: string | undefined;
  decorators?: string[];
  signature?: string;
  /** Full FQN when the language names members its own way (Ruby `A::B#m`). */
  fqn?: string;
  /** Owning class FQN for methods declared outside their class (C++ `void A::m() {}`). */
  classFqn?: string;
  /** A C++ `const` member function. */
  isConst?: boolean;
  /** A C++ `= default` special member. */
  defaulted?: boolean;
  /** A C++ `constexpr` function. */
  constexpr?: boolean;
  /** Rust: the trait the `impl` block around the method implements. */
  traitImpl?: string | undefined;
  /** Rust: how the method takes `self`. */
  receiver?: string | undefined;
}

/** A call read from a node. */
export type CallDecl = Pick<CallIR, 'name' | 'receiver' | 'form' | 'argc' | 'within'>;

/** What a language table may return for an import node. */
export type ImportDecl = Omit<ImportIR, 'line' | 'kind'> & { kind?: ImportIR['kind'] };

/** A language described by node types and small readers: the compact way to add a language. */
export interface LanguageTable {
  readonly id: string;
  readonly extensions: readonly string[];
  readonly grammars: readonly GrammarRef[];
  readonly style: FqnStyle;
  readonly selfNames: readonly string[];
  readonly constructorNames?: readonly string[];
  readonly complexity: readonly string[];
  readonly commentTypes?: readonly string[];
  /** Node types declaring the file's package/module (no body). */
  readonly module?: Readonly<Record<string, (n: Node, b: FileBuilder) => string | undefined>>;
  /** Node types opening a namespace scope (with a body); returns its FQN. */
  readonly namespace?: Readonly<Record<string, (n: Node, b: FileBuilder) => string | undefined>>;
  readonly classes?: Readonly<Record<string, (n: Node, b: FileBuilder) => ClassDecl | undefined>>;
  readonly functions?: Readonly<Record<string, (n: Node, b: FileBuilder) => FunctionDecl | undefined>>;
  readonly calls?: Readonly<Record<string, (n: Node, b: FileBuilder) => CallDecl | undefined>>;
  readonly imports?: Readonly<Record<string, (n: Node, b: FileBuilder) => ImportDecl[]>>;
  /** Node types declaring typed locals (or class fields, inside a class body): name → type. */
  readonly typed?: Readonly<Record<string, (n: Node, b: FileBuilder) => [string, string | undefined][]>>;
  /** Module name from the file path, for languages whose modules are files (Rust). */
  readonly moduleFromPath?: (ctx: FileContext) => string | undefined;
  /** Narrower capture patterns by node type (see {@link LanguageSpec.queryPatterns}). */
  readonly queryPatterns?: Readonly<Record<string, string>>;
  /** Node types whose whole subtree is left out when the reader says so (C's `#if 0` blocks). */
  readonly skip?: Readonly<Record<string, (n: Node) => boolean>>;
  /** See {@link LanguageSpec.prepare}. */
  readonly prepare?: (source: string) => string;
  /** See {@link LanguageSpec.treeless}. */
  readonly treeless?: (text: string) => boolean;
  /** See {@link LanguageSpec.finish}. */
  readonly finish?: (ir: FileIR, text: string) => void;
}

/** Builds a {@link LanguageSpec} from a table. */
export function tableLanguage(t: LanguageTable): LanguageSpec {
  const comments = t.commentTypes ?? ['comment'];
  const enter = (node: Node, b: FileBuilder, known?: string): typeof SKIP | undefined => {
    const type = known ?? node.type;
    if (t.skip?.[type]?.(node)) return SKIP;
    const mod = t.module?.[type];
    if (mod) {
      b.setModule(mod(node, b));
      return SKIP;
    }
    const ns = t.namespace?.[type];
    if (ns) {
      const fqn = ns(node, b);
      if (fqn) b.pushNamespace(fqn);
      return undefined;
    }
    const imp = t.imports?.[type];
    if (imp) {
      for (const i of imp(node, b)) b.import({ ...i, kind: i.kind ?? 'import', line: lineOf(node) });
      return SKIP;
    }
    const cls = t.classes?.[type]?.(node, b);
    if (cls) {
      if (cls.extendsFqn) {
        b.pushNamespace(markExtended(b, cls.extendsFqn));
        return undefined;
      }
      const c = b.pushClass(node, { ...cls, docstring: precedingDoc(node, comments) });
      if (cls.fields) Object.assign(c.fields, cls.fields);
      return undefined;
    }
    const fn = t.functions?.[type]?.(node, b);
    if (fn) {
      const owner = b.currentClass ? undefined : (fn.classFqn ?? extendedFqn(b));
      const f = b.pushFunction(node, {
        ...fn,
        kind: fn.kind ?? (owner ? 'method' : undefined),
        ...(owner && !fn.fqn ? { fqn: t.style.join(owner, fn.name, 'class') } : {}),
        docstring: precedingDoc(node, comments),
      });
      if (owner) f.classFqn = owner;
      if (f.kind === 'method' && t.constructorNames?.includes(f.name)) f.kind = 'constructor';
      return undefined;
    }
    // C runs nothing at file scope: a "call" there is a declaration a macro hid from the parser
    // (`LUAI_FUNC l_noret f (lua_State *L);`) or a macro such as `EXPORT_SYMBOL(f)`.
    const call = t.id === 'c' && !b.currentFunction ? undefined : t.calls?.[type]?.(node, b);
    if (call) b.call(node, call);
    const typed = t.typed?.[type];
    if (typed) {
      const cls2 = b.currentFunction ? undefined : b.currentClass;
      for (const [name, ty] of typed(node, b)) {
        if (cls2 && ty) cls2.fields[name] = ty;
        else b.local(name, ty);
      }
    }
    return undefined;
  };
  return {
    id: t.id,
    extensions: t.extensions,
    grammars: t.grammars,
    style: t.style,
    complexity: new Set(t.complexity),
    selfNames: t.selfNames,
    ...(t.constructorNames ? { constructorNames: t.constructorNames } : {}),
    ...(t.queryPatterns ? { queryPatterns: t.queryPatterns } : {}),
    ...(t.prepare ? { prepare: t.prepare } : {}),
    ...(t.treeless ? { treeless: t.treeless } : {}),
    ...(t.finish ? { finish: t.finish } : {}),
    begin: (b, ctx) => {
      if (t.moduleFromPath) b.setModule(t.moduleFromPath(ctx));
    },
    enter,
    nodeTypes: new Set(
      [t.skip, t.module, t.namespace, t.classes, t.functions, t.calls, t.imports, t.typed].flatMap((m) =>
        Object.keys(m ?? {}),
      ),
    ),
  };
}

// Inside a Rust impl / Swift extension the builder's container is a namespace named after the type.
const extendedScopes = new WeakMap<FileBuilder, Set<string>>();

/** Marks a namespace FQN as "members belong to this type" (impl/extension blocks). */
export function markExtended(b: FileBuilder, fqn: string): string {
  let s = extendedScopes.get(b);
  if (!s) {
    s = new Set();
    extendedScopes.set(b, s);
  }
  s.add(fqn);
  return fqn;
}

function extendedFqn(b: FileBuilder): string | undefined {
  const c = b.containerFqn;
  return c && !b.currentFunction && extendedScopes.get(b)?.has(c) ? c : undefined;
}

/** Text of a named child of the given type. */
export function textOf(n: Node | null | undefined, ...types: string[]): string | undefined {
  if (!n) return undefined;
  for (const c of n.namedChildren) if (c && types.includes(c.type)) return c.text;
  return undefined;
}
