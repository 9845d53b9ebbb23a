import type { ClassIR, FileIR, FunctionIR, ImportIR, ParamIR } from '../ir.js';

/** Shared copies of what repeats across a repository's IR (one per index run: it lives as long as the symbol table). */
export interface Intern {
  /** One shared copy of a string. */
  readonly string: (s: string) => string;
  /** One shared, frozen copy of a parameter list (`(struct device *dev)` is the list of thousands of functions). */
  readonly params: (params: readonly ParamIR[]) => ParamIR[];
  /**
   * One shared copy of a name → type map (`{ ret: 'int' }` is the locals of thousands of C functions).
   * Each distinct set of keys would otherwise also cost V8 a hidden class of its own.
   */
  readonly types: (map: Record<string, string>) => Record<string, string>;
}

// Shared by every empty list and map: nothing writes to an IR once it is interned.
const NO_STRINGS: string[] = Object.freeze([]) as unknown as string[];
const NO_PARAMS: ParamIR[] = Object.freeze([]) as unknown as ParamIR[];
const NO_TYPES: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** A new interner. */
export function createIntern(): Intern {
  const strings = new Map<string, string>();
  const lists = new Map<string, ParamIR[]>();
  const singles = new Map<string, ParamIR>();
  const maps = new Map<string, Record<string, string>>();
  const string = (s: string) => {
    const hit = strings.get(s);
    if (hit !== undefined) return hit;
    strings.set(s, s);
    return s;
  };
  const params = (ps: readonly ParamIR[]) => {
    if (ps.length === 0) return NO_PARAMS;
    let key = '';
    for (const p of ps)
      key += `${p.name}\u0001${p.type ?? '\u0002'}${p.variadic ? '\u0003' : ''}${p.optional ? '\u0004' : ''}\u0000`;
    const hit = lists.get(key);
    if (hit) return hit;
    const list = Object.freeze(
      ps.map((p) => {
        const one = `${p.name}\u0001${p.type ?? '\u0002'}${p.variadic ? '\u0003' : ''}${p.optional ? '\u0004' : ''}`;
        let shared = singles.get(one);
        if (!shared) {
          shared = Object.freeze({
            name: string(p.name),
            ...(p.type === undefined ? {} : { type: string(p.type) }),
            ...(p.variadic ? { variadic: true } : {}),
            ...(p.optional ? { optional: true } : {}),
          });
          singles.set(one, shared);
        }
        return shared;
      }),
    ) as ParamIR[];
    lists.set(key, list);
    return list;
  };
  const types = (map: Record<string, string>) => {
    let key = '';
    for (const k in map) key += `${k}\u0001${map[k]}\u0000`;
    if (key === '') return NO_TYPES;
    const hit = maps.get(key);
    if (hit) return hit;
    // A dictionary (V8 keeps an object without a prototype in dictionary mode): a plain object would
    // cost a hidden class per distinct set of names, and the transitions that lead to it.
    const dict = Object.create(null) as Record<string, string>;
    for (const k in map) dict[k] = string(map[k]!);
    maps.set(key, dict);
    return dict;
  };
  return { string, params, types };
}

const strings = (list: string[], intern: Intern) => (list.length ? list.map(intern.string) : NO_STRINGS);

/**
 * Replaces what repeats across a repository in a file's IR (names, FQNs of containers, kinds,
 * types, import sources, parameter lists, empty lists and maps) by shared copies. Strings from a
 * worker thread are fresh copies each (even `kind`: 190k copies of `function` on a tenth of the
 * kernel), and the symbol table keeps every file's IR until linking: on the Linux kernel that is
 * millions of duplicates (`struct device`, `dev`, `kfree`).
 */
export function internIr(ir: FileIR, intern: Intern): void {
  const s = intern.string;
  if (ir.module !== undefined) ir.module = s(ir.module);
  if (ir.globals !== undefined) ir.globals = intern.types(ir.globals);
  if (ir.starNames !== undefined) ir.starNames = strings(ir.starNames, intern);
  if (ir.usings !== undefined) ir.usings = strings(ir.usings, intern);
  if (ir.blockUsings !== undefined) ir.blockUsings = strings(ir.blockUsings, intern);
  for (const c of ir.classes) {
    c.name = s(c.name);
    c.fqn = s(c.fqn);
    c.kind = s(c.kind) as ClassIR['kind'];
    c.bases = strings(c.bases, intern);
    c.implements = strings(c.implements, intern);
    c.mixins = strings(c.mixins, intern);
    if (c.parent !== undefined) c.parent = s(c.parent);
    c.fields = intern.types(c.fields);
  }
  for (const f of ir.functions) {
    f.name = s(f.name);
    f.fqn = s(f.fqn);
    f.kind = s(f.kind) as FunctionIR['kind'];
    if (f.classFqn !== undefined) f.classFqn = s(f.classFqn);
    if (f.parentFqn !== undefined) f.parentFqn = s(f.parentFqn);
    if (f.returnType !== undefined) f.returnType = s(f.returnType);
    if (f.results !== undefined) f.results = strings(f.results, intern);
    if (f.anonymousBase !== undefined) f.anonymousBase = s(f.anonymousBase);
    if (f.traitImpl !== undefined) f.traitImpl = s(f.traitImpl);
    if (f.receiver !== undefined) f.receiver = s(f.receiver);
    if (f.signature !== undefined) f.signature = s(f.signature);
    if (f.visibility !== undefined) f.visibility = s(f.visibility);
    f.params = intern.params(f.params);
    f.locals = intern.types(f.locals);
  }
  for (const i of ir.imports) {
    i.source = s(i.source);
    i.kind = s(i.kind) as ImportIR['kind'];
    if (i.name !== undefined) i.name = s(i.name);
    if (i.alias !== undefined) i.alias = s(i.alias);
    if (i.module !== undefined) i.module = s(i.module);
  }
}
