import type { Scope } from './scope.js';
import type { FnSym } from './symbols.js';

/**
 * Whether a C++ free function has a rival of the same FQN defined out of line through its
 * namespace (`void ImGui::ItemSize(const ImVec2&, float) {…}` in imgui.cpp beside imgui_internal.h's
 * `inline void ItemSize(const ImRect&, float)` in `namespace ImGui`). The indexer reads such a
 * definition as a member of a class `ImGui` it cannot find, so overload resolution never sees it:
 * a call found by its name alone may mean either, and stays unresolved.
 */
export function namespaceRival(scope: Scope, fn: FnSym): boolean {
  const same = scope.table.fnsByFqn.get(fn.ir.fqn);
  return !!same && same.length > 1 && same.some((s) => s !== fn && s.ir.classFqn !== undefined && !s.cls);
}
