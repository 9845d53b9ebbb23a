import type { ComplexityHit } from './complexity.js';
import type { DeadCodeResult } from './dead-code.js';
import type { FindHit } from './find-code.js';
import type { ClassHierarchy, Override } from './hierarchy.js';
import type { ImportEdge, ModuleDepsResult } from './imports.js';
import type { ChainResult } from './relationships.js';
import type { ArgumentHit, DecoratorHit } from './symbols.js';
import { formatTable, location } from './table.js';
import type { CallEdge, CodeRef, TransitiveHit } from './types.js';
import type { VariableSite } from './variables.js';

const nameOf = (r: CodeRef) => r.fqn ?? r.name;

/** Text for one list of results, or a "nothing found" line. */
function list<T>(rows: readonly T[], table: (rows: readonly T[]) => string, truncated = false): string {
  if (rows.length === 0) return '(no results)';
  const more = truncated ? `\n(more results exist: raise --limit)` : '';
  return `${table(rows)}${more}`;
}

/** Text for the targets a name resolved to, when it was ambiguous. */
export function targetsNote(targets: readonly CodeRef[]): string {
  if (targets.length <= 1) return '';
  return `"${targets[0]!.name}" matched ${targets.length} symbols (narrow with --file or --repo):\n${targets
    .map((t) => `  ${nameOf(t)}  ${location(t)}`)
    .join('\n')}\n`;
}

