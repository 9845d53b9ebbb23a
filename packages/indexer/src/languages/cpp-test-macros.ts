import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { field, named } from '../extract/helpers.js';
import type { FunctionDecl } from './declarative.js';
import { COLONS } from './rust.js';

// GoogleTest's (and its look-alikes') test macros: `TEST_F(Fixture, Name) { … }` defines a class
// `Fixture_Name_Test` deriving from Fixture whose method holds the body, so a bare call there may be
// a call to the fixture. The body becomes a method of Fixture named as that class: a name no call
// means (a test named after the function it tests, `TEST_F(MathTest, Factorial)`, calls Factorial).
const TEST_MACROS = new Set(['TEST', 'TEST_F', 'TEST_P', 'TYPED_TEST', 'TYPED_TEST_P']);

/** A test macro's body as a method `Fixture_Name_Test` of the class `Fixture` (C++). */
export function onTestCase(n: Node, b: FileBuilder): FunctionDecl | undefined {
  if (field(n, 'type')) return undefined;
  const fd = field(n, 'declarator');
  const macro = fd?.type === 'function_declarator' ? field(fd, 'declarator') : undefined;
  if (macro?.type !== 'identifier' || !TEST_MACROS.has(macro.text)) return undefined;
  const args = named(field(fd!, 'parameters')!).map((p) =>
    p.type === 'parameter_declaration' && !field(p, 'declarator') ? field(p, 'type') : undefined,
  );
  if (args.length !== 2 || args.some((a) => a?.type !== 'type_identifier')) return undefined;
  const [fixture, name] = args.map((a) => a!.text) as [string, string];
  return {
    name: `${fixture}_${name}_Test`,
    kind: 'method',
    params: [],
    signature: '()',
    classFqn: COLONS.join(b.containerFqn, fixture, 'module'),
  };
}
