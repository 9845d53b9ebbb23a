import type { Node } from 'web-tree-sitter';
import type {
  CallIR,
  ClassIR,
  ClassKind,
  FileIR,
  FunctionIR,
  FunctionKind,
  ImportIR,
  ParamIR,
  RouteIR,
} from '../ir.js';

const MAX_SOURCE = 4000;
const MAX_DOC = 2000;

/** How a language composes fully qualified names. */
export interface FqnStyle {
  /** Joins a container FQN (module, namespace, class, function) and a member name. */
  join(container: string | undefined, name: string, containerKind: 'module' | 'class' | 'function'): string;
}

/** Default FQN style: dot-separated. */
export const DOT_FQN: FqnStyle = {
  join: (c, n) => (c ? `${c}.${n}` : n),
};

/** A scope on the builder's stack. */
interface Scope {
  readonly kind: 'module' | 'class' | 'function';
  readonly fqn: string;
  readonly cls?: ClassIR;
  readonly fn?: FunctionIR;
  /** Index of `fn` in the file's functions. */
  readonly index?: number;
}

const JS_LANGS = new Set(['javascript', 'typescript', 'tsx']);

/** Options for a class declaration. */
export interface ClassInit {
  name: string;
  kind: ClassKind;
  bases?: string[];
  implements?: string[];
  decorators?: string[];
  docstring?: string | undefined;
  /** Full FQN when the language computes it itself. */
  fqn?: string;
}

/** Options for a function declaration. */
export interface FunctionInit {
  name: string;
  kind?: FunctionKind;
  params?: ParamIR[];
  decorators?: string[];
  docstring?: string | undefined;
  isStatic?: boolean;
  visibility?: string | undefined;
  exported?: boolean;
  returnType?: string | undefined;
  results?: string[] | undefined;
  /** Overload signature; set for languages with overloading. */
  signature?: string;
  /** A JS/TS accessor (`get p()`, `set p(v)`). */
  accessor?: 'get' | 'set';
  fqn?: string;
  /** The object a member belongs to when no class encloses it (a JS object literal's method). */
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

/**
 * Accumulates one file's IR while a language walker visits the syntax tree;
 * keeps the scope stack that FQNs, call attribution and complexity depend on.
 */
export class FileBuilder {
  readonly ir: FileIR;
  readonly #style: FqnStyle;
  readonly #storeSource: boolean;
  readonly #original: string | undefined;
  readonly #scopes: Scope[] = [];

  /** `original`: the file's text when the parser was given a prepared copy of the same length (see LanguageSpec.prepare). */
  constructor(path: string, lang: string, style: FqnStyle, storeSource: boolean, original?: string) {
    this.ir = {
      path,
      lang,
      lines: 0,
      classes: [],
      functions: [],
      calls: [],
      imports: [],
      routes: [],
      errors: [],
    };
    this.#style = style;
    this.#storeSource = storeSource;
    this.#original = original;
  }

  // A symbol's source as written (not as prepared for the parser).
  #source(node: Node): string {
    const text = this.#original?.slice(node.startIndex, node.endIndex) ?? node.text;
    return text.slice(0, MAX_SOURCE);
  }

  /** Current scope depth, for the walker to restore on exit. */
  get depth(): number {
    return this.#scopes.length;
  }

  /** Pops scopes back to a depth recorded before entering a node. */
  popTo(depth: number): void {
    this.#scopes.length = Math.min(this.#scopes.length, depth);
  }

  /** Sets the module (namespace, package) the following declarations belong to. */
  setModule(module: string | undefined): void {
    this.ir.module = module;
  }

  /** Records a C++ `using` directive (`Ns::*`) or declaration (`Ns::f`), see {@link FileIR.usings}. */
  using(name: string): void {
    const key = this.currentFunction ? 'blockUsings' : 'usings';
    this.ir[key] = [...(this.ir[key] ?? []), name];
  }

