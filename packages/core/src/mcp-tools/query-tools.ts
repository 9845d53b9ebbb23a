import { z } from 'zod';
import { defineTool, type ToolSpec } from '../plugin.js';
import { ANALYZE_TYPES, analyzeCode } from '../queries/analyze.js';
import { functionComplexity, mostComplexFunctions } from '../queries/complexity.js';
import { findDeadCode } from '../queries/dead-code.js';
import { findCode, type MatchKind } from '../queries/find-code.js';

const REPO = z
  .string()
  .min(1)
  .optional()
  .describe('Only this repository: its path, name or id as list_indexed_repositories shows it');
const LIMIT = (fallback: number) =>
  z.number().int().min(1).max(1000).optional().describe(`Maximum results (default ${fallback})`);

/** find_code, analyze_code_relationships, find_dead_code, calculate_cyclomatic_complexity, find_most_complex_functions. */
export function queryTools(): ToolSpec[] {
  return [
    defineTool({
      name: 'find_code',
      title: 'Find code by name or content',
      description:
        'Searches functions, classes, variables, modules and files by exact name or fully qualified name, prefix, substring ' +
        'and content (docstrings, source), ranked best first. Turn on fuzzy_search for misspelt names. Start here to locate code.',
      input: {
        query: z
          .string()
          .min(1)
          .max(500)
          .describe('Name, FQN or words to look for, e.g. "OrderService.save" or "retry"'),
        fuzzy_search: z.boolean().default(false).describe('Also match names within edit_distance typos'),
        edit_distance: z
          .number()
          .int()
          .min(0)
          .max(5)
          .default(2)
          .describe('Typos allowed by fuzzy_search (default 2)'),
        repo_path: REPO,
        limit: LIMIT(20),
      },
      readOnly: true,
      async handler(input, ctx) {
        const store = await ctx.store();
        const modes: MatchKind[] = [
          'exact',
          'prefix',
          'substring',
          'content',
          ...(input.fuzzy_search ? (['fuzzy'] as const) : []),
        ];
        const found = await findCode(store, input.query, {
          modes,
          editDistance: input.edit_distance,
          ...(input.repo_path === undefined ? {} : { repo: input.repo_path }),
          ...(input.limit === undefined ? {} : { limit: input.limit }),
        });
        return { query: input.query, ...found };
      },
    }),
    defineTool({
      name: 'analyze_code_relationships',
      title: 'Analyse relationships in the code graph',
      description:
        'Answers relationship questions about a function, class, variable or module: callers and callees (direct or ' +
        'transitive), call chains ("a->b"), importers and module dependencies, class hierarchy and overrides, variable ' +
        'writers and scope, complexity, functions by argument or decorator, and dead code. Targets are names or FQNs.',
      input: {
        query_type: z
          .enum(ANALYZE_TYPES)
          .describe(
            'find_callers/find_callees: direct calls; find_all_callers/find_all_callees: transitive; call_chain: target "from->to"; ' +
              'find_importers, module_deps: target is a module or file; who_modifies, variable_scope: target is a variable; ' +
              'class_hierarchy: a class; overrides: a method; find_complexity: a function, or "" for the most complex; ' +
              'find_functions_by_argument: a parameter name; find_functions_by_decorator: a decorator; dead_code: target ignored',
          ),
        target: z
          .string()
          .max(1000)
          .describe('Function, class, variable or module name or FQN (see query_type)'),
        context: z
          .string()
          .max(4096)
          .optional()
          .describe(
            'A file path narrowing the target when the name is ambiguous; a number is the depth for call_chain and how many for find_complexity',
          ),
        repo_path: REPO,
        depth: z
          .number()
          .int()
          .min(1)
          .max(20)
          .optional()
          .describe('Hops to follow for transitive queries (default 5)'),
        limit: LIMIT(100),
      },
      readOnly: true,
      async handler(input, ctx) {
        const target = input.target.trim() === '*' ? '' : input.target;
        const r = await analyzeCode(await ctx.store(), input.query_type, target, {
          ...(input.context === undefined ? {} : { context: input.context }),
          ...(input.repo_path === undefined ? {} : { repo: input.repo_path }),
          ...(input.depth === undefined ? {} : { depth: input.depth }),
          ...(input.limit === undefined ? {} : { limit: input.limit }),
        });
        return {
          query_type: r.queryType,
          target: r.target,
          context: input.context ?? null,
          results: r.result,
        };
      },
    }),
    defineTool({
      name: 'find_dead_code',
      title: 'Find functions nothing calls',
      description:
        'Functions with no callers in the graph (or only recursive or test callers), leaving out entry points, tests, ' +
        'framework-invoked code (routes, listeners, decorated handlers), exported API and overriding methods. Review before deleting.',
      input: {
        exclude_decorated_with: z
          .array(z.string().min(1))
          .default([])
          .describe('Decorators marking functions a framework calls, e.g. ["@app.route", "celery.task"]'),
        include_exported: z
          .boolean()
          .default(false)
          .describe('Also report exported functions (default: assumed used)'),
        repo_path: REPO,
        limit: LIMIT(100),
      },
      readOnly: true,
      async handler(input, ctx) {
        const found = await findDeadCode(await ctx.store(), {
          excludeDecorators: input.exclude_decorated_with,
          includeExported: input.include_exported,
          ...(input.repo_path === undefined ? {} : { repo: input.repo_path }),
          ...(input.limit === undefined ? {} : { limit: input.limit }),
        });
        return { query_type: 'dead_code', ...found };
      },
    }),
    defineTool({
      name: 'calculate_cyclomatic_complexity',
      title: 'Cyclomatic complexity of a function',
      description:
        'Cyclomatic complexity of every function matching the name or FQN (all matches, each with its file and line).',
      input: {
        function_name: z.string().min(1).max(1000).describe('Function name or FQN'),
        path: z
          .string()
          .max(4096)
          .optional()
          .describe('File path (or its end) narrowing the function when the name is ambiguous'),
        repo_path: REPO,
      },
      readOnly: true,
      async handler(input, ctx) {
        return functionComplexity(await ctx.store(), input.function_name, {
          ...(input.path ? { file: input.path } : {}),
          ...(input.repo_path === undefined ? {} : { repo: input.repo_path }),
        });
      },
    }),
    defineTool({
      name: 'find_most_complex_functions',
      title: 'Most complex functions',
      description:
        'Functions with the highest cyclomatic complexity, highest first (your code only, not dependencies).',
      input: {
        limit: z.number().int().min(1).max(1000).default(10).describe('How many functions (default 10)'),
        repo_path: REPO,
      },
      readOnly: true,
      async handler(input, ctx) {
        return mostComplexFunctions(await ctx.store(), {
          limit: input.limit,
          ...(input.repo_path === undefined ? {} : { repo: input.repo_path }),
        });
      },
    }),
  ];
}
