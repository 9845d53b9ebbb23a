/** Kinds of class-like declarations. */
export type ClassKind = 'class' | 'interface' | 'trait' | 'enum' | 'struct' | 'record' | 'module';

/** Kinds of callable declarations. */
export type FunctionKind = 'function' | 'method' | 'constructor' | 'closure';

/** A declared parameter. */
export interface ParamIR {
  readonly name: string;
  readonly type?: string;
  /** Takes any number of arguments (Java `T... xs`). */
  readonly variadic?: boolean;
  /** Has a default value (C++ `bool keep = false`): a call may leave it out. */
  readonly optional?: boolean;
}

/** A class, interface, trait, enum, struct or record declared in a file. */
export interface ClassIR {
  name: string;
  fqn: string;
  kind: ClassKind;
  line: number;
  endLine: number;
  /** Base classes as written (resolved later). */
  bases: string[];
  /** Implemented interfaces as written (resolved later). */
  implements: string[];
  decorators: string[];
  docstring?: string;
  source?: string;
  /** FQN of the enclosing class, for nested classes. */
  parent?: string;
  /** Declared field types (`this.repo: Repo`, typed properties, constructor promotion). */
  fields: Record<string, string>;
  /** Traits/mixins used (PHP `use T;`, Ruby `include M`). */
  mixins: string[];
}

/** A function, method, constructor or closure declared in a file. */
export interface FunctionIR {
  name: string;
  fqn: string;
  kind: FunctionKind;
  line: number;
  endLine: number;
  params: ParamIR[];
  decorators: string[];
  docstring?: string;
  source?: string;
  complexity: number;
  /** FQN of the owning class for methods. */
  classFqn?: string;
  /** FQN of the enclosing function for nested functions and closures. */
  parentFqn?: string;
  isStatic: boolean;
  visibility?: string;
  exported?: boolean;
  returnType?: string;
  /** Go: each result's type (`''` when not named) when there are several; `returnType` is the first. */
  results?: string[];
  /** Overload signature (parameter types), only where the language overloads. */
  signature?: string;
  /** A JS/TS `get` or `set` accessor: `x.p()` reads (or writes) the property, then calls its value. */
  accessor?: 'get' | 'set';
  /** Local variable types: a type name, or `()Name` for "the result of calling Name". */
  locals: Record<string, string>;
  /** A Java anonymous class's method: the type its class extends or implements (`new Base() { … }`). */
  anonymousBase?: string;
  /** A C++ member function declared `const` (`int size() const`): `this` is const in it. */
  isConst?: boolean;
  /** A C++ special member declared `= default` (`T() = default;`): the compiler writes its body. */
  defaulted?: boolean;
  /** A C++ `constexpr` function or constructor: a call with constant arguments may run at compile time. */
  constexpr?: boolean;
  /**
   * Rust: the trait of the `impl Trait for Type` block declaring this method (none: an inherent
   * method), `&Trait` when the block is for a reference (`impl Trait for &Type`).
   */
  traitImpl?: string;
  /** Rust: how a method takes `self` (`&self`, `&mut self`, `self`, or the type written: `self: Box<Self>`). */
  receiver?: string;
}

/** One call site. */
export interface CallIR {
  /** Index of the calling function in the file's `functions` (compact across threads); absent at file level. */
  caller?: number;
  /** The called name (last segment). */
  name: string;
  /** Receiver expression text (`self`, `this.repo`, `Foo`, `$this`, `pkg`), absent for a bare call. */
  receiver?: string;
  /**
   * How the call was written; `macro`: through a C alias macro whose `#if` branches name different
   * functions (the build decides which runs), so it is never linked.
   */
  form: 'call' | 'new' | 'static' | 'super' | 'macro';
  line: number;
  /** Number of arguments, to choose between overloads. */
  argc?: number;
  /**
   * What the extractor could tell of each argument's static type, comma-separated (`String,int,?`;
   * `?` unknown, `null` the null literal), to choose between overloads of one arity. Absent when
   * nothing was known.
   */
  argTypes?: string;
  /** C/C++ `x->m()`: the receiver is used through `->` (a pointer, or a class's `operator->`). */
  arrow?: true;
  /**
   * C/C++: the names of the bare calls whose arguments hold this one, innermost first, space-separated
   * (`assert(!isError(check(p)))`: `check` is within `isError assert`). A macro among them may drop its
   * arguments (see languages/c-arg-drops.ts).
   */
  within?: string;
  /**
   * C++: a construction whose arguments are all constants (or none) that initializes a variable, a
   * returned value or an initializer list's element: a `constexpr` constructor runs at compile time there.
   */
  constantInit?: true;
}

