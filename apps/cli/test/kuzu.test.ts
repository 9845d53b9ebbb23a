import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStdio } from './mcp-client.js';
import { TempProject } from './temp-project.js';

let project: TempProject;
beforeAll(() => {
  project = new TempProject({ CGC_DATABASE: 'kuzu' });
});
afterAll(() => project.dispose());

describe('with the embedded Kuzu database (the default backend)', () => {
  it('doctor finds everything well and exits 0', async () => {
    const res = await project.run(['doctor']);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^ok\s+database\s+kuzu .*answers \(\d+ ms\)$/m);
  });

  it('doctor exits 1 when only a plugin is broken', async () => {
    project.write('cgc-plugin-broken', { pkg: { cgc: {} }, index: "throw new Error('nope');\n" });
    try {
      const res = await project.run(['doctor']);
      expect(res.code).toBe(1);
      expect(res.stdout).toMatch(/^FAIL plugins\s+\d+ loaded, 0 skipped, 1 failed$/m);
      expect(res.stdout).toMatch(/failed\s+cgc-plugin-broken \(cgc-plugin-broken@1\.0\.0\): nope/);
    } finally {
      project.remove('cgc-plugin-broken');
    }
  });

  it('query prints a table, or JSON rows with --json, with parameters', async () => {
    const table = await project.run([
      'query',
      'RETURN $a + 1 AS answer, $s AS text',
      '-p',
      '{"a":41,"s":"héllo"}',
    ]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^answer\s+text\n-+\s+-+\n42\s+héllo\n\(1 row\)\n$/);
    const json = await project.run(['--json', 'query', 'MATCH (r:Repository) RETURN count(r) AS repos']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).rows).toEqual([{ repos: 0 }]);
  });

  it('query refuses writes and reports syntax errors with exit 2', async () => {
    const write = await project.run(['query', "CREATE (:Repository {id: 'x', name: 'x', path: '/x'})"]);
    expect(write.code).toBe(2);
    expect(write.stderr).toMatch(/\[(READ_ONLY_VIOLATION|QUERY_SYNTAX)\]$/m);
    const syntax = await project.run(['query', 'MATCH (n RETURN n']);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(syntax.stderr).toMatch(/\[QUERY_SYNTAX\]$/m);
  });

  it('execute_cypher_query answers over stdio from the same database', async () => {
    const mcp = await connectStdio(project);
    try {
      const res = await mcp.client.callTool({
        name: 'execute_cypher_query',
        arguments: { cypher_query: 'RETURN 6 * 7 AS answer' },
      });
      expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
      const body = JSON.parse((res.content as { text: string }[])[0]!.text);
      expect(JSON.stringify(body)).toContain('"answer":42');
    } finally {
      await mcp.close();
    }
  });
});
