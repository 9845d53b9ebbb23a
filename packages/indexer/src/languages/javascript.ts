import type { Node } from 'web-tree-sitter';
import type { FileBuilder, FqnStyle } from '../extract/builder.js';
import {
  childOfType,
  childrenOfType,
  field,
  fieldText,
  lineOf,
  named,
  precedingDoc,
  unquote,
} from '../extract/helpers.js';
import { SKIP } from '../extract/walk.js';
import { boundNames, destructuredParams, onDeclarator } from './js-bindings.js';
import { onCallback, recordCall } from './js-callbacks.js';
import { classExpressionName } from './js-class-expressions.js';
import { docReturnType, jsDocOf, onTypedefs, withDocTypes } from './js-doc-types.js';
import { onExport } from './js-export-statements.js';
import { onExportAssignment } from './js-exports.js';
import { declareVariable } from './js-globals.js';
import {
  assignedMember,
  declaredMethod,
  FUNCTION_VALUES,
  onReturnedName,
  prototypeOwner,
} from './js-members.js';
import { onNamespace } from './js-namespaces.js';
import { params, typeOf } from './js-params.js';
import { HTTP, route } from './js-routes.js';
import { sequenceCallee } from './js-sequence-callee.js';
import { declareFunctionNode, onPlainFunctionValue, ownObjectThis } from './js-this.js';
import { blankVariance, repairTypeScript } from './ts-repair.js';
import type { LanguageSpec } from './types.js';

/** `src/x.ts:Class.member`: the module path, a colon, then dotted members. */
const TS_FQN: FqnStyle = {
  join: (c, n, kind) => (!c ? n : kind === 'module' ? `${c}:${n}` : `${c}.${n}`),
};

function decorators(node: Node): string[] {
  const out = childrenOfType(node, 'decorator').map((d) => d.text.slice(1));
  let prev = node.previousNamedSibling;
  while (prev?.type === 'decorator') {
    out.unshift(prev.text.slice(1));
    prev = prev.previousNamedSibling;
  }
  return out;
}

function docOf(node: Node): string | undefined {
  const target = node.parent?.type === 'export_statement' ? node.parent : node;
  return precedingDoc(target);
}

function onClass(node: Node, b: FileBuilder): void {
  const name = fieldText(node, 'name') ?? (node.type === 'class' ? classExpressionName(node) : undefined);
  if (!name) return;
  const bases: string[] = [];
  const impls: string[] = [];
  const heritage = childOfType(node, 'class_heritage');
  for (const h of heritage ? named(heritage) : []) {
    if (h.type === 'extends_clause') bases.push(fieldText(h, 'value') ?? h.text);
    else if (h.type === 'implements_clause') impls.push(...named(h).map((t) => typeOf(t) ?? t.text));
    else bases.push(h.text); // JavaScript: `extends <expression>`
  }
  const ext = childOfType(node, 'extends_type_clause');
  if (ext) bases.push(...named(ext).map((t) => typeOf(t) ?? t.text));
  const kind =
    node.type === 'interface_declaration' ? 'interface' : node.type === 'enum_declaration' ? 'enum' : 'class';
  b.pushClass(node, {
    name,
    kind,
    bases,
    implements: impls,
    decorators: decorators(node),
    docstring: docOf(node),
  });
  if (node.parent?.type === 'export_statement' && node.parent.text.startsWith('export default'))
    b.ir.defaultExport = name;
}

function onFunction(node: Node, b: FileBuilder, name: string, exported: boolean, owner?: string): void {
  const cls = b.currentClass;
  const inClass = cls !== undefined && METHOD_NODES.has(node.type);
  // A field holding the function (`static f = () => …`) carries the modifiers.
  const holder = node.parent?.type.endsWith('field_definition') ? node.parent : node;
  const mods = [...node.children, ...(holder === node ? [] : holder.children)]
    .filter((c) => c !== null)
    .map((c) => c.type);
  const doc = docOf(node);
  const js = b.ir.lang === 'javascript'; // JSDoc types are the checker's types in JavaScript only
  const jsDoc = js ? jsDocOf(node, doc) : undefined;
  const fn = b.pushFunction(node, {
    name,
    kind:
      inClass && name === 'constructor'
        ? 'constructor'
        : inClass || (owner !== undefined && node.type !== 'arrow_function')
          ? 'method'
          : undefined,
    ...(owner === undefined ? {} : { fqn: b.memberFqn(`${owner}.${name}`), classFqn: b.memberFqn(owner) }),
    params: js ? withDocTypes(params(field(node, 'parameters')), jsDoc) : params(field(node, 'parameters')),
    decorators: METHOD_NODES.has(node.type) ? decorators(node) : [],
    docstring: doc,
    isStatic: mods.includes('static'),
    visibility:
      childOfType(node, 'accessibility_modifier')?.text ?? (name.startsWith('#') ? 'private' : undefined),
    exported,
    returnType: typeOf(field(node, 'return_type')) ?? (js ? docReturnType(jsDoc) : undefined),
    ...(mods.includes('get') ? { accessor: 'get' } : mods.includes('set') ? { accessor: 'set' } : {}),
  });
  declareFunctionNode(b, node);
  for (const n of destructuredParams(field(node, 'parameters'))) b.local(n, undefined);
  // A nested `function` binds its own `this` (not an arrow function); so does a typed literal's method.
  if ((fn.parentFqn && !inClass && node.type !== 'arrow_function') || ownObjectThis(node, b))
    b.local('this', undefined);
  if (fn.kind === 'constructor' && cls) {
    // Constructor parameter properties (`constructor(private svc: Svc)`) are fields.
    for (const p of named(field(node, 'parameters') ?? node)) {
      if (childOfType(p, 'accessibility_modifier') || p.children.some((c) => c?.type === 'readonly')) {
        const t = typeOf(field(p, 'type'));
        const n = fieldText(p, 'pattern');
        if (n && t) cls.fields[n] = t;
      }
    }
  }
}

