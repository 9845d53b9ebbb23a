import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { argumentNodes, field, fieldText, lineOf, localAt, named, typeKey } from '../extract/helpers.js';
import type { ClassIR } from '../ir.js';
import { declaredType, typeName } from './java-types.js';

/**
 * Argument types the extractor can only name, for the resolver to look up (resolve/java-arg-values.ts):
 * `(.)NAME` a constant the class may inherit or enclose, `(.)Type.NAME` a class's constant, and
 * `()recv.m#n` the value of calling `recv.m` with n arguments (`bind(map, ACCEPT_LINE, ctrl('M'))`).
 */
const CONSTANT = /^[A-Z][A-Z0-9]*_?[A-Z0-9_]+$/;
const CLASS_PATH = /^[A-Z][\w$]*(?:\.[A-Z][\w$]*)*$/;

/** Whether a lambda around `node` declares `name` (its parameters are recorded nowhere else). */
function lambdaParameter(node: Node, name: string): boolean {
  for (let p = node.parent; p && p.type !== 'method_declaration' && p.type !== 'class_body'; p = p.parent) {
    if (p.type !== 'lambda_expression') continue;
    const ps = field(p, 'parameters');
    if (ps?.type === 'identifier' ? ps.text === name : ps && named(ps).some((x) => declares(x, name)))
      return true;
  }
  return false;
}
const declares = (x: Node, name: string) =>
  x.type === 'identifier' ? x.text === name : (fieldText(x, 'name') ?? x.namedChildren.at(-1)?.text) === name;

const LITERAL_TYPES: Readonly<Record<string, string>> = {
  string_literal: 'String',
  text_block: 'String',
  character_literal: 'char',
  true: 'boolean',
  false: 'boolean',
  null_literal: 'null',
};

/** The class whose code is being read, also from inside its methods. */
function ownerClass(b: FileBuilder): ClassIR | undefined {
  const fqn = b.currentFunction?.classFqn;
  return fqn ? b.ir.classes.findLast((c) => c.fqn === fqn) : b.currentClass;
}

/** A declared type as an argument's: with its type arguments, or its base name (`String[]`), or unknown. */
const argText = (t: string | undefined) => (t?.includes('<') ? t : (typeKey(t) ?? '?'));

/** The static type of one argument when the syntax tells it (literals, `new`, casts, typed names). */
function argType(a: Node, b: FileBuilder): string {
  const lit = LITERAL_TYPES[a.type];
  if (lit !== undefined && Object.hasOwn(LITERAL_TYPES, a.type)) return lit;
  switch (a.type) {
    case 'decimal_integer_literal':
    case 'hex_integer_literal':
    case 'octal_integer_literal':
    case 'binary_integer_literal':
      return /[lL]$/.test(a.text) ? 'long' : 'int';
    case 'decimal_floating_point_literal':
    case 'hex_floating_point_literal':
      return /[fF]$/.test(a.text) ? 'float' : 'double';
    case 'object_creation_expression':
      return declaredType(field(a, 'type')) ?? '?';
    case 'array_creation_expression': {
      const t = typeName(field(a, 'type')) ?? field(a, 'type')?.text;
      return t ? `${t}[]` : '?';
    }
    case 'cast_expression': {
      const t = field(a, 'type');
      return (
        declaredType(t) ?? (t?.type === 'integral_type' || t?.type === 'floating_point_type' ? t.text : '?')
      );
    }
    case 'parenthesized_expression':
      return a.namedChildren[0] ? argType(a.namedChildren[0], b) : '?';
    case 'this':
      return ownerClass(b)?.name ?? '?';
    case 'update_expression':
    case 'unary_expression':
      return operatorType(a, b);
    case 'lambda_expression':
    case 'method_reference':
      // fits only a functional interface: never a primitive, String or a box
      return 'lambda';
    case 'binary_expression':
      return binaryType(a, b);
    case 'method_invocation': {
      const name = fieldText(a, 'name');
      const obj = fieldText(a, 'object');
      const argc = field(a, 'arguments')?.namedChildCount;
      if (name === 'toString' && argc === 0) return 'String';
      if (obj === 'String' && (name === 'valueOf' || name === 'format' || name === 'join')) return 'String';
      // the value of another call: its declared return type, once the resolver knows what it calls
      return name && argc !== undefined && (!obj || /^[\w$.]+$/.test(obj))
        ? `()${obj ? `${obj}.` : ''}${name}#${argc}`
        : '?';
    }
    case 'field_access': {
      const obj = field(a, 'object');
      const name = fieldText(a, 'field') ?? '';
      // `buf.length` of an array variable
      if (name === 'length' && obj?.type === 'identifier' && variable(obj, b)?.endsWith(']')) return 'int';
      // `this.x`: the field's declared type, found when linking
      if (obj?.type === 'this' && /^[\w$]+$/.test(name)) return `(.)this.${name}`;
      return obj && CLASS_PATH.test(obj.text) && CONSTANT.test(name) ? `(.)${obj.text}.${name}` : '?';
    }
    case 'identifier': {
      const t = variable(a, b);
      if (t !== undefined) return argText(t);
      // a constant the class inherits (an interface's) or an outer class declares
      return b.currentFunction && CONSTANT.test(a.text) && !lambdaParameter(a, a.text) ? `(.)${a.text}` : '?';
    }
    default:
      return '?';
  }
}

