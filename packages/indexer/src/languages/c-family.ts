import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { argumentCount, argumentNodes, field, fieldText, named, unquote } from '../extract/helpers.js';
import type { FileIR } from '../ir.js';
import { argumentDrops, withEnclosing } from './c-arg-drops.js';
import {
  blankAttributeMacros,
  blankExportBeforeType,
  blankExportMacros,
  blankWrappedAttributes,
} from './c-attribute-macros.js';
import { declName, functionDeclarator, heldType, params, typeName } from './c-declarators.js';
import { blankDirectiveComments } from './c-directive-comments.js';
import { directivesOnly } from './c-directives.js';
import { markFallbackCalls } from './c-fallback-functions.js';
import { recordGuards } from './c-guards.js';
import { applyMacroAliases } from './c-macro-aliases.js';
import {
  baseInitializer,
  copyLike,
  cppArgTypes,
  declaredConstruction,
  defaultConstruction,
} from './cpp-call-args.js';
import { compileTimeCall, constantDeclaration } from './cpp-constant-eval.js';
import { constantArguments, constantCallInit } from './cpp-constant-init.js';
import { inDefaultArgument } from './cpp-default-args.js';
import { sourceInline } from './cpp-inline-linkage.js';
import { blankMacroLines } from './cpp-macro-lines.js';
import { newConstruction } from './cpp-new.js';
import { concreteType, isTypeParameter, templateCall } from './cpp-templates.js';
import { onTestCase } from './cpp-test-macros.js';
import { type FunctionDecl, type LanguageTable, tableLanguage } from './declarative.js';
import { COLONS } from './rust.js';

// Statement keywords: never a function's name.
const KEYWORDS = new Set(['if', 'else', 'while', 'for', 'switch', 'do', 'return', 'sizeof', 'case']);

function onFunction(n: Node, b: FileBuilder): FunctionDecl | undefined {
  const fd = functionDeclarator(field(n, 'declarator'));
  const target = fd ? field(fd, 'declarator') : undefined;
  if (!fd || !target) return undefined;
  const ps = params(field(fd, 'parameters'));
  const isStatic = named(n).some((c) => c.type === 'storage_class_specifier' && c.text === 'static');
  const base = {
    params: ps,
    isStatic,
    returnType: typeName(field(n, 'type')),
    signature: `(${ps.map((p) => p.type ?? '?').join(',')})`,
    ...(named(fd).some((c) => c.type === 'type_qualifier' && c.text === 'const') ? { isConst: true } : {}),
    ...(named(n).some((c) => c.type === 'type_qualifier' && c.text === 'constexpr')
      ? { constexpr: true }
      : {}),
  };
  if (target.type === 'qualified_identifier') {
    // `void Ns::Cls::m() {}`: a member defined outside its class. Scopes nest
    // (`A::B::m` is A::(B::m)): the last one names the member, the others its class.
    const scopes: string[] = [];
    let last: Node = target;
    while (last.type === 'qualified_identifier') {
      const s = field(last, 'scope');
      if (s) scopes.push(s.type === 'template_type' ? (fieldText(s, 'name') ?? s.text) : s.text);
      const next = field(last, 'name');
      if (!next) break;
      last = next;
    }
    const name = last.type === 'template_function' ? (fieldText(last, 'name') ?? last.text) : last.text;
    const owner = COLONS.join(b.containerFqn, scopes.join('::'), 'module');
    return {
      ...base,
      name,
      classFqn: owner,
      kind: name === scopes.at(-1) ? 'constructor' : 'method',
    };
  }
  const name =
    target.type === 'destructor_name' || target.type === 'operator_name'
      ? target.text
      : (pastedName(target) ?? declName(target) ?? target.text);
  // `if (fd == -1) … else\n#endif` splits a statement: error recovery may make `if (…) {…}` a definition.
  if (KEYWORDS.has(name)) return undefined;
  const cls = b.currentClass;
  // `T() = default;` in its class is inline (GCC may fold it); `T::T() = default;` in a source
  // file is a function of its own that every construction calls
  const defaulted = n.lastChild?.type === 'default_method_clause' ? { defaulted: true } : {};
  return {
    ...base,
    name,
    ...defaulted,
    ...(cls && name === cls.name ? { kind: 'constructor' as const } : {}),
  };
}

