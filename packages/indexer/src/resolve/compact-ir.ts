import type { FileIR } from '../ir.js';

/** Returns one shared copy of a string. */
export type Intern = (s: string) => string;

/** An interner backed by a map (one per index run: it lives as long as the symbol table). */
export function createIntern(): Intern {
  const strings = new Map<string, string>();
  return (s) => {
    const hit = strings.get(s);
    if (hit !== undefined) return hit;
    strings.set(s, s);
    return s;
  };
}

const intern1 = (s: string | undefined, intern: Intern) => (s === undefined ? undefined : intern(s));

/**
 * Replaces the strings of a file's IR that repeat across a repository (names, FQNs of
 * containers, types, import sources) by shared copies. Strings from a worker thread are
 * fresh copies each, and the symbol table keeps every file's IR until linking: on the
 * Linux kernel that is millions of duplicates (`struct device`, `dev`, `kfree`).
 */
export function internIr(ir: FileIR, intern: Intern): void {
  if (ir.module !== undefined) ir.module = intern(ir.module);
  for (const c of ir.classes) {
    c.name = intern(c.name);
    c.fqn = intern(c.fqn);
    c.bases = c.bases.map(intern);
    c.implements = c.implements.map(intern);
    if (c.parent !== undefined) c.parent = intern(c.parent);
    for (const k of Object.keys(c.fields)) c.fields[k] = intern(c.fields[k]!);
  }
  for (const f of ir.functions) {
    f.name = intern(f.name);
    f.fqn = intern(f.fqn);
    if (f.classFqn !== undefined) f.classFqn = intern(f.classFqn);
    if (f.parentFqn !== undefined) f.parentFqn = intern(f.parentFqn);
    if (f.returnType !== undefined) f.returnType = intern(f.returnType);
    if (f.signature !== undefined) f.signature = intern(f.signature);
    if (f.visibility !== undefined) f.visibility = intern(f.visibility);
    f.params = f.params.map((p) =>
      p.type === undefined ? { name: intern(p.name) } : { name: intern(p.name), type: intern(p.type) },
    );
    for (const k of Object.keys(f.locals)) f.locals[k] = intern(f.locals[k]!);
  }
  for (const i of ir.imports) {
    i.source = intern(i.source);
    const name = intern1(i.name, intern);
    const alias = intern1(i.alias, intern);
    if (name !== undefined) i.name = name;
    if (alias !== undefined) i.alias = alias;
  }
}
