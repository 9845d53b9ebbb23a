import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempProject } from './temp-project.js';

// A Neo4j address where nothing listens: the real driver fails fast with DB_UNAVAILABLE.
const NO_DB = { NEO4J_URI: 'bolt://127.0.0.1:9' };

let project: TempProject;
beforeAll(() => {
  project = new TempProject(NO_DB);
});
afterAll(() => project.dispose());

describe('commands that need the database, when it does not answer', () => {
  it('doctor reports the database as failing and exits 3', async () => {
    const res = await project.run(['--database', 'neo4j', 'doctor', '--timeout', '10000']);
    expect(res.code, res.stderr).toBe(3);
    expect(res.stdout).toMatch(/^FAIL database\s+neo4j bolt:\/\/127\.0\.0\.1:9 .*\[DB_UNAVAILABLE\]$/m);
    expect(res.stdout).toMatch(/^ok\s+plugins\s+\d+ loaded, 0 skipped, 0 failed$/m);
    expect(res.stdout).not.toContain('password');
  });

  it('doctor --json gives the same verdict as data', async () => {
    const res = await project.run(['--database', 'neo4j', 'doctor', '--json']);
    expect(res.code).toBe(3);
    const report = JSON.parse(res.stdout);
    expect(report).toMatchObject({
      ok: false,
      config: { file: null, home: project.home },
      database: { backend: 'neo4j', ok: false, code: 'DB_UNAVAILABLE' },
    });
    expect(report.plugins.every((p: { state: string }) => p.state === 'loaded')).toBe(true);
  });

  it('query exits 3 with one line naming the database', async () => {
    const res = await project.run(['--database', 'neo4j', 'query', 'RETURN 1']);
    expect(res.code).toBe(3);
    expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(
      /^cgc: .*127\.0\.0\.1:9.*\[DB_UNAVAILABLE\] \(this may succeed if you try again\)$/m,
    );
  });

  it('doctor lists a plugin that failed to load; a down database decides the exit code (3)', async () => {
    const own = new TempProject(NO_DB);
    try {
      own.write('cgc-plugin-broken', { pkg: { cgc: {} }, index: 'export default 42;\n' });
      const res = await own.run(['--database', 'neo4j', 'doctor', '--json']);
      const report = JSON.parse(res.stdout);
      expect(
        report.plugins.find((p: { package: string }) => p.package === 'cgc-plugin-broken'),
      ).toMatchObject({
        state: 'failed',
        reason: 'cgc-plugin-broken exports no plugin (a factory returning { name })',
      });
      // The database is down too: its exit code (3) wins over the plugin's (1).
      expect(res.code).toBe(3);
    } finally {
      own.dispose();
    }
  });
});
