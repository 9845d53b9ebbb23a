import { describe, expect, it } from 'vitest';
import { CgcError } from '../errors.js';
import { JobManager, type JobSnapshot } from './job-manager.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

describe('JobManager', () => {
  it('runs a job to completion with progress and a result', async () => {
    const jobs = new JobManager();
    const seen: JobSnapshot[] = [];
    const job = jobs.start(
      'index',
      async (ctx) => {
        ctx.progress(1, 2, 'half');
        ctx.progress(2, 2, 'all');
        return { files: 2 };
      },
      { description: 'index /repo', params: { path: '/repo' } },
    );
    expect(['queued', 'running']).toContain(job.state);
    const done = await jobs.wait(job.id, { onChange: (s) => seen.push(s) });
    expect(done).toMatchObject({
      state: 'completed',
      kind: 'index',
      description: 'index /repo',
      params: { path: '/repo' },
      progress: { done: 2, total: 2, message: 'all' },
      result: { files: 2 },
    });
    expect(done.finishedAt).toBeDefined();
    expect(seen.some((s) => s.progress.message === 'half')).toBe(true);
  });

  it('records a failure with its code and a one-line message', async () => {
    const jobs = new JobManager();
    const a = jobs.start('x', async () => {
      throw new CgcError('NOT_FOUND', 'no such path\nsecond line');
    });
    const b = jobs.start('x', () => {
      throw new TypeError('boom');
    });
    expect(await jobs.wait(a.id)).toMatchObject({
      state: 'failed',
      error: { code: 'NOT_FOUND', message: 'no such path' },
    });
    expect(await jobs.wait(b.id)).toMatchObject({
      state: 'failed',
      error: { code: 'INTERNAL', message: 'boom' },
    });
  });

  it('queues beyond its concurrency and cancels queued and running jobs', async () => {
    const jobs = new JobManager({ concurrency: 1 });
    const g = gate();
    const running = jobs.start('slow', async (ctx) => {
      await new Promise<void>((resolve, reject) => {
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
        void g.opened.then(resolve);
      });
    });
    const queued = jobs.start('slow', async () => 'never');
    expect(jobs.get(queued.id)!.state).toBe('queued');
    expect(jobs.cancel(queued.id).state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 5));
    expect(jobs.get(running.id)!.state).toBe('running');
    expect(jobs.cancel(running.id).cancelRequested).toBe(true);
    expect(await jobs.wait(running.id)).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } });
    expect(jobs.counts()).toMatchObject({ cancelled: 2, running: 0, queued: 0 });
  });

  it('keeps a bounded history, newest first, and says when a job is unknown', async () => {
    const jobs = new JobManager({ historyLimit: 3 });
    let t = 0;
    const clocked = new JobManager({ historyLimit: 3, now: () => ++t });
    for (let i = 0; i < 5; i++) await clocked.wait(clocked.start('n', async () => i).id);
    const list = clocked.list();
    expect(list.map((j) => j.result)).toEqual([4, 3, 2]);
    expect(() => jobs.cancel('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(jobs.get('nope')).toBeUndefined();
  });

  it('stops waiting when the waiter is aborted while the job keeps running', async () => {
    const jobs = new JobManager();
    const g = gate();
    const job = jobs.start('slow', () => g.opened);
    const ac = new AbortController();
    const waiting = jobs.wait(job.id, { signal: ac.signal });
    ac.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(jobs.get(job.id)!.state).toBe('running');
    g.open();
    expect((await jobs.wait(job.id)).state).toBe('completed');
  });

  it('cancels everything on close and refuses new jobs', async () => {
    const jobs = new JobManager();
    const job = jobs.start(
      'slow',
      (ctx) =>
        new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))),
    );
    await jobs.close(1000);
    expect(jobs.get(job.id)!.state).toBe('cancelled');
    expect(() => jobs.start('x', async () => 1)).toThrow(expect.objectContaining({ code: 'CLOSED' }));
  });
});
