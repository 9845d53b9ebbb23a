import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempProject } from './temp-project.js';

let project: TempProject;
beforeAll(() => {
  project = new TempProject();
});
afterAll(() => project.dispose());

/** A clean failure: the documented exit code and exactly one line on stderr, no stack. */
async function expectOneLine(args: string[], code: number, pattern: RegExp, env: NodeJS.ProcessEnv = {}) {
  const res = await project.run(args, env);
  expect(res.code, res.stderr).toBe(code);
  const lines = res.stderr.trimEnd().split('\n');
  expect(lines, res.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(res.stderr).not.toMatch(/\n\s+at /);
  return res;
}

describe('bad input gets one line and a meaningful exit code', () => {
  it('unknown command: exit 2 with a suggestion', async () => {
    await expectOneLine(['plugn'], 2, /^cgc: unknown command 'plugn'.*Did you mean plugin\?/);
  });

  it('unknown option and missing argument: exit 2', async () => {
    await expectOneLine(['plugin', 'list', '--colour'], 2, /unknown option '--colour'/);
    await expectOneLine(['query'], 2, /missing required argument 'cypher'/);
  });

  it('bad option values: exit 2 naming the value', async () => {
    await expectOneLine(
      ['--database', 'mysql', 'plugin', 'list'],
      2,
      /database\.backend.*\[CONFIG_INVALID\]/,
    );
    await expectOneLine(
      ['doctor', '--timeout', 'soon'],
      2,
      /--timeout must be a positive number.*"soon".*\[INVALID_INPUT\]/,
    );
    await expectOneLine(
      ['mcp', 'start', '--transport', 'pigeon'],
      2,
      /unknown transport "pigeon".*\[INVALID_INPUT\]/,
    );
    await expectOneLine(
      ['query', 'RETURN 1', '--params', '{oops'],
      2,
      /--params is not valid JSON.*\[INVALID_INPUT\]/,
    );
    await expectOneLine(['query', 'RETURN 1', '--params', '[1]'], 2, /--params must be a JSON object/);
  });

  it('an invalid environment value: exit 2 naming the key', async () => {
    await expectOneLine(['plugin', 'list'], 2, /invalid configuration at mcp\.port.*\[CONFIG_INVALID\]/, {
      CGC_MCP_PORT: 'eighty',
    });
  });

  it('an invalid config file: exit 2, for broken JSON and for a wrong value', async () => {
    const broken = join(project.dir, 'broken.json');
    writeFileSync(broken, '{ "database": ');
    await expectOneLine(
      ['--config', broken, 'plugin', 'list'],
      2,
      /cannot read config file .*broken\.json.*\[CONFIG_INVALID\]/,
    );
    const wrong = join(project.dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ database: { backend: 'oracle' } }));
    await expectOneLine(['-c', wrong, 'doctor'], 2, /invalid configuration at database\.backend/);
    await expectOneLine(
      ['--config', join(project.dir, 'missing.json'), 'doctor'],
      2,
      /cannot read config file/,
    );
  });

  it('the project config file ./cgc.config.json is read and validated', async () => {
    const file = join(project.dir, 'cgc.config.json');
    writeFileSync(file, JSON.stringify({ plugins: { timeoutMs: -1 } }));
    try {
      await expectOneLine(['plugin', 'list'], 2, /invalid configuration at plugins\.timeoutMs/);
    } finally {
      writeFileSync(file, '{}');
    }
  });

  it('--debug adds the stack trace', async () => {
    const res = await project.run(['--debug', '--database', 'mysql', 'plugin', 'list']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^cgc: invalid configuration/);
    expect(res.stderr).toMatch(/\n\s+at /);
  });

  it('a command group without a subcommand shows its help and exits 2', async () => {
    const res = await project.run(['plugin']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Usage: cgc plugin');
  });

  it('--version and bare cgc succeed', async () => {
    const v = await project.run(['--version']);
    expect(v).toMatchObject({ code: 0, stderr: '' });
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const bare = await project.run([]);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toContain('Usage: cgc');
  });
});
