import { moduleId, routeId } from '../ids.js';
import type { CallIR, ImportIR } from '../ir.js';
import { CONFIDENCE } from '../resolve/call-target.js';
import { CallResolver } from '../resolve/calls.js';
import { unpackCalls } from '../resolve/packed-calls.js';
import type { Scope } from '../resolve/scope.js';
import type { FileEntry, FnSym } from '../resolve/symbols.js';
import { eventLoopPauser } from './event-loop.js';
import type { GraphSink } from './sink.js';

/** Counts of what linking produced. */
export interface LinkStats {
  calls: number;
  resolvedCalls: number;
  unresolvedCalls: number;
  edges: number;
  nodes: number;
}

interface Edge {
  from: string;
  fromLabel: 'Function' | 'File';
  to: string;
  toLabel: 'Function' | 'Class';
  lines: number[];
  confidence: number;
  resolution: string;
}

/**
 * Resolves every file's imports, inheritance, calls and route handlers against
 * the repository-wide tables, and writes IMPORTS, INHERITS, IMPLEMENTS, CALLS
 * and HANDLED_BY edges plus each function's unresolved calls.
 */
export async function linkRepository(
  w: GraphSink,
  repo: string,
  scope: Scope,
  files: Iterable<FileEntry>,
  signal?: AbortSignal,
): Promise<LinkStats> {
  const stats: LinkStats = { calls: 0, resolvedCalls: 0, unresolvedCalls: 0, edges: 0, nodes: 0 };
  const resolver = new CallResolver(scope);
  const modulesWritten = new Set<string>();
  const pause = eventLoopPauser();
  for (const file of files) {
    if (signal?.aborted) break;
    const paused = pause();
    if (paused) await paused;
    await linkImports(w, repo, scope, file, modulesWritten, stats);
    for (const c of file.classes) {
      for (const s of resolver.hierarchy.supers(c)) {
        const implementsIt =
          c.ir.implements.some((n) => n.endsWith(s.ir.name)) &&
          !c.ir.bases.some((n) => n.endsWith(s.ir.name));
        const mixin =
          c.ir.mixins.some((n) => n.endsWith(s.ir.name)) && !c.ir.bases.some((n) => n.endsWith(s.ir.name));
        const type = mixin
          ? 'INCLUDES'
          : implementsIt || (s.ir.kind === 'interface' && c.ir.kind !== 'interface')
            ? 'IMPLEMENTS'
            : 'INHERITS';
        await w.rel(type, 'Class', 'Class', { from: c.id, to: s.id });
        stats.edges++;
      }
    }
    const edges = new Map<string, Edge>();
    const unresolved = new Map<FnSym, Set<string>>();
    for (const call of file.calls ? unpackCalls(file.calls) : file.ir.calls) {
      stats.calls++;
      const caller = call.caller === undefined ? undefined : file.functions[call.caller];
      const target = resolver.resolve(file, caller, call);
      if (!target) {
        stats.unresolvedCalls++;
        if (caller) {
          const set = unresolved.get(caller) ?? new Set<string>();
          if (set.size < 100) set.add(describe(call));
          unresolved.set(caller, set);
        }
        continue;
      }
      stats.resolvedCalls++;
      const from = caller?.id ?? file.id;
      const key = `${from}\u0000${target.sym.id}`;
      const e = edges.get(key);
      if (e) {
        if (!e.lines.includes(call.line)) e.lines.push(call.line);
        continue;
      }
      edges.set(key, {
        from,
        fromLabel: caller ? 'Function' : 'File',
        to: target.sym.id,
        toLabel: target.sym.type === 'class' ? 'Class' : 'Function',
        lines: [call.line],
        confidence: CONFIDENCE[target.resolution],
        resolution: target.resolution,
      });
    }
    for (const e of edges.values()) {
      e.lines.sort((a, b) => a - b);
      await w.rel('CALLS', e.fromLabel, e.toLabel, {
        from: e.from,
        to: e.to,
        properties: {
          line_number: e.lines[0],
          lines: e.lines,
          confidence: e.confidence,
          resolution: e.resolution,
          static: true,
        },
      });
      stats.edges++;
    }
    for (const [fn, names] of unresolved) {
      await w.node('Function', { id: fn.id, unresolved: [...names].join('\n') });
    }
    for (const r of file.ir.routes) {
      const handler = routeHandler(resolver, scope, file, r.handlerFqn, r.handler);
      if (!handler) continue;
      await w.rel('HANDLED_BY', 'Route', 'Function', {
        from: routeId(repo, file.rel, r.method, r.path),
        to: handler.id,
      });
      stats.edges++;
    }
    // Calls are the bulk of what is kept; they are not needed once linked.
    file.ir.calls = [];
    file.calls = undefined;
  }
  return stats;
}

