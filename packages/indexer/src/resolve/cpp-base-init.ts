import { baseType } from '../extract/helpers.js';
import type { CallIR } from '../ir.js';
import type { CallTarget } from './call-target.js';
import { construct } from './construct.js';
import { type ClassHierarchy, own } from './hierarchy.js';
import type { ClassSym } from './symbols.js';

/**
 * A C++ constructor's initializer `Base(a, b)` or `member(a, b)` (see `baseInitializer`): the
 * constructor of that direct base, of the class itself when it delegates, or of the class the
 * member is declared with, chosen by the arguments. One argument of unknown type may be a value of
 * the member's own type (an implicit copy, no project function): not linked.
 */
export function baseConstruction(
  hierarchy: ClassHierarchy,
  cls: ClassSym,
  c: CallIR,
): CallTarget | undefined {
  // `: ns::Reader(opts)` in `ns::oned::Reader`'s constructor: the base, not the class itself
  const scoped = (s: ClassSym) => !c.receiver || `::${s.ir.fqn}`.endsWith(`::${c.receiver}::${c.name}`);
  const base =
    cls.ir.name === c.name && scoped(cls)
      ? cls
      : hierarchy.supers(cls).find((s) => s.ir.name === c.name && scoped(s));
  if (c.receiver && !base) return undefined;
  // read again through the table (the bases are cached): an incremental update relinks the caller
  // when a constructor of the base is added or removed in another file
  // when files declare classes of one FQN (test programs' own `struct TestCase`), the caller's own
  const same = base && hierarchy.scope.table.classesByFqn.get(base.ir.fqn);
  const target = base && same?.includes(base) ? base : same?.[0];
  if (target) return construct(hierarchy, target, c);
  const declared = own(cls.ir.fields, c.name);
  const type = declared && !declared.endsWith('*') ? baseType(declared) : undefined;
  // a type the class names itself (a member typedef) is not a class found elsewhere by that name
  if (!type || (c.argc === 1 && !c.argTypes) || own(cls.ir.fields, type)) return undefined;
  const member = hierarchy.scope.classNamed(cls.file, type, cls.ir.fqn);
  return member ? construct(hierarchy, member, c) : undefined;
}
