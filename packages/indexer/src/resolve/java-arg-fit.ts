import { splitTop, typeKey } from '../extract/helpers.js';
import type { FileIR } from '../ir.js';
import type { FileEntry } from './symbols.js';

/** How an argument fits a parameter: 2 exact, 1 maybe, 0 not. */
export type Fit = 0 | 1 | 2;

// Classes a parameter's type argument can name without being a type variable that takes anything.
export const JDK_CLASSES: ReadonlySet<string> = new Set([
  'Object',
  'String',
  'CharSequence',
  'Class',
  'Boolean',
  'Byte',
  'Character',
  'Short',
  'Integer',
  'Long',
  'Float',
  'Double',
  'Number',
  'Void',
]);

/** What a Java file imports: classes by simple name (`import java.util.List;`), and whole packages (`import java.io.*;`). */
interface Imports {
  readonly named: Map<string, string>;
  readonly packages: readonly string[];
}

const imported = new WeakMap<FileIR, Imports>();

function importsOf(ir: FileIR): Imports {
  let found = imported.get(ir);
  if (!found) {
    const named = new Map<string, string>();
    const packages: string[] = [];
    for (const i of ir.imports) {
      if (i.kind !== 'import') continue;
      if (i.name === '*') packages.push(i.source);
      else named.set(i.source.slice(i.source.lastIndexOf('.') + 1), i.source);
    }
    found = { named, packages };
    imported.set(ir, found);
  }
  return found;
}

const simple = (name: string) => name.slice(name.lastIndexOf('.') + 1);

/** The class a Java type's base name means in `file` when its imports say (else the name as written). */
export function qualify(base: string, file: FileEntry | undefined): string {
  if (base.includes('.') || !file) return base;
  return importsOf(file.ir).named.get(base) ?? base;
}

/** The type arguments written in a type (`Map<K, List<V>>` → `K`, `List<V>`); none for a raw type or `<>`. */
function typeArgs(t: string): string[] {
  const open = t.indexOf('<');
  const close = t.lastIndexOf('>');
  if (open < 0 || close < open) return [];
  const inner = t.slice(open + 1, close).trim();
  return inner ? splitTop(inner, ',').map((a) => a.trim()) : [];
}

/**
 * Whether a parameter's type argument is certainly a class, not a type variable of the method or
 * its class (`<T> f(List<T>)` takes any list): it has type arguments itself, is qualified, imported
 * by name, or one of java.lang's common classes.
 */
function certainClass(arg: string, file: FileEntry): boolean {
  const base = typeKey(arg)?.replace(/\[\]$/, '');
  if (!base) return false;
  return (
    arg.includes('<') || base.includes('.') || JDK_CLASSES.has(base) || importsOf(file.ir).named.has(base)
  );
}

/**
 * How type arguments fit those of a parameter of the same class. Only a parameter's argument that is
 * certainly a class decides: a type argument is invariant, so a wildcard's capture or another class
 * is never it (`List<? extends Spec<?>>` is no `List<String>`); a wildcard or a type variable of the
 * parameter leaves the match as exact as the class's.
 */
function typeArgsFit(arg: string, param: string, to: FileEntry): Fit {
  const as = typeArgs(arg);
  const ps = typeArgs(param);
  // a raw type or a diamond converts (unchecked)
  if (as.length === 0 || ps.length === 0 || as.length !== ps.length) return 2;
  let fit: Fit = 2;
  for (let i = 0; i < ps.length; i++) {
    const a = as[i]!;
    const p = ps[i]!;
    if (a === p || p.startsWith('?') || !certainClass(p, to)) continue;
    if (a.startsWith('?') || simple(typeKey(a) ?? a) !== simple(typeKey(p) ?? p)) return 0;
    fit = 1; // the same class through other names, or other type arguments of its own
  }
  return fit;
}

const declared = new WeakMap<FileEntry, ReadonlySet<string>>();

/** The FQNs of the classes a file declares. */
function declaredIn(file: FileEntry): ReadonlySet<string> {
  let found = declared.get(file);
  if (!found) {
    found = new Set(file.classes.map((k) => k.ir.fqn));
    declared.set(file, found);
  }
  return found;
}

/**
 * Whether two names of one simple name, one qualified by its file's imports and the other not, are
 * one class: the unqualified name is its file's package's class of that name, or one of a package
 * that file imports whole (unless its own package declares one: not known here, and rare).
 */
function sameClass(aq: string, pq: string, from: FileEntry | undefined, to: FileEntry): boolean {
  if (aq.includes('.') === pq.includes('.')) return false;
  const [qualified, file] = aq.includes('.') ? [aq, to] : [pq, from];
  // a member class named simply in the file declaring it (`Outer.Mode` as `Mode`)
  if (file && declaredIn(file).has(qualified)) return true;
  const pkg = qualified.slice(0, qualified.lastIndexOf('.'));
  return !!file && (file.ir.module === pkg || importsOf(file.ir).packages.includes(pkg));
}

/**
 * How a Java argument of declared type `arg` (as written in the caller's file `from`) fits a
 * parameter declared `param` in `to`, when both name a class of one simple name: the same class
 * as each file's imports resolve it (javapoet's `TypeVariable`, `java.lang.reflect`'s in one file
 * and `javax.lang.model`'s in the other, is two classes), then its type arguments. Undefined when
 * the names differ: the class hierarchy's question, not this one's.
 */
export function javaArgFit(
  arg: string,
  param: string,
  from: FileEntry | undefined,
  to: FileEntry,
): Fit | undefined {
  const a = typeKey(arg);
  const p = typeKey(param);
  if (!a || !p || a.endsWith('[]') !== p.endsWith('[]')) return undefined;
  const aq = qualify(a.replace(/\[\]$/, ''), from);
  const pq = qualify(p.replace(/\[\]$/, ''), to);
  if (simple(aq) !== simple(pq)) return undefined;
  if (aq !== pq && !sameClass(aq, pq, from, to)) return 1;
  return a.endsWith('[]') ? 2 : typeArgsFit(arg, param, to);
}
