import type { ImportIR } from '../ir.js';
import type { Scope, Target } from './scope.js';
import type { FileEntry, Sym } from './symbols.js';

/**
 * What a Rust `use` names: an item or a module of the crate, the path read from `crate`, `self`,
 * `super` or (since Rust 2018) a child module of the file's own.
 */
export function rustImport(scope: Scope, file: FileEntry, imp: ImportIR, depth: number): Target | undefined {
  const here = (imp.module ?? file.ir.module ?? '').split('::').filter(Boolean);
  const parts = imp.source.split('::').filter(Boolean);
  let path: string[];
  if (parts[0] === 'crate') path = parts.slice(1);
  else if (parts[0] === 'self') path = [...here, ...parts.slice(1)];
  else if (parts[0] === 'super') path = [...here.slice(0, -1), ...parts.slice(1)];
  else {
    const t = here.length
      ? rustImport(scope, file, { ...imp, source: `self::${imp.source}` }, depth)
      : undefined;
    if (t) return t;
    path = parts;
  }
  const table = scope.table;
  const mod = path.join('::');
  if (!imp.name || imp.name === '*') {
    const m = table.modules.get(`rust:${mod}`);
    return m ? { kind: 'module', files: [m], via: 'import' } : undefined;
  }
  const fqn = mod ? `${mod}::${imp.name}` : imp.name;
  const syms: Sym[] = [...(table.classesByFqn.get(fqn) ?? []), ...(table.fnsByFqn.get(fqn) ?? [])];
  if (syms.length) return { kind: 'syms', syms, via: 'import' };
  const m = table.modules.get(`rust:${fqn}`);
  if (m) return { kind: 'module', files: [m], via: 'import' };
  // `use crate::IndexMap` where the crate root says `pub use crate::map::IndexMap;`: what that
  // module's own `use` brings in (its descendant modules see even a private one).
  const owner = mod ? table.modules.get(`rust:${mod}`) : crateRoot(scope, file);
  const again =
    owner && owner !== file ? scope.bindings(owner).get(imp.name) : owner && fileUse(file, mod, imp);
  return again ? scope.resolveImport(owner!, again, depth + 1) : undefined;
}

/** The root (`src/lib.rs`, else `src/main.rs`) of the crate a file is in (see the module path it is given). */
export function crateRoot(scope: Scope, file: FileEntry): FileEntry | undefined {
  const at = file.rel.lastIndexOf('/src/');
  const src = at >= 0 ? file.rel.slice(0, at + 5) : 'src/';
  return scope.table.files.get(`${src}lib.rs`) ?? scope.table.files.get(`${src}main.rs`);
}

/** `use super::HashMap` in a file's inline module: the `use` of that name in the file's module `mod` itself. */
function fileUse(file: FileEntry, mod: string, imp: ImportIR): ImportIR | undefined {
  return file.ir.imports.find(
    (i) =>
      i !== imp &&
      i.fn === undefined &&
      i.name !== '*' &&
      (i.alias ?? i.name) === imp.name &&
      (i.module ?? file.ir.module ?? '') === mod,
  );
}
