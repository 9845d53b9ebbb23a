import { CgcError, type CgcPlugin, type CommandSpec, type GraphParams, type ToolSpec, z } from '@cgc/core';
import { cell, table } from '../output.js';

const queryCommand: CommandSpec = {
  name: 'query',
  description: 'Run a read-only Cypher query and print the rows',
  args: [{ name: 'cypher', description: 'the Cypher statement (quote it)', required: true }],
  options: [{ flags: '-p, --params <json>', description: 'query parameters as a JSON object' }],
  async run(args, options, ctx, io) {
    const cypher = String(args.cypher ?? '').trim();
    if (!cypher) throw new CgcError('INVALID_INPUT', 'the query is empty');
    const params = parseParams(options.params);
    const store = await ctx.store();
    const rows = await store.read(cypher, params);
    if (options.json) io.json(rows);
    else {
      const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      io.print(
        rows.length === 0
          ? '(no rows)'
          : table(
              columns,
              rows.map((r) => columns.map((c) => cell(r[c]))),
            ),
      );
      if (rows.length > 0) io.print(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
    }
    return 0;
  },
};

const cypherTool: ToolSpec = {
  name: 'execute_cypher_query',
  title: 'Run a read-only Cypher query',
  description:
    'Runs one read-only Cypher query against the code graph and returns the rows. Writes are refused by the ' +
    'database. Prefer the dedicated find/analyze tools; use this as a fallback for questions they cannot answer.',
  input: {
    cypher_query: z
      .string()
      .min(1)
      .max(100_000)
      .describe('The Cypher statement, read-only (MATCH ... RETURN ...)'),
    params: z.record(z.string(), z.unknown()).optional().describe('Query parameters referenced as $name'),
  },
  readOnly: true,
  async handler(input, ctx) {
    const { cypher_query, params } = input as { cypher_query: string; params?: Record<string, unknown> };
    const store = await ctx.store();
    const rows = await store.read(cypher_query, (params ?? {}) as GraphParams);
    return { query: cypher_query, record_count: rows.length, results: rows };
  },
};

function parseParams(raw: unknown): GraphParams {
  if (raw === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(String(raw));
  } catch (err) {
    throw new CgcError('INVALID_INPUT', `--params is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CgcError('INVALID_INPUT', '--params must be a JSON object, e.g. {"name":"main"}');
  }
  return value as GraphParams;
}

/**
 * Core query capabilities not yet provided by another builtin, registered through the
 * plugin contract like any plugin. `taken` holds names other builtins already provide.
 */
export function corePlugin(taken: { commands: ReadonlySet<string>; tools: ReadonlySet<string> }): CgcPlugin {
  return {
    name: 'core',
    commands: [queryCommand].filter((c) => !taken.commands.has(c.name)),
    tools: [cypherTool].filter((t) => !taken.tools.has(t.name)),
  };
}