  /** Opens a namespace-like scope (PHP/C#/C++ namespace block, Ruby module used as a namespace). */
  pushNamespace(fqn: string): void {
    this.#scopes.push({ kind: 'module', fqn });
  }

  /** FQN of the innermost container. */
  get containerFqn(): string | undefined {
    return this.#scopes.at(-1)?.fqn ?? this.ir.module;
  }

  /** Innermost class scope (not crossing functions). */
  get currentClass(): ClassIR | undefined {
    for (let i = this.#scopes.length - 1; i >= 0; i--) {
      const s = this.#scopes[i]!;
      if (s.cls) return s.cls;
      if (s.kind === 'function') return undefined;
    }
    return undefined;
  }

  /** Innermost enclosing class, crossing functions (for `this` inside closures). */
  get enclosingClass(): ClassIR | undefined {
    for (let i = this.#scopes.length - 1; i >= 0; i--) if (this.#scopes[i]!.cls) return this.#scopes[i]!.cls;
    return undefined;
  }

  /** Innermost function scope. */
  get currentFunction(): FunctionIR | undefined {
    for (let i = this.#scopes.length - 1; i >= 0; i--) if (this.#scopes[i]!.fn) return this.#scopes[i]!.fn;
    return undefined;
  }

  /** Joins a member name to the innermost container with the language's separator. */
  memberFqn(name: string): string {
    const top = this.#scopes.at(-1);
    return this.#style.join(top ? top.fqn : this.ir.module, name, top ? top.kind : 'module');
  }

  /** Declares a class and enters its scope until the walker leaves the node. */
  pushClass(node: Node, init: ClassInit): ClassIR {
    const parent = this.currentClass;
    const cls: ClassIR = {
      name: init.name,
      fqn: init.fqn ?? this.memberFqn(init.name),
      kind: init.kind,
      line: node.startPosition.row + 1,
      endLine: node.endPosition.row + 1,
      bases: init.bases ?? [],
      implements: init.implements ?? [],
      decorators: init.decorators ?? [],
      fields: {},
      mixins: [],
    };
    if (parent) cls.parent = parent.fqn;
    if (init.docstring) cls.docstring = init.docstring.slice(0, MAX_DOC);
    if (this.#storeSource) cls.source = this.#source(node);
    this.ir.classes.push(cls);
    this.#scopes.push({ kind: 'class', fqn: cls.fqn, cls });
    return cls;
  }

  /** Declares a function and enters its scope until the walker leaves the node. */
  pushFunction(node: Node, init: FunctionInit): FunctionIR {
    const top = this.#scopes.at(-1);
    const cls = top?.kind === 'class' ? top.cls : undefined;
    const outer = this.currentFunction;
    const kind: FunctionKind = init.kind ?? (cls ? 'method' : outer ? 'closure' : 'function');
    const fn: FunctionIR = {
      name: init.name,
      fqn: init.fqn ?? this.memberFqn(init.name),
      kind,
      line: node.startPosition.row + 1,
      endLine: node.endPosition.row + 1,
      params: init.params ?? [],
      decorators: init.decorators ?? [],
      complexity: 1,
      isStatic: init.isStatic ?? false,
      locals: {},
    };
    if (cls) fn.classFqn = cls.fqn;
    else if (init.classFqn) fn.classFqn = init.classFqn;
    if (outer) fn.parentFqn = outer.fqn;
    if (init.docstring) fn.docstring = init.docstring.slice(0, MAX_DOC);
    if (init.visibility) fn.visibility = init.visibility;
    if (init.exported !== undefined) fn.exported = init.exported;
    if (init.returnType) fn.returnType = init.returnType;
    if (init.results) fn.results = init.results;
    if (init.signature !== undefined) fn.signature = init.signature;
    if (init.accessor) fn.accessor = init.accessor;
    if (init.isConst) fn.isConst = true;
    if (init.defaulted) fn.defaulted = true;
    if (init.constexpr) fn.constexpr = true;
    if (init.traitImpl) fn.traitImpl = init.traitImpl;
    if (init.receiver) fn.receiver = init.receiver;
    if (this.#storeSource) fn.source = this.#source(node);
    // a variadic parameter (`String... names`) is an array inside its function
    for (const p of fn.params) if (p.type) fn.locals[p.name] = p.variadic ? `${p.type}[]` : p.type;
    this.ir.functions.push(fn);
    this.#scopes.push({ kind: 'function', fqn: fn.fqn, fn, index: this.ir.functions.length - 1 });
    return fn;
  }

  /** Adds one to the cyclomatic complexity of the innermost function. */
  bump(): void {
    const fn = this.currentFunction;
    if (fn) fn.complexity++;
  }

  /**
   * Records a local variable in the innermost function (nothing at file level): its type, or ''
   * when unknown — the name still hides functions and classes of that name from calls.
   */
  local(name: string, type: string | undefined): void {
    const fn = this.currentFunction;
    if (!fn) return;
    // JS/TS: a name declared again in one function (or a typed parameter's name) is declared in
    // another block or callback; which declaration a use means is not known, so neither type is.
    const was = Object.hasOwn(fn.locals, name) ? fn.locals[name] : undefined;
    if (JS_LANGS.has(this.ir.lang) && was !== undefined && was !== (type ?? '') && !was.startsWith('@')) {
      fn.locals[name] = '?';
      return;
    }
    if (fn.params.some((p) => p.name === name && p.type)) return;
    if (type) fn.locals[name] = type;
    else if (!Object.hasOwn(fn.locals, name)) fn.locals[name] = '';
  }

  /** Records a module-level variable's type (undefined: unknown); assignments of two types give `?`. */
  global(name: string, type: string | undefined): void {
    this.ir.globals ??= {};
    const globals = this.ir.globals;
    const was = Object.hasOwn(globals, name) ? globals[name] : undefined;
    if (!type) globals[name] = was ?? '';
    else globals[name] = was && was !== type ? '?' : type;
  }

  /** Records a call site, attributed to the innermost named function. */
  call(node: Node, c: Omit<CallIR, 'caller' | 'line'>): CallIR {
    const fn = this.#currentFunctionIndex();
    // Built field by field (no spread): files have hundreds of thousands of call sites.
    const call: CallIR = { name: c.name, form: c.form, line: node.startPosition.row + 1 };
    if (c.receiver !== undefined)
      // A chain without arguments (PHP's, see php-types.ts) is kept whole: each link types the next.
      call.receiver =
        c.receiver.length <= 200 || (c.receiver.length <= 2000 && /^[\w$>\-():\\]+$/.test(c.receiver))
          ? c.receiver
          : c.receiver.slice(0, 200);
    if (c.argc !== undefined) call.argc = c.argc;
    if (c.argTypes !== undefined) call.argTypes = c.argTypes;
    if (c.arrow) call.arrow = true;
    if (c.constantInit) call.constantInit = true;
    if (c.within !== undefined) call.within = c.within;
    if (fn >= 0) call.caller = fn;
    this.ir.calls.push(call);
    return call;
  }

  #currentFunctionIndex(): number {
    for (let i = this.#scopes.length - 1; i >= 0; i--) {
      const s = this.#scopes[i]!;
      if (s.index !== undefined) return s.index;
    }
    return -1;
  }

  /** Records an import; `moduleLevel`: it binds a module name even inside a function (Python `global x`). */
  import(imp: ImportIR, moduleLevel = false): void {
    const fn = moduleLevel ? -1 : this.#currentFunctionIndex();
    if (fn >= 0) imp.fn = fn;
    this.ir.imports.push(imp);
  }

  /** Records a route. */
  route(r: RouteIR): void {
    this.ir.routes.push(r);
  }
}
