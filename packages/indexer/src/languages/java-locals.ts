import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { field, fieldText, named } from '../extract/helpers.js';
import { declareLocal, declareWhole } from './go-scopes.js';
import { declaredType, variableType } from './java-types.js';

/**
 * The node whose end closes the scope of a Java local declared by `node`: an enhanced `for`'s
 * variable is its own, a `catch` parameter its clause's, any other local the block it is declared in
 * (a `switch` case group's: the whole switch), from the declaration on.
 */
function scopeOf(node: Node): Node {
  if (node.type === 'enhanced_for_statement') return node;
  const p = node.parent;
  if (!p) return node;
  if (node.type === 'catch_formal_parameter') return p;
  return p.type === 'switch_block_statement_group' ? (p.parent ?? p) : p;
}

/**
 * Declares a Java local at `node` (its declaration statement): one name declared in two blocks with
 * two types (`ScalarEvent ev` in an `if`, `CollectionStartEvent ev` in its `else`) keeps each type
 * on the lines it is in force (see go-scopes.ts, which does the same for Go).
 */
export function declareJavaLocal(b: FileBuilder, name: string, type: string | undefined, node: Node): void {
  if (!name) return;
  declareLocal(b, name, type, { index: node.startIndex, row: node.startPosition.row }, scopeOf(node));
}

const at = (n: Node) => ({ index: n.startIndex, row: n.startPosition.row });

/** Declares a local typed in `scope` only: elsewhere the name is untyped (a field of that name, say). */
function declareIn(b: FileBuilder, name: string, type: string, node: Node, scope: Node): void {
  const known = b.currentFunction && Object.hasOwn(b.currentFunction.locals, name);
  declareLocal(b, name, type, at(node), scope);
  if (!known) declareWhole(b, name, undefined);
}

/** `try (Res r = …) { … }`: r, typed in the try's block (not its catch and finally clauses). */
export function declareResource(b: FileBuilder, node: Node): void {
  const name = fieldText(node, 'name');
  const body = node.parent?.parent?.childForFieldName('body');
  if (!name || !body) return;
  let t = variableType(field(node, 'type'), node);
  const value = field(node, 'value');
  if (t === 'var' || !t)
    t = value?.type === 'object_creation_expression' ? declaredType(field(value, 'type')) : undefined;
  if (t) declareIn(b, name, t, node, body);
}

const STATEMENT = /_statement$|^local_variable_declaration$/;

/**
 * `x instanceof Foo f`: f, typed to the end of the statement around (an `if`'s branches; a pattern
 * that stays in scope after the statement, `if (!(x instanceof Foo f)) return;`, is left untyped).
 */
export function declarePattern(b: FileBuilder, node: Node): void {
  const name = fieldText(node, 'name');
  const t = declaredType(field(node, 'right'));
  let s: Node | null = node.parent;
  while (s && !STATEMENT.test(s.type)) s = s.parent;
  if (name && t && s) declareIn(b, name, t, node, s);
}

/**
 * A receiver `x` that a lambda around declares (`MAPPER -> MAPPER.copy()`): typed as written
 * (`(Writer w) -> …`), else untyped; never the field of its name.
 */
export function declareLambdaParameter(b: FileBuilder, id: Node): void {
  for (let p = id.parent; p && p.type !== 'method_declaration' && p.type !== 'class_body'; p = p.parent) {
    const ps = p.type === 'lambda_expression' ? field(p, 'parameters') : undefined;
    if (!ps) continue;
    if (ps.type === 'identifier') {
      if (ps.text !== id.text) continue;
      declareIn(b, id.text, '', p, p);
      return;
    }
    for (const x of named(ps)) {
      const name = x.type === 'identifier' ? x.text : (fieldText(x, 'name') ?? x.namedChildren.at(-1)?.text);
      if (name !== id.text) continue;
      const t = x.type === 'formal_parameter' ? variableType(field(x, 'type'), x) : undefined;
      declareIn(b, id.text, t && t !== 'var' ? t : '', p, p);
      return;
    }
  }
}
