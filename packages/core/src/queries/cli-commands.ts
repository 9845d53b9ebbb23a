import { CgcError } from '../errors.js';
import type { CommandSpec } from '../plugin.js';
import { analyzeCode } from './analyze.js';
import {
  COMMON_OPTIONS,
  intOption,
  listOption,
  printResult as out,
  paramsOption,
  scopeOf,
  strOption,
} from './cli-options.js';
import { renderResult } from './cli-render.js';
import { functionComplexity, mostComplexFunctions } from './complexity.js';
import { findDeadCode } from './dead-code.js';
import { findCode, type MatchKind, type SearchLabel } from './find-code.js';
import { runReadOnlyQuery } from './read-only.js';
import { formatTable } from './table.js';

const TYPES: Record<string, SearchLabel> = {
  function: 'Function',
  method: 'Function',
  class: 'Class',
  variable: 'Variable',
  module: 'Module',
  file: 'File',
};

/** `cgc find <text>`: ranked search by name and content. */
export const findCommand: CommandSpec = {
  name: 'find',
  description: 'Find code by name (exact, prefix, fuzzy) or content, ranked',
  args: [{ name: 'text', description: 'a name, FQN or text to look for', required: true }],
  options: [
    ...COMMON_OPTIONS,
    { flags: '--exact', description: 'exact name or FQN only' },
    { flags: '--prefix', description: 'names starting with the text' },
    { flags: '--fuzzy', description: 'names within a small edit distance' },
    { flags: '--content', description: 'docstrings and sources containing the text' },
    { flags: '-t, --type <types>', description: 'function, class, variable, module, file (comma-separated)' },
    { flags: '--edit-distance <n>', description: 'maximum edit distance of fuzzy matches (default 2)' },
  ],
  async run(args, options, ctx, io) {
    const modes = (['exact', 'prefix', 'fuzzy', 'content'] as const).filter((m) => options[m] === true);
    const labels = listOption(options.type).map((t) => {
      const l = TYPES[t.toLowerCase()];
      if (!l)
        throw new CgcError('INVALID_INPUT', `unknown --type "${t}" (use ${Object.keys(TYPES).join(', ')})`);
      return l;
    });
    const distance = options.editDistance === undefined ? undefined : Number(options.editDistance);
    const result = await findCode(await ctx.store(), String(args.text ?? ''), {
      ...scopeOf(options),
      ...(modes.length ? { modes: modes as MatchKind[] } : {}),
      ...(labels.length ? { labels } : {}),
      ...(distance === undefined ? {} : { editDistance: distance }),
    });
    return out(io, options, result, () => renderResult('find', result));
  },
};

/** `cgc analyze <type> <target> [to]`: the relationship queries. */
export const analyzeCommand: CommandSpec = {
  name: 'analyze',
  description: 'Relationships: callers, callees, all_callers, all_callees, chain, importers, deps, ...',
  args: [
    {
      name: 'type',
      description: 'query type (find_callers, calls, chain, tree, overrides, ...)',
      required: true,
    },
    { name: 'target', description: 'function, class, module or variable (name or FQN; "a->b" for chains)' },
    { name: 'to', description: 'destination of a call chain' },
  ],
  options: [
    ...COMMON_OPTIONS,
    { flags: '-f, --file <path>', description: 'file of the target, when the name is ambiguous' },
    { flags: '--to-file <path>', description: 'file of the call chain destination' },
    { flags: '-d, --depth <n>', description: 'maximum depth of transitive queries and chains' },
    {
      flags: '--exclude-decorator <names>',
      description: 'dead_code: decorators marking framework-invoked code',
    },
  ],
  async run(args, options, ctx, io) {
    const result = await analyzeCode(await ctx.store(), String(args.type ?? ''), String(args.target ?? ''), {
      ...scopeOf(options),
      file: strOption(options.file),
      toFile: strOption(options.toFile),
      to: strOption(args.to),
      depth: intOption(options.depth, '--depth'),
      excludeDecorators: listOption(options.excludeDecorator),
    });
    return out(io, options, result, () => renderResult(result.queryType, result.result));
  },
};

/** `cgc dead-code`: functions nothing calls, with the reason. */
export const deadCodeCommand: CommandSpec = {
  name: 'dead-code',
  description: 'Functions nothing calls (entry points, tests, framework and exported code left out)',
  options: [
    ...COMMON_OPTIONS,
    {
      flags: '-e, --exclude-decorator <names>',
      description: 'decorators marking framework-invoked code (comma-separated)',
    },
    { flags: '--include-exported', description: 'report exported functions too' },
  ],
  async run(_args, options, ctx, io) {
    const result = await findDeadCode(await ctx.store(), {
      ...scopeOf(options),
      excludeDecorators: listOption(options.excludeDecorator),
      includeExported: options.includeExported === true,
    });
    return out(io, options, result, () => renderResult('dead_code', result));
  },
};

/** `cgc complexity [function]`: one function's complexity, or the most complex. */
export const complexityCommand: CommandSpec = {
  name: 'complexity',
  description: 'Cyclomatic complexity of a function, or the most complex functions',
  args: [{ name: 'function', description: 'name or FQN (omit for the most complex)' }],
  options: [
    ...COMMON_OPTIONS,
    { flags: '-f, --file <path>', description: 'file of the function, when the name is ambiguous' },
    { flags: '--min <n>', description: 'only functions at least this complex' },
  ],
  async run(args, options, ctx, io) {
    const store = await ctx.store();
    const target = strOption(args.function);
    const min = intOption(options.min, '--min');
    const result = target
      ? await functionComplexity(store, target, { ...scopeOf(options), file: strOption(options.file) })
      : await mostComplexFunctions(store, { ...scopeOf(options), ...(min === undefined ? {} : { min }) });
    return out(io, options, result, () => renderResult('find_complexity', result));
  },
};

/** `cgc query "<cypher>"`: read-only Cypher, refused by the engine if it writes. */
export const queryCommand: CommandSpec = {
  name: 'query',
  description: 'Run a read-only Cypher query (writes are refused by the database)',
  args: [{ name: 'cypher', description: 'the Cypher statement (quote it)', required: true }],
  options: [
    { flags: '--json', description: 'print the answer as JSON' },
    { flags: '-p, --params <json>', description: 'query parameters as a JSON object' },
    { flags: '-l, --limit <n>', description: 'maximum rows printed (default 1000)' },
  ],
  async run(args, options, ctx, io) {
    const maxRows = intOption(options.limit, '--limit');
    const result = await runReadOnlyQuery(
      await ctx.store(),
      String(args.cypher ?? ''),
      paramsOption(options.params),
      {
        ...(maxRows === undefined ? {} : { maxRows }),
      },
    );
    return out(io, options, result, () => {
      if (result.rows.length === 0) return '(no rows)';
      const table = formatTable(
        result.rows,
        result.columns.map((c) => ({ header: c, value: (r: Record<string, unknown>) => r[c] })),
      );
      const more = result.truncated ? `, ${result.rowCount - result.rows.length} more not shown` : '';
      return `${table}\n(${result.rowCount} row${result.rowCount === 1 ? '' : 's'}${more})`;
    });
  },
};
