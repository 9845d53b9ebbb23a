import { baseType, splitTop } from '../extract/helpers.js';
import type { ClassHierarchy } from './hierarchy.js';
import type { ClassSym } from './symbols.js';

/** The standard library's smart pointers: `p->m()` calls the pointee's m. */
const STD_POINTERS = /^(?:::)?(?:std::)?(?:unique_ptr|shared_ptr|auto_ptr)\s*<([\s\S]+)>$/;

const STD_BASES = /^(?:::)?(?:std::)?(?:unique_ptr|shared_ptr|auto_ptr)\b/;

/** What working out the class behind `->` needs: the class a type's text names, from where it was written. */
export type NameType = (type: string) => ClassSym | undefined;

/**
 * The class whose member a C++ `x->m()` calls, x declared with type `type` (naming `cls`, when the
 * project has it). A pointer (`T*`, or a class with no `operator->`: parameter types lose their `*`)
 * is the class itself; a smart pointer is what its `operator->` returns (`T*` of a class template
 * `P<T>` is the template argument), never the smart pointer's own member. Unknown: undefined.
 */
export function arrowClass(
  hierarchy: ClassHierarchy,
  type: string,
  cls: ClassSym | undefined,
  named: NameType,
): ClassSym | undefined {
  const text = type.trim().replace(/^const\s+/, '');
  if (/[*]\s*(?:const\s*)?$/.test(text)) return cls;
  const std = STD_POINTERS.exec(text);
  if (std) {
    const arg = splitTop(std[1]!, ',')[0];
    return arg ? named(arg) : undefined;
  }
  if (!cls) return undefined;
  const op = operatorArrow(hierarchy, cls);
  // a class deriving from a standard smart pointer has its `->`
  if (op === 'none') return hierarchy.libraryBases(cls).some((b) => STD_BASES.test(b)) ? undefined : cls;
  // `T* operator->()` (return types are kept without their `*`)
  const base = op && baseType(op.replace(/\bconst\b/g, ''));
  if (!base) return undefined;
  const args = typeArguments(text);
  // A bare name no class has is a template parameter: with one argument written, that one.
  if (args.length === 1 && /^\w+$/.test(base) && !named(base)) return named(args[0]!);
  return named(base);
}

/** The return type of the `operator->` `cls` declares or inherits; 'none' when no class declares one. */
function operatorArrow(hierarchy: ClassHierarchy, cls: ClassSym): string | undefined | 'none' {
  for (const k of hierarchy.upward(cls)) {
    const ops = k.methods.get('operator->');
    if (!ops?.length) continue;
    // const and non-const overloads: one answer only when they agree on the class
    const types = new Set(ops.map((f) => baseType(f.ir.returnType?.replace(/\bconst\b/g, ''))));
    return types.size === 1 ? ops[0]!.ir.returnType : undefined;
  }
  return 'none';
}

/** The template arguments written in a type (`P<A, B<C>>` → `A`, `B<C>`). */
function typeArguments(type: string): string[] {
  const open = type.indexOf('<');
  if (open < 0 || !type.endsWith('>')) return [];
  return splitTop(type.slice(open + 1, -1), ',').map((a) => a.trim());
}
