import type { ClassHierarchy } from './hierarchy.js';
import type { ClassSym } from './symbols.js';

/**
 * Whether a bare call `name(…)` in a member of `cls` stops at class scope: C++'s unqualified lookup
 * finds the class's (or a base's) members named `name` first and never looks further out, nor by
 * argument-dependent lookup. When none of those members could be chosen (overloads the arguments
 * cannot tell apart), the call stays unresolved instead of reaching a free function of that name in
 * another file (OpenCC's `Convert(std::string_view(input))` in `SimpleConverter::Convert`).
 */
export function classScopeHides(hierarchy: ClassHierarchy, cls: ClassSym, name: string): boolean {
  for (const k of hierarchy.upward(cls)) {
    // `Base(x)`: a class's name builds a temporary of that class (its constructors are not looked up)
    if (k.ir.name === name) return false;
    if (k.methods.has(name)) return true;
  }
  return false;
}