function describe(c: CallIR): string {
  // One line each: a receiver written over several lines is joined with spaces.
  const receiver = c.receiver?.replace(/\s+/g, ' ');
  return receiver
    ? `${receiver}${receiver.includes('\\') || c.form === 'static' ? '::' : '.'}${c.name}`
    : c.name;
}

function routeHandler(
  resolver: CallResolver,
  scope: Scope,
  file: FileEntry,
  fqn: string | undefined,
  handler: string | undefined,
): FnSym | undefined {
  if (fqn) return scope.table.fnsByFqn.get(fqn)?.find((f) => f.file === file);
  if (!handler) return undefined;
  const m = /^(.*?)(?:::|@|\.|->)(\w+)$/.exec(handler);
  const call: CallIR = m
    ? { name: m[2]!, receiver: m[1]!, form: 'static', line: 0 }
    : { name: handler, form: 'call', line: 0 };
  const t = resolver.resolve(file, undefined, call);
  if (t?.sym.type === 'function') return t.sym;
  if (m) {
    const cls = scope.classNamed(file, m[1]!);
    return cls ? resolver.hierarchy.findMethod(cls, m[2]!)?.fn : undefined;
  }
  return undefined;
}

async function linkImports(
  w: GraphSink,
  repo: string,
  scope: Scope,
  file: FileEntry,
  modulesWritten: Set<string>,
  stats: LinkStats,
): Promise<void> {
  // One edge per imported file or module (the first import of it): a pair is never written twice.
  const seen = new Set<string>();
  for (const imp of file.ir.imports) {
    if (imp.kind === 'static') continue; // Java's `import static` names a class's members, not a module
    const target = importTarget(scope, file, imp);
    // Same property set on every row: the store batches rows by shape.
    const props = { line_number: imp.line, alias: imp.alias ?? null, imported_name: imp.name ?? null };
    if (target && target !== file) {
      if (seen.has(target.id)) continue;
      seen.add(target.id);
      await w.rel('IMPORTS', 'File', 'File', { from: file.id, to: target.id, properties: props });
    } else if (!target) {
      const id = moduleId(repo, file.spec.id, imp.source);
      if (seen.has(id)) continue;
      seen.add(id);
      if (!modulesWritten.has(id)) {
        modulesWritten.add(id);
        await w.node('Module', {
          id,
          repo,
          name: imp.source,
          full_name: imp.name ? `${imp.source}.${imp.name}` : imp.source,
          lang: file.spec.id,
        });
        stats.nodes++;
      }
      await w.rel('IMPORTS', 'File', 'Module', { from: file.id, to: id, properties: props });
    } else continue;
    stats.edges++;
  }
}

function importTarget(scope: Scope, file: FileEntry, imp: ImportIR): FileEntry | undefined {
  const lang = file.spec.id;
  if (lang === 'javascript' || lang === 'typescript' || lang === 'tsx') return scope.jsFile(file, imp.source);
  if (lang === 'c' || lang === 'cpp') return scope.includeFile(file, imp.source);
  if (lang === 'ruby')
    return scope.includeFile(file, imp.source.endsWith('.rb') ? imp.source : `${imp.source}.rb`);
  const t = scope.resolveImport(file, { ...imp, kind: 'import' });
  if (!t) return undefined;
  return t.kind === 'module' ? t.files[0] : t.syms[0]?.file;
}