const NUMERIC = new Set(['byte', 'short', 'char', 'int', 'long', 'float', 'double']);

/** `x++`/`--x`: x's type; `-x`, `+x`, `~x`: x's promoted (byte, short, char: int); `!x`: boolean. */
function operatorType(a: Node, b: FileBuilder): string {
  if (a.type === 'unary_expression' && a.childForFieldName('operator')?.type === '!') return 'boolean';
  const x = a.type === 'unary_expression' ? field(a, 'operand') : a.namedChildren[0];
  const t = x ? argType(x, b) : '?';
  if (!NUMERIC.has(t)) return '?';
  return a.type === 'update_expression' || ['long', 'float', 'double'].includes(t) ? t : 'int';
}

const WIDER = ['double', 'float', 'long'];
const promoted = (t: string) => WIDER.find((w) => w === t) ?? 'int';
const BOOLEAN_OPS = new Set(['<', '>', '<=', '>=', '==', '!=', '&&', '||']);

/** `"text" + x`: String; comparisons: boolean; arithmetic on known numbers: the promoted type. */
function binaryType(a: Node, b: FileBuilder): string {
  const op = a.childForFieldName('operator')?.type ?? '';
  if (BOOLEAN_OPS.has(op)) return 'boolean';
  const l = field(a, 'left');
  const r = field(a, 'right');
  const lt = l ? argType(l, b) : '?';
  const rt = r ? argType(r, b) : '?';
  if (op === '+' && (lt === 'String' || rt === 'String')) return 'String';
  if (!NUMERIC.has(lt) || !NUMERIC.has(rt)) return '?';
  if (op === '<<' || op === '>>' || op === '>>>') return promoted(lt);
  return WIDER.find((w) => w === lt || w === rt) ?? 'int';
}

/**
 * The declared type of the variable a name is, when the caller declares it or the class around
 * declares it as a field ('' when declared untyped); undefined when neither does, or a lambda's
 * parameter of that name hides them.
 */
function variable(a: Node, b: FileBuilder): string | undefined {
  const fn = b.currentFunction;
  if (fn && Object.hasOwn(fn.locals, a.text)) return localAt(fn.locals, a.text, lineOf(a)) ?? '';
  const cls = ownerClass(b);
  if (!cls || !Object.hasOwn(cls.fields, a.text)) return undefined;
  return lambdaParameter(a, a.text) ? '' : cls.fields[a.text];
}

/** A call's argument count, and its arguments' types when any is known (see `CallIR.argTypes`). */
export function callArgs(node: Node, b: FileBuilder): { argc?: number; argTypes?: string } {
  const args = field(node, 'arguments');
  if (!args || args.namedChildCount === 0) return { argc: args?.namedChildCount };
  const list = argumentNodes(args);
  const types = list.map((a) => argType(a, b));
  return types.some((t) => t !== '?')
    ? { argc: list.length, argTypes: types.join(',') }
    : { argc: list.length };
}