/** A C++ function definition: none when deleted, a test macro's body, or a plain one. */
function onCppFunction(n: Node, b: FileBuilder): FunctionDecl | undefined {
  // `P(const P&) = delete;` declares that no such function exists: nothing to call or link. `a(i, j) = 0;`
  // in a block is an assignment through `operator()`, parsed as a pure virtual "definition".
  if (n.lastChild?.type === 'delete_method_clause') return undefined;
  if (n.parent?.type === 'compound_statement' && named(n).some((c) => c.type === 'pure_virtual_clause'))
    return;
  const fn = onTestCase(n, b) ?? onFunction(n, b);
  const free = fn && !fn.classFqn && !b.currentClass && !fn.isStatic;
  return free && sourceInline(n, b.ir.path) ? { ...fn, isStatic: true } : fn;
}

/**
 * `static void FN(Store)(…)`: a name pasted by a macro (brotli's `#define FN(X) X##H2`, included once
 * per suffix). What it expands to depends on the file that includes it, so the function is named as
 * written, `FN(Store)`, and no call is linked to it: not `FN(…)`, nor `FN(Store)(…)` (each includer
 * makes another function of it).
 */
function pastedName(d: Node): string | undefined {
  if (d.type !== 'function_declarator') return undefined;
  const macro = field(d, 'declarator');
  const args = named(field(d, 'parameters') ?? d);
  if (macro?.type !== 'identifier' || !args.length) return undefined;
  const words = args.map((a) =>
    a.type === 'parameter_declaration' && !field(a, 'declarator') ? field(a, 'type') : a,
  );
  if (!words.every((w) => w?.type === 'identifier' || w?.type === 'type_identifier')) return undefined;
  return `${macro.text}(${words.map((w) => w!.text).join(',')})`;
}

function onCall(n: Node) {
  const f = field(n, 'function');
  const argc = argumentCount(field(n, 'arguments'));
  if (f?.type === 'identifier') return { name: f.text, form: 'call' as const, argc };
  // `make<Local>(…)`: a function template called with explicit template arguments
  if (f?.type === 'template_function') {
    const name = field(f, 'name');
    return name?.type === 'identifier' ? { name: name.text, form: 'call' as const, argc } : undefined;
  }
  if (f?.type === 'field_expression') {
    const recv = fieldText(f, 'argument');
    const member = field(f, 'field');
    // `alloc->make<T>(…)`: a member template, named without its template arguments
    const name = member?.type === 'template_method' ? fieldText(member, 'name') : member?.text;
    const arrow = field(f, 'operator')?.type === '->' ? { arrow: true as const } : {};
    return {
      name: name ?? '',
      receiver: recv === 'this' ? 'this' : recv,
      form: 'call' as const,
      argc,
      ...arrow,
    };
  }
  if (f?.type === 'qualified_identifier') {
    // Scopes nest (`a::B::m` is a::(B::m)); split the full text at the last `::`.
    const text = f.text.replace(/<[^<>]*>/g, '');
    const i = text.lastIndexOf('::');
    return i < 0
      ? undefined
      : { name: text.slice(i + 2), receiver: text.slice(0, i), form: 'static' as const, argc };
  }
  return undefined;
}

function record(kind: 'class' | 'struct' | 'enum') {
  return (n: Node, b: FileBuilder) => {
    const qualified = fieldText(n, 'name');
    if (!qualified || !field(n, 'body')) return undefined;
    // `class Outer::Inner {}`: named Inner (as its uses name it), FQN through Outer
    const at = qualified.lastIndexOf('::');
    const name = at < 0 ? qualified : qualified.slice(at + 2);
    const fqn = at < 0 ? undefined : b.memberFqn(qualified.replace(/<[^<>]*>/g, ''));
    const bases = named(n)
      .filter((c) => c.type === 'base_class_clause')
      .flatMap((c) =>
        named(c)
          .filter((x) => x.type !== 'access_specifier')
          .map((x) => typeName(x) ?? x.text),
      );
    return { name, ...(fqn ? { fqn } : {}), kind, bases };
  };
}

