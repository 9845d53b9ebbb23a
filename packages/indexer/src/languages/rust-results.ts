import type { Node } from 'web-tree-sitter';
import { field } from '../extract/helpers.js';
import { withoutTurbofish } from './rust-turbofish.js';

/**
 * A function's declared return type, a `Result`/`Option` with the type it holds (`Result<Parser>`
 * for `io::Result<Parser>` or `Result<Parser, Error>`): `f()?`, `f().unwrap()` and `f().expect(…)`
 * are a `Parser` (see resolve/rust-unwrap.ts). Its base name stays `Result`.
 */
export function returnTypeName(
  n: Node | undefined,
  typeName: (n: Node | undefined) => string | undefined,
): string | undefined {
  const outer = typeName(n);
  const wrapper = outer?.split('::').at(-1);
  if (n?.type !== 'generic_type' || (wrapper !== 'Result' && wrapper !== 'Option')) return outer;
  const held = typeName(
    field(n, 'type_arguments')?.namedChildren.find((c) => c?.type !== 'lifetime') ?? undefined,
  );
  return held ? `${wrapper}<${held}>` : outer;
}

/**
 * A receiver or call as the resolver reads it: no turbofish, and `x?` as `x.unwrap()` (both give
 * what the `Result` or `Option` holds).
 */
export function rustExpression(text: string): string {
  return withoutTurbofish(text).replace(/([\w)\]])\?(?=\.|$)/g, '$1.unwrap()');
}
