import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobManager } from './job-manager.js';
import { WatchManager } from './watch-manager.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cgc-watch-unit-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('WatchManager', () => {
  it('runs one re-index per burst of changes and ignores build folders', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules'));
    const jobs = new JobManager();
    const watches = new WatchManager((id) => jobs.get(id), { debounceMs: 150 });
    let runs = 0;
    const view = await watches.watch(dir, () => jobs.start('reindex', async () => ++runs));
    expect(view.path).toBe(dir);
    writeFileSync(join(dir, 'node_modules', 'x.js'), '1');
    await new Promise((r) => setTimeout(r, 400));
    expect(runs).toBe(0);
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, `f${i}.py`), 'x = 1\n');
    await expect.poll(() => runs, { timeout: 5000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(runs).toBe(1);
    const [w] = watches.list();
    expect(w!.changes).toBeGreaterThanOrEqual(1);
    expect(jobs.get(w!.lastJobId!)!.kind).toBe('reindex');
    expect(watches.unwatch(dir)).toBe(true);
    expect(watches.unwatch(dir)).toBe(false);
    writeFileSync(join(dir, 'late.py'), 'y = 2\n');
    await new Promise((r) => setTimeout(r, 400));
    expect(runs).toBe(1);
    watches.close();
  });

  it('refuses a missing path and a file with coded errors', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.py'), '');
    const watches = new WatchManager(() => undefined);
    const start = () => new JobManager().start('x', async () => 1);
    await expect(watches.watch(join(dir, 'nope'), start)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(watches.watch(join(dir, 'a.py'), start)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(watches.list()).toEqual([]);
  });
});