// A record without a body (`struct inode *p`, a forward declaration) declares nothing: it is
// the most frequent node `record` would look at, so the query leaves it out.
const withBody = (types: readonly string[]) =>
  Object.fromEntries(types.map((t) => [t, `(${t} body: (_)) @${t}`]));

// `#if 0` … `#endif` (without `#else`): code no compiler sees.
const deadCode = {
  skip: { preproc_if: (n: Node) => fieldText(n, 'condition') === '0' && !field(n, 'alternative') },
};
const DEAD_CODE_PATTERN = { preproc_if: '(preproc_if condition: (number_literal)) @preproc_if' };

/**
 * `using namespace a::b;` and `using a::f;` bring names into unqualified lookup: recorded for the
 * resolver (resolve/cpp-lookup.ts), no import of a file or module.
 */
function onUsing(n: Node, b: FileBuilder): [] {
  const target = named(n).at(-1);
  if (target?.type !== 'identifier' && target?.type !== 'qualified_identifier') return [];
  const directive = n.children.some((c) => c?.type === 'namespace');
  b.using(directive ? `${target.text}::*` : target.text);
  return [];
}

const common = {
  ...deadCode,
  style: COLONS,
  complexity: [
    'if_statement',
    'for_statement',
    'for_range_loop',
    'while_statement',
    'do_statement',
    'case_statement',
    'catch_clause',
    'conditional_expression',
  ],
  functions: { function_definition: onFunction },
  calls: { call_expression: (n, b) => withEnclosing(n, onCall(n), b) },
  finish: (ir: FileIR, text: string) => {
    applyMacroAliases(ir, text);
    markFallbackCalls(ir, text);
    recordGuards(ir, text);
    argumentDrops(ir, text);
  },
  imports: {
    preproc_include: (n: Node) => {
      const p = field(n, 'path');
      return p ? [{ source: p.type === 'system_lib_string' ? p.text.slice(1, -1) : unquote(p.text) }] : [];
    },
  },
} satisfies Partial<LanguageTable>;

