import type { CallIR } from '../ir.js';
import type { EnclosingFunctions } from './enclosing.js';
import type { Scope } from './scope.js';
import type { FileEntry, FnSym } from './symbols.js';

/**
 * `internals.fail()` where the file declares `const internals = { … }` at top level: the member the
 * literal declares (`fail() {…}`, `fail: function…`), or in JavaScript, for an empty literal, the one
 * function assigned to it (`internals.fail = function…`), which the checker reads as declarations
 * of the object. A member assigned to a literal that has any of its own is no member to the checker;
 * a parameter or local of that name, or a second declaration, hides the object. Undefined otherwise.
 */
export function objectLiteralMember(
  scope: Scope,
  enc: EnclosingFunctions,
  file: FileEntry,
  caller: FnSym | undefined,
  c: CallIR,
): FnSym | undefined {
  const recv = c.receiver ?? '';
  const objects = file.ir.objectLiterals;
  const object = objects && Object.hasOwn(objects, recv) ? objects[recv] : undefined;
  if (!object || object[0] === 0 || c.form !== 'call' || file.ir.globals?.[recv] !== '') return undefined;
  if (enc.parameter(file, caller, recv) || enc.localVariable(file, caller, recv)) return undefined;
  const [first, last, empty] = object;
  const fqn = file.spec.style.join(file.spec.style.join(file.ir.module, recv, 'module'), c.name, 'function');
  const members = scope.table.fnsByFqn.get(fqn)?.filter((s) => s.file === file) ?? [];
  const own = members.filter((s) => s.ir.line >= first && s.ir.endLine <= last);
  const assigned = empty && file.spec.id === 'javascript' ? members.filter((s) => !own.includes(s)) : [];
  const found = own.length ? (members.length === own.length ? own : []) : assigned;
  return found.length === 1 && !found[0]!.ir.accessor ? found[0] : undefined;
}
