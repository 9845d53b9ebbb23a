import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobManager } from './job-manager.js';
import { type IncrementalWatchHooks, WatchManager } from './watch-manager.js';

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
    await watches.close();
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

  it('tracks incremental watches: updates, failed batches, a broken start, and closing handles', async () => {
    const dir = tempDir();
    const jobs = new JobManager();
    const watches = new WatchManager((id) => jobs.get(id));
    let closed = 0;
    let hooks!: IncrementalWatchHooks;
    const view = await watches.watchIncremental(dir, (h) => {
      hooks = h;
      return jobs.start('watch', async () => {
        h.attach({ close: async () => void closed++ });
        return 'ok';
      });
    });
    expect(view).toMatchObject({ path: dir, mode: 'incremental', ready: false, updates: 0 });
    await jobs.wait(view.lastJobId!);
    expect(watches.list()[0]).toMatchObject({ ready: true });
    hooks.updated({ added: 1, modified: 2, deleted: 0, latencyMs: 40 });
    hooks.failedBatch('PARSE_FAILED: bad');
    expect(watches.list()[0]).toMatchObject({
      updates: 1,
      changes: 3,
      lastUpdate: { added: 1, modified: 2, deleted: 0, latencyMs: 40 },
      lastError: 'PARSE_FAILED: bad',
    });
    // Watching again while watched answers the same watch and starts nothing.
    let begun = 0;
    await watches.watchIncremental(dir, () => {
      begun++;
      return jobs.start('watch', async () => 1);
    });
    expect(begun).toBe(0);
    expect(await watches.stop(dir)).toBe(true);
    expect(hooks.signal.aborted).toBe(true);
    expect(closed).toBe(1);
    expect(await watches.stop(dir)).toBe(false);

    // A handle arriving after unwatch is closed at once; a broken start stays listed with its error.
    const late = tempDir();
    let attachLate!: IncrementalWatchHooks;
    await watches.watchIncremental(late, (h) => {
      attachLate = h;
      return jobs.start('watch', async () => 1);
    });
    expect(watches.unwatch(late)).toBe(true);
    attachLate.attach({ close: async () => void closed++ });
    expect(closed).toBe(2);
    const broken = tempDir();
    await watches.watchIncremental(broken, (h) => {
      h.broke('INDEX_EMPTY: nothing to index');
      return jobs.start('watch', async () => 1);
    });
    expect(watches.list()[0]).toMatchObject({
      path: broken,
      ready: false,
      error: 'INDEX_EMPTY: nothing to index',
    });
    await expect(
      watches.watchIncremental(join(broken, 'nope'), () => jobs.start('x', async () => 1)),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await watches.close();
    expect(watches.list()).toEqual([]);
    await jobs.close();
  });
});
