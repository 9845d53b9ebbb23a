import type { CallIR } from '../ir.js';
import type { CallTarget } from './call-target.js';
import { adlMayFind } from './cpp-adl.js';
import { namespaceRival } from './cpp-namespace-rivals.js';
import type { Scope } from './scope.js';
import type { FileEntry, FnSym } from './symbols.js';

const SOURCE = /\.(c|cc|cpp|cxx|c\+\+)$/;

/**
 * A C++ free function found by its name alone (in the caller's file, or the one of that name in
 * the project) is only what an unqualified call means when C++'s lookup can see it from the caller:
 * its namespace encloses the caller, a `using` brings it in, or argument-dependent lookup may find
 * it. `name()` or `name(rhs->name())` in `Sass::Argument::f` is not `Sass::Prelexer::name(const char*)` (libsass: the
 * member the call meant is declared by a macro the indexer does not expand). Otherwise the target
 * stands.
 */
export function visibleFrom(
  scope: Scope,
  file: FileEntry,
  caller: FnSym | undefined,
  c: CallIR,
  target: CallTarget | undefined,
): CallTarget | undefined {
  if (!target || file.spec.id !== 'cpp' || !caller) return target;
  const r = target.resolution;
  if (r !== 'global-unique' && r !== 'same-file' && r !== 'import') return target;
  const fn = target.sym;
  if (fn.type !== 'function' || fn.cls || fn.ir.classFqn || fn.ir.parentFqn) return target;
  if (namespaceRival(scope, fn)) return undefined;
  const at = fn.ir.fqn.lastIndexOf('::');
  if (at < 0) return target; // the global namespace encloses every caller
  const ns = fn.ir.fqn.slice(0, at);
  // an out-of-line member (`void A::f() {}` after `using namespace ns;`) looks in its class's namespace
  if (caller.ir.fqn.startsWith(`${ns}::`) || caller.cls?.ir.fqn.startsWith(`${ns}::`)) return target;
  // ADL looks in the namespaces of the arguments' classes: none without arguments, none from
  // parameters of fundamental types.
  if ((c.argc ?? 1) > 0 && adlMayFind(fn, c.argc ?? 1)) return target;
  // the caller's file's own (a function's among them: which function is not kept), its headers' at namespace scope
  const usings = [...(file.ir.usings ?? []), ...(file.ir.blockUsings ?? []), ...includedUsings(scope, file)];
  return usings.some((u) => brings(u, ns, fn.ir.name)) ? target : undefined;
}

/** Whether a `using` (`a::b::*` or `a::f`, as written, maybe relative) can name `ns::name`. */
// (The parameter is not called `using`: tree-sitter-typescript 0.23 reads it as the keyword.)
function brings(declared: string, ns: string, name: string): boolean {
  const named = declared.endsWith('::*') ? declared.slice(0, -3) : declared;
  const full = declared.endsWith('::*') ? ns : `${ns}::${name}`;
  return full === named || full.endsWith(`::${named}`);
}

/**
 * The `using`s of the headers a file includes directly, read through the scope (an incremental
 * update relinks the file when one changes); deeper ones are not followed.
 */
function includedUsings(scope: Scope, file: FileEntry): string[] {
  const out: string[] = [];
  for (const imp of file.ir.imports) {
    const h = scope.includeFile(file, imp.source);
    if (h?.spec.id === 'cpp' && h.ir.usings && !SOURCE.test(h.rel)) out.push(...h.ir.usings);
  }
  return out;
}
