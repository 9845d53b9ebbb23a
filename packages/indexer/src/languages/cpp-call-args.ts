import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import {
  argumentCount,
  argumentNodes,
  baseType,
  field,
  fieldText,
  localAt,
  named,
} from '../extract/helpers.js';

// Base types whose pointer-ness the indexer loses (`char c` and `const char* s` both read `char`):
// an argument of one says nothing about which overload it fits.
const POINTEE = new Set(['char', 'void', 'wchar_t', 'char16_t', 'char32_t', 'char8_t']);

/** What an argument's static type is known to be (`?` when unknown): see `CallIR.argTypes`. */
function argType(a: Node, b: FileBuilder, line: number): string {
  if (a.type === 'parameter_declaration') return localType(named(a)[0]!.text, b, line);
  switch (a.type) {
    case 'number_literal':
      if (/^0x/i.test(a.text)) return /[uUlL]$/.test(a.text) ? '?' : 'int';
      return /[.eE]/.test(a.text)
        ? /[fF]$/.test(a.text)
          ? 'float'
          : 'double'
        : /^\d+$/.test(a.text)
          ? 'int'
          : '?';
    case 'true':
    case 'false':
      return 'bool';
    // a `const char*` (no `char` parameter takes one): never a copy of a class
    case 'string_literal':
    case 'concatenated_string':
    case 'raw_string_literal':
      return 'char';
    case 'identifier':
      return localType(a.text, b, line);
    default:
      return '?';
  }
}

/** The base type of the caller's parameter or local `name` (`?` when unknown or a pointee). */
function localType(name: string, b: FileBuilder, line: number): string {
  const fn = b.currentFunction;
  const t = fn ? localAt(fn.locals, name, line) : undefined;
  const base = t ? baseType(t) : undefined;
  return base && !POINTEE.has(base) ? base : '?';
}

/**
 * The argument types of a C++ call or construction whose arguments are `list`, when any is known:
 * a parameter's or local's declared type, a number or boolean literal. Members read in an
 * out-of-line method are not known here (their class is in another file).
 */
export function cppArgTypes(list: Node | null | undefined, b: FileBuilder): { argTypes?: string } {
  if (!list) return {};
  const line = list.startPosition.row + 1;
  const types = argumentNodes(list).map((a) => argType(a, b, line));
  return types.some((t) => t !== '?') ? { argTypes: types.join(',') } : {};
}

/**
 * `T x(a, b);` in a function: a construction of T with those arguments. With literal arguments
 * the tree has an argument list; with names only it reads as the declaration of a function `x`
 * taking parameters of types `a` and `b` (C++'s most vexing parse), which is what the caller's
 * parameters and locals tell apart: every name must be one of them.
 */
export function declaredConstruction(
  decl: Node,
  b: FileBuilder,
  typeName: (t: Node | undefined) => string | undefined,
): { type: string; variable: string; args: Node } | undefined {
  const fn = b.currentFunction;
  const name = typeName(field(decl, 'type'));
  const d = field(decl, 'declarator');
  if (!fn || !name || name === 'auto' || !d) return undefined;
  const variable = field(d, 'declarator');
  if (variable?.type !== 'identifier') return undefined;
  if (d.type === 'init_declarator') {
    const args = field(d, 'value');
    return args?.type === 'argument_list' ? { type: name, variable: variable.text, args } : undefined;
  }
  const args = d.type === 'function_declarator' ? field(d, 'parameters') : undefined;
  if (!args || args.namedChildCount === 0) return undefined;
  const line = d.startPosition.row + 1;
  const isLocal = (p: Node) =>
    p.type === 'parameter_declaration' &&
    p.namedChildCount === 1 &&
    named(p)[0]!.type === 'type_identifier' &&
    localAt(fn.locals, named(p)[0]!.text, line) !== undefined;
  return argumentNodes(args).every(isLocal) ? { type: name, variable: variable.text, args } : undefined;
}

/** Whether an argument is a value of unknown class (a dereference or a call's result). */
export function copyLike(a: Node | undefined): boolean {
  return a?.type === 'call_expression' || (a?.type === 'pointer_expression' && a.text.startsWith('*'));
}

/**
 * `: Base(a, b)` in a constructor's initializer list: a base class's (or, delegating, the class's
 * own) construction, emitted as a `super` call of that name. A member's initializer (`kind(kind)`)
 * reads the same; the resolver only links names of the caller's class or one of its direct bases.
 */
export function baseInitializer(n: Node, b: FileBuilder) {
  const [target, args] = named(n);
  if (!target || args?.type !== 'argument_list') return undefined;
  // `: ns::Base(a)`: the scope names which class of that name (see cpp-base-init.ts)
  const path = target.type === 'qualified_identifier' ? target.text.replace(/<[^<>]*>/g, '').split('::') : [];
  const name =
    target.type === 'template_method' ? fieldText(target, 'name') : path.length ? path.pop() : target.text;
  if (!name) return undefined;
  const scope = path.length ? { receiver: path.join('::') } : {};
  return { name, form: 'super' as const, argc: argumentCount(args), ...scope, ...cppArgTypes(args, b) };
}

const CLASS_TYPES = new Set(['type_identifier', 'qualified_identifier', 'template_type']);

/**
 * `T x;` in a function: T's default constructor runs (when T is a class of the project that
 * declares one; the resolver decides). `extern T x;` constructs nothing, nor does a pointer.
 */
export function defaultConstruction(
  decl: Node,
  b: FileBuilder,
  typeName: (t: Node | undefined) => string | undefined,
): { name: string; form: 'new'; argc: 0 } | undefined {
  const type = field(decl, 'type');
  if (!b.currentFunction || !type || !CLASS_TYPES.has(type.type)) return undefined;
  if (field(decl, 'declarator')?.type !== 'identifier') return undefined;
  if (named(decl).some((c) => c.type === 'storage_class_specifier' && c.text === 'extern')) return undefined;
  const name = typeName(type);
  return name && name !== 'auto' ? { name, form: 'new', argc: 0 } : undefined;
}