function onImport(node: Node, b: FileBuilder): void {
  const source = unquote(fieldText(node, 'source') ?? '');
  const line = lineOf(node);
  const clause = childOfType(node, 'import_clause');
  if (!clause) {
    b.import({ source, line, kind: 'import' });
    return;
  }
  for (const c of named(clause)) {
    if (c.type === 'identifier') b.import({ source, name: 'default', alias: c.text, line, kind: 'import' });
    else if (c.type === 'namespace_import')
      b.import({ source, name: '*', alias: c.namedChildren[0]?.text, line, kind: 'import' });
    else if (c.type === 'named_imports')
      for (const s of childrenOfType(c, 'import_specifier'))
        b.import({ source, name: fieldText(s, 'name'), alias: fieldText(s, 'alias'), line, kind: 'import' });
  }
}

function onCall(node: Node, b: FileBuilder): void {
  const fn = sequenceCallee(field(node, 'function'));
  if (!fn) return;
  const args = field(node, 'arguments');
  const argc = args?.namedChildCount;
  if (fn.type === 'identifier') {
    if (fn.text === 'require') return;
    recordCall(node, b, { name: fn.text, form: 'call', argc });
  } else if (fn.type === 'member_expression') {
    const obj = field(fn, 'object');
    const name = fieldText(fn, 'property') ?? '';
    recordCall(node, b, { name, receiver: obj?.text, form: obj?.type === 'super' ? 'super' : 'call', argc });
    if (args && HTTP.has(name)) route(node, name, args, b);
  } else if (fn.type === 'super') {
    b.call(node, { name: 'constructor', receiver: 'super', form: 'super', argc });
  }
}

const METHOD_NODES = new Set(['method_definition', 'method_signature', 'abstract_method_signature']);

