import type { FileIR } from '../ir.js';
import type { ClassHierarchy } from './hierarchy.js';
import { outerClass } from './java-outer.js';
import { mayDeclare } from './jdk-members.js';
import type { CallArgs } from './overloads.js';
import type { Scope } from './scope.js';
import type { ClassSym, FnSym } from './symbols.js';

/** A Java file's static imports: single ones by member name, on-demand ones (`C.*`) by class. */
interface StaticImports {
  readonly single: ReadonlyMap<string, readonly string[]>;
  readonly onDemand: readonly string[];
}

const byFile = new WeakMap<FileIR, StaticImports>();
const NONE: StaticImports = { single: new Map(), onDemand: [] };

function staticImportsOf(ir: FileIR): StaticImports {
  let found = byFile.get(ir);
  if (found) return found;
  const single = new Map<string, string[]>();
  const onDemand: string[] = [];
  for (const i of ir.imports) {
    if (i.kind !== 'static' || !i.name) continue;
    if (i.name === '*') onDemand.push(i.source);
    else single.set(i.name, [...(single.get(i.name) ?? []), i.source]);
  }
  found = single.size || onDemand.length ? { single, onDemand } : NONE;
  byFile.set(ir, found);
  return found;
}

/**
 * Whether a bare Java name `name` is a method in scope at `cls`: declared or inherited by it or by
 * a class around it (or possibly by a library base). A method in scope hides static imports.
 */
export function methodInScope(scope: Scope, hierarchy: ClassHierarchy, cls: ClassSym, name: string): boolean {
  for (let k: ClassSym | undefined = cls; k; k = outerClass(scope, k))
    if (hierarchy.javaHas(k, name, false)) return true;
  return false;
}

/**
 * A bare Java call `m(…)` through the file's static imports, once no class around the call has a
 * method `m` (javac's order): single-static imports naming `m` first, then on-demand ones (`C.*`).
 * The static method of the one imported class that has `m`, by its arguments; null when the import
 * that binds the name is a library's (or several classes may declare it): the call stays unresolved.
 */
export function staticImported(
  scope: Scope,
  hierarchy: ClassHierarchy,
  ir: FileIR,
  c: CallArgs & { readonly name: string },
): FnSym | null | undefined {
  const imports = staticImportsOf(ir);
  if (imports === NONE) return undefined;
  const single = imports.single.get(c.name);
  if (single) return single.length === 1 ? staticMethod(scope, hierarchy, single[0]!, c) : null;
  const owners: string[] = [];
  for (const source of imports.onDemand) {
    const cls = scope.table.classesByFqn.get(source)?.[0];
    if (cls ? hierarchy.javaHas(cls, c.name, false) : mayDeclare(source, c.name)) owners.push(source);
  }
  if (owners.length > 1) return null;
  return owners.length ? staticMethod(scope, hierarchy, owners[0]!, c) : undefined;
}

/** Class `source`'s static method `name` that takes the call's arguments (null: a library's, or none fits). */
function staticMethod(
  scope: Scope,
  hierarchy: ClassHierarchy,
  source: string,
  c: CallArgs & { readonly name: string },
): FnSym | null {
  const cls = scope.table.classesByFqn.get(source)?.[0];
  const m = cls && hierarchy.findMethod(cls, c.name, c);
  return m?.fn.ir.isStatic ? m.fn : null;
}

/** Java's bare `m()` that no class around `cls` has: a statically imported method (see staticImported). */
export function javaStaticCall(
  scope: Scope,
  hierarchy: ClassHierarchy,
  ir: FileIR,
  cls: ClassSym,
  c: CallArgs & { readonly name: string },
): FnSym | undefined {
  if (methodInScope(scope, hierarchy, cls, c.name)) return undefined;
  return staticImported(scope, hierarchy, ir, c) ?? undefined;
}
