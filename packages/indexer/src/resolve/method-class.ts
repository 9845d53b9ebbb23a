import type { ClassSym, FnSym, SymbolTable } from './symbols.js';

/**
 * The class a method declared apart from its type belongs to: the one its `classFqn` names in
 * the method's package (Go), else, for a C++ out-of-line member (`std::string Converter::Convert()`
 * after `using namespace text;`), the one class a file-scope `using namespace` of its file gives
 * that name (none when several do). Reads the method's own file and the class table only, so a
 * fresh index and an incremental update pick the same class.
 */
export function methodClass(table: SymbolTable, fn: FnSym): ClassSym | undefined {
  const fqn = fn.ir.classFqn!;
  const direct = table.classesByFqn.get(fqn)?.find((c) => c.file.pkg === fn.file.pkg);
  if (direct || fn.file.spec.id !== 'cpp') return direct;
  let found: ClassSym | undefined;
  for (const u of fn.file.ir.usings ?? []) {
    if (!u.endsWith('::*')) continue;
    const hit = table.classesByFqn.get(`${u.slice(0, -3).replace(/^::/, '')}::${fqn}`)?.[0];
    if (!hit || hit === found) continue;
    if (found && found.ir.fqn !== hit.ir.fqn) return undefined;
    found ??= hit;
  }
  return found;
}
