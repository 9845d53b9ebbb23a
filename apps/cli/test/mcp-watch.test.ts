import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStdio } from './mcp-client.js';
import { ROOT, TempProject } from './temp-project.js';

const FIXTURE = join(ROOT, 'apps/mcp-server/fixtures/py-shop');

let project: TempProject;
let mcp: Awaited<ReturnType<typeof connectStdio>>;

beforeAll(async () => {
  project = new TempProject({ CGC_DATABASE: 'kuzu', CGC_LOG_LEVEL: 'error' });
  cpSync(FIXTURE, join(project.dir, 'shop-repo'), { recursive: true });
  mcp = await connectStdio(project);
});
afterAll(async () => {
  await mcp?.close();
  project.dispose();
});

const call = async (name: string, args: Record<string, unknown>) => {
  const res = await mcp.client.callTool({ name, arguments: args });
  const text = (res.content as { text: string }[])[0]!.text;
  if (res.isError) throw new Error(`${name}: ${text}`);
  return JSON.parse(text);
};

describe('cgc mcp start: watch_directory uses the indexer incremental watcher', () => {
  it('applies a saved file to the graph without a re-index job', async () => {
    const repo = join(project.dir, 'shop-repo');
    const started = await call('watch_directory', { path: 'shop-repo' });
    expect(started).toMatchObject({ status: 'watching', mode: 'incremental' });
    const job = await call('check_job_status', { job_id: started.job_id, wait_seconds: 120 });
    expect(job.state, JSON.stringify(job.error)).toBe('completed');
    appendFileSync(join(repo, 'shop/models.py'), '\n\ndef watched_over_stdio():\n    return 3\n');
    const names = async () =>
      (await call('find_code', { query: 'watched_over_stdio' })).results.map(
        (h: { ref: { name: string } }) => h.ref.name,
      );
    await expect.poll(names, { timeout: 20_000, interval: 200 }).toContain('watched_over_stdio');
    const jobs = await call('list_jobs', {});
    expect(jobs.jobs.map((j: { kind: string }) => j.kind)).toEqual(['watch']);
    expect((await call('unwatch_directory', { path: repo })).status).toBe('stopped');
  }, 120_000);
});