/** Renders the answer of a query type as text. */
export function renderResult(kind: string, value: unknown): string {
  const v = value as { results?: unknown[]; truncated?: boolean; targets?: CodeRef[] };
  const note = v.targets ? targetsNote(v.targets) : '';
  const rows = v.results ?? [];
  const cut = v.truncated === true;
  switch (kind) {
    case 'find_callers':
    case 'find_callees': {
      const other = (e: CallEdge) => (kind === 'find_callers' ? e.caller : e.callee);
      return (
        note +
        list(
          rows as CallEdge[],
          (r) =>
            formatTable(r, [
              { header: kind === 'find_callers' ? 'caller' : 'callee', value: (e) => nameOf(other(e)) },
              { header: 'kind', value: (e) => other(e).kind ?? other(e).label.toLowerCase() },
              { header: 'call site', value: (e) => `${e.caller.path ?? ''}:${e.lines.join(',')}` },
              { header: 'defined at', value: (e) => location(other(e)) },
            ]),
          cut,
        )
      );
    }
    case 'find_all_callers':
    case 'find_all_callees':
      return (
        note +
        list(
          rows as TransitiveHit[],
          (r) =>
            formatTable(r, [
              { header: 'depth', value: (h) => h.depth, right: true },
              { header: 'name', value: (h) => nameOf(h.ref) },
              { header: 'location', value: (h) => location(h.ref) },
            ]),
          cut,
        )
      );
    case 'call_chain': {
      const c = value as ChainResult;
      if (c.results.length === 0) return '(no call chain within the depth)';
      return c.results
        .map(
          (chain, i) =>
            `#${i + 1} (${chain.length} call${chain.length === 1 ? '' : 's'})\n${chain.nodes
              .map(
                (n, j) =>
                  `  ${j === 0 ? '' : `-> [line ${chain.calls[j - 1]?.lines.join(',') ?? '?'}] `}${nameOf(n)}  ${location(n)}`,
              )
              .join('\n')}`,
        )
        .join('\n');
    }
    case 'find_importers':
      return note + list(rows as ImportEdge[], importTable, cut);
    case 'module_deps': {
      const m = value as ModuleDepsResult;
      const co = m.coImported.map((c) => `${nameOf(c.module)} (${c.files})`).join(', ');
      return [
        `imported by:\n${list(m.importedBy, importTable)}`,
        `imports:\n${list(m.imports, importTable)}`,
        `imported together with: ${co || '(none)'}`,
      ].join('\n\n');
    }
    case 'who_modifies':
    case 'variable_scope':
      return list(
        rows as VariableSite[],
        (r) =>
          formatTable(r, [
            { header: 'variable', value: (s) => s.variable.name },
            { header: 'scope', value: (s) => s.scope },
            { header: 'in', value: (s) => nameOf(s.container) },
            { header: 'value', value: (s) => s.value },
            { header: 'location', value: (s) => location(s.variable) },
          ]),
        cut,
      );
    case 'class_hierarchy':
      return (
        note +
        (rows as ClassHierarchy[])
          .map((h) =>
            [
              `${nameOf(h.class)}  ${location(h.class)}`,
              `  parents:  ${h.parents.map((p) => `${nameOf(p.ref)} (${p.relation}, ${p.depth})`).join(', ') || '(none)'}`,
              `  children: ${h.children.map((p) => `${nameOf(p.ref)} (${p.relation}, ${p.depth})`).join(', ') || '(none)'}`,
              `  methods:  ${h.methods.map((m) => m.name).join(', ') || '(none)'}`,
            ].join('\n'),
          )
          .join('\n\n')
      );
    case 'overrides':
      return (
        note +
        list(
          rows as Override[],
          (r) =>
            formatTable(r, [
              { header: 'method', value: (o) => nameOf(o.method) },
              { header: 'overrides', value: (o) => nameOf(o.base) },
              { header: 'via', value: (o) => o.relation },
              { header: 'location', value: (o) => location(o.method) },
            ]),
          cut,
        )
      );
    case 'dead_code': {
      const d = value as DeadCodeResult;
      const ex = Object.entries(d.excluded)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      return `${list(
        d.results,
        (r) =>
          formatTable(r, [
            { header: 'function', value: (h) => nameOf(h.function) },
            { header: 'why suspected', value: (h) => h.explanation },
            { header: 'location', value: (h) => location(h.function) },
          ]),
        cut,
      )}\n(left out as used in other ways: ${ex || 'none'})`;
    }
    case 'find_complexity':
      return (
        note +
        list(
          rows as ComplexityHit[],
          (r) =>
            formatTable(r, [
              { header: 'complexity', value: (h) => h.complexity, right: true },
              { header: 'function', value: (h) => nameOf(h.function) },
              { header: 'location', value: (h) => location(h.function) },
            ]),
          cut,
        )
      );
    case 'find_functions_by_argument':
      return list(
        rows as ArgumentHit[],
        (r) =>
          formatTable(r, [
            { header: 'function', value: (h) => nameOf(h.function) },
            { header: 'position', value: (h) => h.position, right: true },
            { header: 'type', value: (h) => h.type },
            { header: 'location', value: (h) => location(h.function) },
          ]),
        cut,
      );
    case 'find_functions_by_decorator':
      return list(
        rows as DecoratorHit[],
        (r) =>
          formatTable(r, [
            { header: 'function', value: (h) => nameOf(h.function) },
            { header: 'decorators', value: (h) => h.decorators.join(' ') },
            { header: 'location', value: (h) => location(h.function) },
          ]),
        cut,
      );
    case 'find':
      return list(
        rows as FindHit[],
        (r) =>
          formatTable(r, [
            { header: 'score', value: (h) => h.score.toFixed(2), right: true },
            { header: 'match', value: (h) => `${h.match} (${h.field})` },
            { header: 'type', value: (h) => h.ref.kind ?? h.ref.label.toLowerCase() },
            { header: 'name', value: (h) => nameOf(h.ref) },
            { header: 'location', value: (h) => location(h.ref) },
          ]),
        cut,
      );
    default:
      return JSON.stringify(value, null, 2);
  }
}

function importTable(rows: readonly ImportEdge[]): string {
  return formatTable(rows, [
    { header: 'file', value: (e) => e.importer.path },
    { header: 'line', value: (e) => e.line, right: true },
    {
      header: 'imports',
      value: (e) => (e.importedName ? `${nameOf(e.imported)}: ${e.importedName}` : nameOf(e.imported)),
    },
    { header: 'as', value: (e) => e.alias },
  ]);
}