/** C: functions (static ones stay file-local), structs/unions/enums, includes. */
export const c = tableLanguage({
  ...common,
  id: 'c',
  extensions: ['.c', '.h'],
  grammars: [
    { pkg: 'tree-sitter-c', file: 'tree-sitter-c.wasm' },
    { pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-c.wasm' },
  ],
  selfNames: [],
  treeless: directivesOnly,
  prepare: (source) =>
    blankAttributeMacros(blankExportBeforeType(blankWrappedAttributes(blankDirectiveComments(source)))),
  classes: {
    struct_specifier: record('struct'),
    union_specifier: record('struct'),
    enum_specifier: record('enum'),
  },
  queryPatterns: {
    ...withBody(['struct_specifier', 'union_specifier', 'enum_specifier']),
    ...DEAD_CODE_PATTERN,
  },
});

/** Whether declarations here are a class body's (not a function's, nor a namespace's). */
const memberScope = (b: FileBuilder) => b.currentClass !== undefined && !b.currentFunction;

/** The names a `typedef` declares (`typedef A B, *PB;`). */
function typeAliases(n: Node): [string, string][] {
  return n.childrenForFieldName('declarator').flatMap((d): [string, string][] => {
    if (!d) return [];
    const name = declName(d) ?? (d.type === 'type_identifier' ? d.text : undefined);
    return name ? [[name, 'typedef']] : [];
  });
}

// A type read for a construction: none for a template's type parameter.
const cppType = concreteType(typeName);

/** C++: namespaces, classes with bases, out-of-class member definitions, `new`, qualified calls. */
export const cpp = tableLanguage({
  ...common,
  id: 'cpp',
  extensions: ['.cpp', '.cc', '.cxx', '.c++', '.hpp', '.hh', '.hxx', '.h++', '.ipp'],
  grammars: [
    { pkg: 'tree-sitter-cpp', file: 'tree-sitter-cpp.wasm' },
    { pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-cpp.wasm' },
  ],
  selfNames: ['this'],
  namespace: {
    namespace_definition: (n, b) => {
      // An inline namespace's members are members of the enclosing one (`fmt::v10::format` is
      // `fmt::format`), as an anonymous namespace's are: neither opens a scope of its own.
      if (n.children.some((c) => c?.type === 'inline')) return undefined;
      const name = fieldText(n, 'name');
      return name ? b.memberFqn(name) : undefined;
    },
  },
  classes: {
    class_specifier: record('class'),
    struct_specifier: record('struct'),
    union_specifier: record('struct'),
    enum_specifier: record('enum'),
  },
  queryPatterns: {
    ...withBody(['class_specifier', 'struct_specifier', 'union_specifier', 'enum_specifier']),
    ...DEAD_CODE_PATTERN,
  },
  imports: { ...common.imports, using_declaration: onUsing },
  prepare: (source) => blankAttributeMacros(blankMacroLines(blankExportMacros(source))),
  functions: { function_definition: onCppFunction },
  calls: {
    call_expression: (n, b) => {
      if (inDefaultArgument(n) || compileTimeCall(n)) return undefined;
      const call = withEnclosing(n, onCall(n), b);
      // `T(x)` with T a template's type parameter converts to what the instantiation gives
      if (call && templateCall(n)) return undefined;
      return call && { ...call, ...cppArgTypes(field(n, 'arguments'), b), ...constantCallInit(n) };
    },
    new_expression: (n, b) => (inDefaultArgument(n) ? undefined : newConstruction(n, b, cppType)),
    declaration: (n, b) => {
      if (constantDeclaration(n)) return undefined;
      const made = declaredConstruction(n, b, cppType);
      if (!made) {
        const made0 = defaultConstruction(n, b, cppType);
        return made0 && { ...made0, constantInit: true as const };
      }
      const argc = made && argumentCount(made.args);
      const types = made && cppArgTypes(made.args, b);
      // `T x(*this)`, `T x(a->span())`: a value, as likely a T (copied by the implicit copy
      // constructor) as an argument of T's one-argument constructor.
      if (!made || (argc === 1 && copyLike(argumentNodes(made.args)[0]))) return undefined;
      const folds = constantArguments(made.args) ? { constantInit: true as const } : {};
      return { name: made.type, form: 'new', argc, ...types, ...folds };
    },
    field_initializer: baseInitializer,
  },
  typed: {
    declaration: (n, b) => {
      const t = isTypeParameter(field(n, 'type')) ? undefined : heldType(field(n, 'type'));
      // `T x(a);` that reads as a function declaration (see declaredConstruction) declares x.
      const made =
        field(n, 'declarator')?.type === 'function_declarator' && declaredConstruction(n, b, cppType);
      if (made) return [[made.variable, made.type]];
      return named(n).flatMap((d): [string, string | undefined][] => {
        if (d.type === 'init_declarator') {
          const v = field(d, 'value');
          const vt = v?.type === 'new_expression' ? typeName(field(v, 'type')) : undefined;
          return [[declName(d) ?? '', t === 'auto' ? vt : t]];
        }
        return d.type === 'identifier' ? [[d.text, t]] : [];
      });
    },
    // A class's own type names (`typedef SkipList<…> Table;`, `using Table = …;`) hide classes of
    // that name elsewhere: kept among its fields as `typedef`, so a member of type `Table` is not
    // taken for another class `Table` (see cpp-base-init.ts).
    type_definition: (n, b) => (memberScope(b) ? typeAliases(n) : []),
    alias_declaration: (n, b) => {
      const name = fieldText(n, 'name');
      return memberScope(b) && name ? [[name, 'typedef']] : [];
    },
    // A lambda's parameters bind names in the function around it (no Function of their own):
    // `auto set = …; [&](auto setLevel) { setLevel(w, l); }` calls the value, not a member.
    lambda_expression: (n, b) => {
      const d = field(n, 'declarator');
      if (!b.currentFunction || !d) return [];
      return params(field(d, 'parameters')).map((p): [string, undefined] => [p.name, undefined]);
    },
    field_declaration: (n) => {
      const t = heldType(field(n, 'type'));
      const d = field(n, 'declarator');
      // a member function's declaration (`Foo& get();`) declares no field; a pointer or reference
      // member keeps a `*` (its initializer constructs nothing: see cpp-base-init.ts)
      const held = t && d?.type !== 'field_identifier' ? `${t}*` : t;
      return d && !functionDeclarator(d) ? [[declName(d) ?? '', held]] : [];
    },
  },
});
