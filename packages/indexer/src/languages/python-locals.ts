import type { FileBuilder } from '../extract/builder.js';
import { decodeScoped, encodeScoped, type ScopedType } from '../extract/helpers.js';

/**
 * A local assigned in a function: a parameter of that name without a type annotation holds what
 * the caller passed until the assignment (`def f(self, m): m.get_text(); m = Message()`), so the
 * type counts from the line after the assignment (its right side still reads the parameter).
 */
export function assignLocal(b: FileBuilder, name: string, type: string | undefined, from: number): void {
  const fn = b.currentFunction;
  if (!fn?.params.some((p) => p.name === name && !p.type)) {
    b.local(name, type);
    return;
  }
  const was = Object.hasOwn(fn.locals, name) ? fn.locals[name]! : '';
  const entries: ScopedType[] = was.startsWith('@') ? decodeScoped(was) : [];
  fn.locals[name] = encodeScoped([...entries, { first: from, last: fn.endLine, type: type ?? '' }]);
}