/** An import, require, PHP `use`, re-export or include. */
export interface ImportIR {
  /** Module specifier, dotted module, namespace or header as written. */
  source: string;
  /** Imported symbol: a name, `*` for a namespace/wildcard import, `default`. Absent: the module itself. */
  name?: string;
  /** Local binding name when it differs or is the only handle (`import x as y`). */
  alias?: string;
  line: number;
  /**
   * `reexport` re-exports the binding from this module (TS `export { x } from`); `static`: Java's
   * `import static C.m;` (`source` the class, `name` the member or `*`), which binds no module.
   */
  kind: 'import' | 'reexport' | 'include' | 'static';
  /** Python relative import level (number of leading dots). */
  level?: number;
  /** Index in `functions` of the function the import statement sits in (a Python local import). */
  fn?: number;
  /** Rust: the inline module (path from the crate root) a `use` sits in (`a::tests`); absent: the file's. */
  module?: string;
}

/** An HTTP route declared through a framework. */
export interface RouteIR {
  method: string;
  path: string;
  framework: string;
  line: number;
  /** Handler as written: a function name, `Class::method`, `Class@method` or a FQN. */
  handler?: string;
  /** When the handler is the decorated function itself. */
  handlerFqn?: string;
}

/** A syntax error found while parsing. */
export interface SyntaxErrorIR {
  readonly line: number;
  readonly column: number;
}

/** Everything extracted from one file; pure data, graph-independent. */
export interface FileIR {
  path: string;
  lang: string;
  /** Module/package/namespace this file declares or is (Python dotted module, Java package, Go package). */
  module?: string;
  /** FQN separator between a container and a member. */
  lines: number;
  classes: ClassIR[];
  functions: FunctionIR[];
  calls: CallIR[];
  imports: ImportIR[];
  routes: RouteIR[];
  /** Names exported by default (`export default Foo`). */
  defaultExport?: string;
  /**
   * JS/TS `export { local as name }` without `from`, at the top level: [name, local] (the only way a
   * name the module imports is exported too).
   */
  localExports?: [string, string][];
  /**
   * JS/TS top-level `const name = { … }`: [first line, last line of the literal, 1 if it is `{}`];
   * [0, 0, 0] for a name declared twice (see languages/js-object-literals.ts).
   */
  objectLiterals?: Record<string, [number, number, 0 | 1]>;
  /**
   * CommonJS `exports.name = value` (or `module.exports.name = …`), by name: the FQN of the function
   * the assignment declares (`a.js:exports.f`), the file's top-level name assigned
   * (`exports.f = g`: `g`), `<require>` for a re-export recorded among the imports (`exports.f =
   * require('./m').g`, `= m.g` of a required m), or `''` for any other value (`exports.f =
   * memoize(f)`); under `*`, the top-level name the whole module is (`module.exports = Plugin`).
   */
  cjsExports?: Record<string, string>;
  /**
   * CommonJS `module.exports = { a, b: c, d() {…} }`: the members the literal lists as names (`a`,
   * `b`); `this.b()` in the literal's methods calls what the file's `c` is (cjsExports `b`).
   */
  cjsObjectNames?: string[];
  /**
   * Module-level variables with the type they are assigned (Python `console = Console()`), as
   * `locals` are; `?` when assignments disagree.
   */
  globals?: Record<string, string>;
  /**
   * Python: the names a module's top-level `__all__` lists (its string literals, `+=`, `.extend` and
   * `.append` included), when it binds `__all__`; `from m import *` brings in only these.
   */
  starNames?: string[];
  /**
   * C/C++ headers: object-like macros naming another function (`#define FSE_isError ERR_isError`)
   * still defined at the end of the file, as [name, target]; the target is `''` where `#if`
   * alternatives name different functions. Calls in files that include the header go to the target.
   */
  macroAliases?: [string, string][];
  /**
   * C/C++: the `#ifndef X` / `#define X` … `#endif` blocks, as [X, first line, last line]: a header's include
   * guard, or a copy of another header's body under that header's guard, which the preprocessor skips
   * when the header came first (see resolve/c-guards.ts).
   */
  guards?: [string, number, number][];
  /**
   * C/C++ headers: function-like macros still defined at the end of the file that discard their arguments
   * (`#define DEBUGLOG(l, ...) do { } while (0)`), as [name, every]: `every` 1 when each of the file's
   * definitions of it does, 0 when another (`#if` arm) expands them. See languages/c-arg-drops.ts.
   */
  argDrops?: [string, 0 | 1][];
  /**
   * C++ `using` directives and declarations, as written: `Prelexer::*` for `using namespace
   * Prelexer;`, `std::memcpy` for `using std::memcpy;` (see resolve/cpp-lookup.ts).
   */
  usings?: string[];
  /** The same inside a function body: they apply there only. */
  blockUsings?: string[];
  errors: SyntaxErrorIR[];
}