function enter(node: Node, b: FileBuilder): typeof SKIP | undefined {
  switch (node.type) {
    case 'class_declaration':
    case 'abstract_class_declaration':
    case 'class':
    case 'interface_declaration':
    case 'enum_declaration':
      onClass(node, b);
      return undefined;
    case 'internal_module':
    case 'module':
      onNamespace(node, b);
      return undefined;
    case 'function_declaration':
    case 'generator_function_declaration':
      onFunction(node, b, fieldText(node, 'name') ?? '?', node.parent?.type === 'export_statement');
      if (node.parent?.type === 'export_statement' && node.parent.text.startsWith('export default'))
        b.ir.defaultExport = fieldText(node, 'name');
      return undefined;
    case 'method_definition':
    case 'method_signature':
    case 'abstract_method_signature': {
      const m = declaredMethod(node, b);
      if (m) onFunction(node, b, fieldText(node, 'name') ?? '?', false, m.owner);
      return undefined;
    }
    case 'shorthand_property_identifier':
      onReturnedName(node, b);
      return undefined;
    case 'variable_declarator': {
      const value = field(node, 'value');
      const name = field(node, 'name');
      if (value && name?.type === 'identifier' && FUNCTION_VALUES.has(value.type)) {
        const exported = node.parent?.parent?.type === 'export_statement';
        onFunction(value, b, name.text, exported);
      } else onDeclarator(node, b);
      return undefined;
    }
    case 'public_field_definition':
    case 'field_definition': {
      const cls = b.currentClass;
      const n = fieldText(node, 'name') ?? fieldText(node, 'property');
      const value = field(node, 'value');
      if (cls && n && value && FUNCTION_VALUES.has(value.type)) onFunction(value, b, n, false);
      else if (cls && n) {
        const t =
          typeOf(field(node, 'type')) ??
          (value?.type === 'new_expression' ? fieldText(value, 'constructor') : undefined);
        // Kept untyped too ('' names no class): the field hides inherited methods of its name.
        cls.fields[n] = t ?? '';
      }
      return undefined;
    }
    case 'for_in_statement':
      // `for (const f of fs) f()`: the loop variable is a local (a bare `for (f of fs)` assigns one).
      if (field(node, 'kind')) for (const n of boundNames(field(node, 'left'))) declareVariable(b, n, node);
      return undefined;
    case 'catch_clause':
      for (const n of boundNames(field(node, 'parameter'))) declareVariable(b, n, node);
      return undefined;
    case 'import_statement':
      onImport(node, b);
      return SKIP;
    case 'export_statement':
      onExport(node, b);
      return undefined;
    case 'call_expression':
      onCall(node, b);
      return undefined;
    case 'comment':
      onTypedefs(node, b);
      return undefined;
    case 'new_expression': {
      const ctor = field(node, 'constructor');
      if (ctor?.type === 'identifier' || ctor?.type === 'member_expression') {
        const dot = ctor.text.lastIndexOf('.');
        recordCall(node, b, {
          name: dot < 0 ? ctor.text : ctor.text.slice(dot + 1),
          ...(dot < 0 ? {} : { receiver: ctor.text.slice(0, dot) }),
          form: 'new',
          argc: field(node, 'arguments')?.namedChildCount,
        });
      }
      return undefined;
    }
    case 'function_expression':
    case 'function':
    case 'generator_function':
      onPlainFunctionValue(node, b);
      onCallback(node, b);
      return undefined;
    case 'arrow_function':
      onCallback(node, b);
      return undefined;
    case 'assignment_expression': {
      const m = assignedMember(node);
      const owner = m && prototypeOwner(b, m.owner);
      const fqn = m ? b.memberFqn(`${owner}.${m.name}`) : undefined;
      onExportAssignment(node, b, fqn);
      if (m) onFunction(m.value, b, m.name, false, owner);
      // `app.f = function () { this.g() }`: `this` is what app was made as (the checker reads it
      // for `X.prototype.f` only), unlike an object literal's own method's.
      if (m && !m.owner.endsWith('.prototype') && m.value.type !== 'arrow_function')
        b.local('this', undefined);
      return undefined;
    }
    case 'binary_expression': {
      const op = node.childForFieldName('operator')?.type;
      if (op === '&&' || op === '||' || op === '??') b.bump();
      return undefined;
    }
    default:
      return undefined;
  }
}

const COMPLEXITY = new Set([
  'if_statement',
  'for_statement',
  'for_in_statement',
  'while_statement',
  'do_statement',
  'switch_case',
  'catch_clause',
  'ternary_expression',
]);

const JS_NODE_TYPES = new Set([
  'abstract_class_declaration',
  'abstract_method_signature',
  'arrow_function',
  'assignment_expression',
  'binary_expression',
  'call_expression',
  'catch_clause',
  'class',
  'class_declaration',
  'comment',
  'enum_declaration',
  'export_statement',
  'field_definition',
  'for_in_statement',
  'function_declaration',
  'function_expression',
  'generator_function',
  'generator_function_declaration',
  'import_statement',
  'interface_declaration',
  'internal_module',
  'method_definition',
  'method_signature',
  'module',
  'new_expression',
  'public_field_definition',
  'shorthand_property_identifier',
  'variable_declarator',
]);

function jsSpec(id: string, extensions: string[], grammars: LanguageSpec['grammars']): LanguageSpec {
  return {
    id,
    extensions,
    grammars,
    style: TS_FQN,
    complexity: COMPLEXITY,
    selfNames: ['this'],
    constructorNames: ['constructor'],
    begin: (b, ctx) => b.setModule(ctx.module ?? ctx.path),
    enter,
    nodeTypes: JS_NODE_TYPES,
  };
}

/** JavaScript (+JSX): ES modules, CommonJS require, classes, Express-style routes. */
export const javascript = jsSpec(
  'javascript',
  ['.js', '.jsx', '.mjs', '.cjs'],
  [
    { pkg: 'tree-sitter-javascript', file: 'tree-sitter-javascript.wasm' },
    { pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-javascript.wasm' },
  ],
);

/** TypeScript: as JavaScript, plus interfaces, enums, declared types and parameter properties. */
export const typescript: LanguageSpec = {
  ...jsSpec(
    'typescript',
    ['.ts', '.mts', '.cts'],
    [
      { pkg: 'tree-sitter-typescript', file: 'tree-sitter-typescript.wasm' },
      { pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-typescript.wasm' },
    ],
  ),
  repair: repairTypeScript,
};

/** TSX, with its own grammar (not the TypeScript one). */
export const tsx: LanguageSpec = {
  ...jsSpec(
    'tsx',
    ['.tsx'],
    [
      { pkg: 'tree-sitter-typescript', file: 'tree-sitter-tsx.wasm' },
      { pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-tsx.wasm' },
    ],
  ),
  repair: blankVariance,
};
