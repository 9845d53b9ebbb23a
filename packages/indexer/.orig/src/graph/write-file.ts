import { dirId, paramId, routeId } from '../ids.js';
import type { FileEntry } from '../resolve/symbols.js';
import type { GraphSink } from './sink.js';

/** What the per-file writer needs about the repository. */
export interface RepoInfo {
  readonly id: string;
  readonly root: string;
  readonly isDependency: boolean;
}

/** Writes directories (once each) and the CONTAINS chain from the repository down to a file. */
export async function writeDirectories(
  w: GraphSink,
  repo: RepoInfo,
  rel: string,
  written: Set<string>,
): Promise<string> {
  const parts = rel.split('/').slice(0, -1);
  let parent = repo.id;
  let parentLabel = 'Repository';
  for (let i = 0; i < parts.length; i++) {
    const dirRel = parts.slice(0, i + 1).join('/');
    const id = dirId(repo.id, dirRel);
    if (!written.has(id)) {
      written.add(id);
      await w.node('Directory', {
        id,
        repo: repo.id,
        name: parts[i]!,
        path: `${repo.root}/${dirRel}`,
        relative_path: dirRel,
      });
      await w.rel('CONTAINS', parentLabel, 'Directory', { from: parent, to: id });
    }
    parent = id;
    parentLabel = 'Directory';
  }
  return parent;
}

/** Writes one file's nodes (File, Class, Function, Parameter, Route) and their CONTAINS/HAS_PARAMETER edges. */
export async function writeFileNodes(
  w: GraphSink,
  repo: RepoInfo,
  entry: FileEntry,
  meta: { hash: string; size: number; parent: string },
): Promise<number> {
  const { ir } = entry;
  const abs = `${repo.root}/${ir.path}`;
  const scope = { repo: repo.id, file: entry.id };
  const located = { ...scope, path: abs, lang: ir.lang };
  let count = 1;
  await w.node('File', {
    id: entry.id,
    ...scope,
    name: ir.path.split('/').pop()!,
    path: abs,
    relative_path: ir.path,
    lang: ir.lang,
    hash: meta.hash,
    lines: ir.lines,
    size: meta.size,
    is_dependency: repo.isDependency,
    parse_errors: ir.errors.length,
  });
  await w.rel('CONTAINS', meta.parent === repo.id ? 'Repository' : 'Directory', 'File', {
    from: meta.parent,
    to: entry.id,
  });
  const classIds = new Map<string, string>();
  const fnIds = new Map<string, string>();
  const all = { classes: entry.classes, fns: entry.functions };
  for (const c of all.classes) if (!classIds.has(c.ir.fqn)) classIds.set(c.ir.fqn, c.id);
  for (const c of all.classes) {
    count++;
    await w.node('Class', {
      id: c.id,
      ...located,
      name: c.ir.name,
      line_number: c.ir.line,
      end_line: c.ir.endLine,
      fqn: c.ir.fqn,
      kind: c.ir.kind,
      bases: [...c.ir.bases, ...c.ir.implements],
      decorators: c.ir.decorators,
      docstring: c.ir.docstring ?? null,
      source: c.ir.source ?? null,
      is_dependency: repo.isDependency,
    });
    const parent = c.ir.parent ? classIds.get(c.ir.parent) : undefined;
    await w.rel('CONTAINS', parent ? 'Class' : 'File', 'Class', { from: parent ?? entry.id, to: c.id });
  }
  for (const f of all.fns) if (!fnIds.has(f.ir.fqn)) fnIds.set(f.ir.fqn, f.id);
  for (const f of all.fns) {
    count++;
    await w.node('Function', {
      id: f.id,
      ...located,
      name: f.ir.name,
      line_number: f.ir.line,
      end_line: f.ir.endLine,
      fqn: f.ir.fqn,
      kind: f.ir.kind,
      args: f.ir.params.map((p) => p.name),
      decorators: f.ir.decorators,
      docstring: f.ir.docstring ?? null,
      source: f.ir.source ?? null,
      cyclomatic_complexity: f.ir.complexity,
      class_context: f.cls?.ir.name ?? f.ir.classFqn?.split(/::|\.|\\/).pop() ?? null,
      context: f.ir.parentFqn ?? f.ir.classFqn ?? null,
      visibility: f.ir.visibility ?? null,
      is_static: f.ir.isStatic,
      exported: f.ir.exported ?? null,
      is_dependency: repo.isDependency,
    });
    const outer = f.ir.parentFqn ? fnIds.get(f.ir.parentFqn) : undefined;
    if (f.cls) await w.rel('CONTAINS', 'Class', 'Function', { from: f.cls.id, to: f.id });
    else if (outer) await w.rel('CONTAINS', 'Function', 'Function', { from: outer, to: f.id });
    else await w.rel('CONTAINS', 'File', 'Function', { from: entry.id, to: f.id });
    for (let i = 0; i < f.ir.params.length; i++) {
      const p = f.ir.params[i]!;
      const pid = paramId(f.id, p.name, i);
      count++;
      await w.node('Parameter', {
        id: pid,
        ...scope,
        name: p.name,
        type: p.type ?? null,
        position: i,
        function_id: f.id,
      });
      await w.rel('HAS_PARAMETER', 'Function', 'Parameter', { from: f.id, to: pid });
    }
  }
  for (const r of ir.routes) {
    count++;
    const id = routeId(repo.id, ir.path, r.method, r.path);
    await w.node('Route', {
      id,
      ...scope,
      method: r.method,
      path: r.path,
      framework: r.framework,
      line_number: r.line,
      handler: r.handler ?? r.handlerFqn ?? null,
    });
    await w.rel('CONTAINS', 'File', 'Route', { from: entry.id, to: id });
  }
  return count;
}
