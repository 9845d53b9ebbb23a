import type { Scope } from './scope.js';
import type { ClassSym } from './symbols.js';

/**
 * The class `name` declared inside `cls` or a class around it (`struct Indent` in `Fmt`): what a
 * bare `Indent(a, b)` in a member function of `Fmt` constructs, as C++ looks names up in the
 * class's scope before the namespace's. Classes inherited from bases are not followed.
 */
export function memberClass(scope: Scope, cls: ClassSym, name: string): ClassSym | undefined {
  for (let k: ClassSym | undefined = cls; k; ) {
    const hit = scope.table.classesByFqn.get(`${k.ir.fqn}::${name}`);
    if (hit?.length === 1) return hit[0];
    if (hit) return undefined;
    const parent: string | undefined = k.ir.parent;
    k = parent ? scope.table.classesByFqn.get(parent)?.[0] : undefined;
  }
  return undefined;
}
