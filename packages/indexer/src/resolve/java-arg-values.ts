import { localAt, splitTop, typeKey } from '../extract/helpers.js';
import type { CallIR } from '../ir.js';
import type { CallResolver } from './calls.js';
import { JDK_CLASSES, qualify } from './java-arg-fit.js';
import { visibleField } from './java-outer.js';
import type { CallArgs } from './overloads.js';
import type { ClassSym, FileEntry, FnSym } from './symbols.js';

type Context = Pick<CallResolver, 'scope' | 'hierarchy' | 'resolve' | 'classIn'>;
type Parent = (f: FnSym) => FnSym | undefined;

const PRIMITIVES = new Set(['byte', 'short', 'char', 'int', 'long', 'float', 'double', 'boolean']);
/** A declared type as an argument's (see languages/java-args.ts). */
const argText = (t: string | undefined) => (t?.includes('<') ? t : (typeKey(t) ?? '?'));

/**
 * A Java call whose argument types name what the extractor could not type (languages/java-args.ts):
 * `(.)NAME` becomes the type of the variable or field it is seen from the caller (a local of a
 * method around an anonymous class, an inherited or enclosing class's constant), `(.)Type.NAME`
 * the type of that class's field, `()recv.m#n` the return type of the method that call resolves to
 * (a primitive, or a class known for certain: the project's, one imported by name, java.lang's).
 * Anything not found is unknown (`?`).
 */
export function javaArgValues(
  r: Context,
  file: FileEntry,
  caller: FnSym | undefined,
  cls: ClassSym | undefined,
  c: CallIR & CallArgs,
  parent: Parent,
): CallIR & CallArgs {
  if (!c.argTypes || !/(?:^|,)\(\.?\)/.test(c.argTypes)) return c;
  const value = (t: string) =>
    t.startsWith('(.)')
      ? constantType(r, file, caller, cls, t.slice(3), parent)
      : t.startsWith('()')
        ? returnedType(r, file, caller, t.slice(2), c.line)
        : t;
  return { ...c, argTypes: splitTop(c.argTypes, ',').map(value).join(',') };
}

/** The declared type of a variable of the caller or a method around it: undefined when none declares it. */
function variableType(caller: FnSym | undefined, name: string, parent: Parent, line: number) {
  for (let f = caller; f; f = parent(f))
    if (Object.hasOwn(f.ir.locals, name)) return argText(localAt(f.ir.locals, name, line));
  return undefined;
}

function constantType(
  r: Context,
  file: FileEntry,
  caller: FnSym | undefined,
  cls: ClassSym | undefined,
  path: string,
  parent: Parent,
): string {
  const dot = path.lastIndexOf('.');
  if (dot < 0) {
    const local = variableType(caller, path, parent, 0);
    if (local !== undefined) return local;
    const t = cls && visibleField(r.scope, r.hierarchy, cls, path);
    return t ? certainType(r, t.file, t.type, t.owner) : '?';
  }
  const owner = path.slice(0, dot);
  // `this.x` in a named class: its own or inherited field (an anonymous class's `this` is not cls)
  if (owner === 'this') {
    const t = cls && !caller?.ir.anonymousBase && r.hierarchy.fieldType(cls, path.slice(dot + 1));
    return t ? certainType(r, t.file, t.type, t.owner) : '?';
  }
  // `Type.NAME` where Type is a variable's name: a field of its value, not known here
  if (
    variableType(caller, owner, parent, 0) !== undefined ||
    (cls && visibleField(r.scope, r.hierarchy, cls, owner))
  )
    return '?';
  const k = r.classIn(file, owner, cls);
  const t = k && r.hierarchy.fieldType(k, path.slice(dot + 1));
  return t ? certainType(r, t.file, t.type, t.owner) : '?';
}

function returnedType(
  r: Context,
  file: FileEntry,
  caller: FnSym | undefined,
  expr: string,
  line: number,
): string {
  const hash = expr.lastIndexOf('#');
  const callee = expr.slice(0, hash);
  const dot = callee.lastIndexOf('.');
  const call: CallIR = {
    name: callee.slice(dot + 1),
    form: 'call',
    line,
    argc: Number(expr.slice(hash + 1)),
  };
  if (dot >= 0) call.receiver = callee.slice(0, dot);
  const t = r.resolve(file, caller, call);
  const fn = t?.sym.type === 'function' ? t.sym : undefined;
  const ret = fn?.ir.returnType;
  return fn && ret ? certainType(r, fn.file, ret, fn.cls) : '?';
}

/**
 * A type declared in `file` (in class `owner`), named so that it means the same from the caller's
 * file: a primitive or java.lang's class as written, a project class by its FQN (`KeyVal` declared in
 * `HttpConnection` is no `Connection.KeyVal`), an imported one as imported; with type arguments as
 * written. Unknown (`?`) for anything else: a type variable (`<T> T track(T)`) is no class.
 */
function certainType(r: Context, file: FileEntry, type: string, owner: ClassSym | undefined): string {
  if (type.includes('<')) return type;
  const key = typeKey(type);
  const base = key?.replace(/\[\]$/, '');
  if (!key || !base) return '?';
  if (PRIMITIVES.has(base) || JDK_CLASSES.has(base)) return key;
  const k = r.classIn(file, base, owner);
  if (k) return key.replace(base, k.ir.fqn);
  const name = qualify(base, file);
  return name.includes('.') ? key.replace(base, name) : '?';
}
