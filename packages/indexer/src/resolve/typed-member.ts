import { localAt } from '../extract/helpers.js';
import type { CallIR } from '../ir.js';
import { RETURNED } from '../languages/js-members.js';
import type { CallTarget } from './call-target.js';
import type { CallResolver } from './calls.js';
import type { FileEntry, FnSym } from './symbols.js';
import { callOf } from './type-classes.js';

const JS_LANGS: ReadonlySet<string> = new Set(['javascript', 'typescript', 'tsx']);

/**
 * `x.m()` where the variable x has type `type` (declared, `new X`, `()f`), read in `file` at
 * `line` from `caller`: m of x's class, or in JS/TS of the object a function makes (functionObjectMethod).
 */
export function typedMember(
  r: CallResolver,
  file: FileEntry,
  type: string,
  c: CallIR,
  caller: FnSym | undefined,
  line: number,
): CallTarget | undefined {
  const target = r.receiverClass(file, type, c, caller, caller?.cls, line);
  const m = target && r.hierarchy.findMethod(target, c.name, c, false, true);
  // `(at12)()x.next`: what x.next() returns, worked out at line 12
  const made = file.spec.id === 'rust' ? type.replace(/^\(at\d+\)/, '') : type;
  const resolution =
    made.startsWith('()') && !r.scope.classNamed(file, made.slice(2)) ? 'return-type' : 'typed-receiver';
  if (m) return { sym: m.fn, resolution };
  const fn =
    target || !JS_LANGS.has(file.spec.id) ? undefined : functionObjectMethod(r, file, type, c, caller, line);
  return fn ? { sym: fn, resolution } : undefined;
}

/**
 * JS/TS objects no class declares, whose members the checker still knows: `new Helper()` of a
 * constructor function (`function Helper() {…}; Helper.prototype.help = function…`: its
 * `Helper.prototype.help`), and what a factory returns when it declares no type
 * (`function make() { return { run() {…} } }`: the returned literal's `make.{return}.run`,
 * see objectOwner). The member must be declared once, in the function's own file.
 */
function functionObjectMethod(
  r: CallResolver,
  file: FileEntry,
  type: string,
  c: CallIR,
  caller: FnSym | undefined,
  line: number,
): FnSym | undefined {
  const call = type.startsWith('()') ? callOf(type.slice(2), line) : undefined;
  if (!call && !/^[\w$]+$/.test(type)) return undefined;
  const t = r.resolve(file, caller, call ?? { name: type, form: 'call', line });
  const fn = t?.sym.type === 'function' ? t.sym : undefined;
  if (!fn || fn.cls || (call ? fn.ir.returnType : fn.ir.kind !== 'function')) return undefined;
  const owner = `${fn.ir.fqn}.${call ? '{return}' : 'prototype'}`;
  const fqn = fn.file.spec.style.join(owner, c.name, 'function');
  const found = r.scope.table.fnsByFqn.get(fqn)?.filter((s) => s.file === fn.file && !s.ir.accessor);
  if (found?.length) return found.length === 1 ? found[0] : undefined;
  // `return { buildQuerySelector }`: what that name calls in the factory.
  if (!call || !Object.hasOwn(fn.ir.locals, RETURNED + c.name)) return undefined;
  const named = r.resolve(fn.file, fn, { name: c.name, form: 'call', line: fn.ir.line });
  return named?.sym.type === 'function' ? named.sym : undefined;
}

/**
 * A bare `once()` where the caller (or a function around it) destructured `once` from what a
 * call returns (`const { once } = unhandle()`): that member of the factory's returned literal.
 */
export function destructuredMember(
  r: CallResolver,
  file: FileEntry,
  caller: FnSym | undefined,
  c: CallIR,
  parent: (f: FnSym) => FnSym | undefined,
): CallTarget | undefined {
  if (!JS_LANGS.has(file.spec.id)) return undefined;
  for (let f = caller; f; f = parent(f)) {
    const type = localAt(f.ir.locals, c.name, c.line);
    if (type === undefined && !f.ir.params.some((p) => p.name === c.name)) continue;
    const m = type && /^\(member\)([\w$]+)\|(.+)$/.exec(type);
    const fn = m && functionObjectMethod(r, file, `()${m[2]}`, { ...c, name: m[1]! }, f, c.line);
    return fn ? { sym: fn, resolution: 'return-type' } : undefined;
  }
  return undefined;
}
