import { z } from 'zod';
import type { GraphParams } from '../adapter.js';
import { defineTool, type ToolSpec } from '../plugin.js';
import { runReadOnlyQuery } from '../queries/read-only.js';
import { resolveRepo } from '../queries/refs.js';
import { deleteRepository, listRepositories, repositoryStats } from '../queries/repositories.js';
import { REPOSITORIES_OUTPUT, withOutput } from './output-shapes.js';
import type { ToolRuntime } from './runtime.js';
import { graphOf, toMermaid } from './visualize.js';

const CYPHER = z
  .string()
  .min(1)
  .max(100_000)
  .describe('One read-only Cypher statement (MATCH ... RETURN ...)');
const PARAMS = z.record(z.string(), z.unknown()).optional().describe('Query parameters, referenced as $name');

/** list_indexed_repositories, delete_repository, get_repository_stats, execute_cypher_query, visualize_graph_query. */
export function repoTools(rt: ToolRuntime): ToolSpec[] {
  return [
    withOutput(
      defineTool({
        name: 'list_indexed_repositories',
        title: 'List indexed repositories',
        description:
          'Every repository in the graph with its path, name, whether it is a dependency, and its file count.',
        input: {},
        readOnly: true,
        async handler(_input, ctx) {
          const repositories = await listRepositories(await ctx.store());
          return { repositories, total: repositories.length };
        },
      }),
      REPOSITORIES_OUTPUT,
    ),
    defineTool({
      name: 'delete_repository',
      title: 'Delete a repository from the graph',
      description:
        'Removes a repository and everything indexed from it (files, symbols, edges) from the graph; the files on disk are ' +
        'untouched. Also stops watching it.',
      input: {
        repo_path: z
          .string()
          .min(1)
          .describe('Repository path, name or id as list_indexed_repositories shows it'),
      },
      async handler(input, ctx) {
        const store = await ctx.store();
        const repo = await resolveRepo(store, input.repo_path);
        // Waited for, so that no batch of an incremental watch writes after the delete.
        await rt.watches.stop(repo.path);
        const result = await deleteRepository(store, repo.id);
        return { status: 'deleted', ...result };
      },
    }),
    defineTool({
      name: 'get_repository_stats',
      title: 'Graph statistics',
      description:
        'Counts of files, directories, modules, classes, functions, variables, routes, calls, imports and inheritance, for one repository or the whole graph.',
      input: {
        repo_path: z
          .string()
          .min(1)
          .optional()
          .describe('One repository (path, name or id); omit for the whole graph'),
      },
      readOnly: true,
      async handler(input, ctx) {
        return repositoryStats(await ctx.store(), input.repo_path);
      },
    }),
    defineTool({
      name: 'execute_cypher_query',
      title: 'Run a read-only Cypher query',
      description:
        'Runs one read-only Cypher query on the code graph and returns the rows. The database itself refuses writes. Node ' +
        'labels: Repository, Directory, File, Module, Class, Function, Variable, Parameter, Route; relationships: CONTAINS, ' +
        'IMPORTS, INHERITS, IMPLEMENTS, INCLUDES, CALLS, HAS_PARAMETER, HANDLED_BY. Prefer find_code and analyze_code_relationships.',
      input: {
        cypher_query: CYPHER,
        params: PARAMS,
        max_rows: z
          .number()
          .int()
          .min(1)
          .max(10_000)
          .default(1000)
          .describe('Rows returned at most (default 1000)'),
      },
      readOnly: true,
      async handler(input, ctx) {
        const r = await runReadOnlyQuery(
          await ctx.store(),
          input.cypher_query,
          (input.params ?? {}) as GraphParams,
          {
            maxRows: input.max_rows,
          },
        );
        return {
          query: input.cypher_query,
          record_count: r.rowCount,
          columns: r.columns,
          results: r.rows,
          truncated: r.truncated,
        };
      },
    }),
    defineTool({
      name: 'visualize_graph_query',
      title: 'Visualise a graph query',
      description:
        'Runs a read-only Cypher query returning nodes, relationships or paths (e.g. MATCH p=(a:Function)-[:CALLS]->(b) ' +
        'RETURN p LIMIT 50, or RETURN a, r, b) and returns its nodes and edges plus a Mermaid flowchart to render.',
      input: {
        cypher_query: CYPHER,
        params: PARAMS,
        max_rows: z.number().int().min(1).max(5000).default(500).describe('Rows used at most (default 500)'),
      },
      readOnly: true,
      async handler(input, ctx) {
        const r = await runReadOnlyQuery(
          await ctx.store(),
          input.cypher_query,
          (input.params ?? {}) as GraphParams,
          {
            maxRows: input.max_rows,
          },
        );
        const graph = graphOf(r.rows);
        return { query: input.cypher_query, ...graph, truncated: r.truncated, mermaid: toMermaid(graph) };
      },
    }),
  ];
}
