import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandOf } from './globals.js';
import { ARENA_MAX, runWithArenaCap, wantsArenaCap } from './malloc-arenas.js';

const dir = mkdtempSync(join(tmpdir(), 'cgc-arenas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the command word', () => {
  it('skips global options and their values', () => {
    expect(commandOf(['index', '.'])).toBe('index');
    expect(commandOf(['--config', 'cgc.json', '--debug', 'watch', 'src'])).toBe('watch');
    expect(commandOf(['-c', 'index', 'query', 'MATCH (n) RETURN n'])).toBe('query');
    expect(commandOf(['--database=kuzu', 'index'])).toBe('index');
    expect(commandOf(['--', 'index'])).toBeUndefined();
    expect(commandOf(['--help'])).toBeUndefined();
  });

  it('asks for capped arenas only for indexing commands on Linux without a setting of its own', () => {
    expect(wantsArenaCap(['index', '.'], {}, 'linux')).toBe(true);
    expect(wantsArenaCap(['watch'], {}, 'linux')).toBe(true);
    expect(wantsArenaCap(['query', 'index'], {}, 'linux')).toBe(false);
    expect(wantsArenaCap(['index'], { MALLOC_ARENA_MAX: '8' }, 'linux')).toBe(false);
    expect(wantsArenaCap(['index'], {}, 'darwin')).toBe(false);
  });
});

describe('running again with capped arenas', () => {
  it('passes the arguments and the setting on, and returns the exit code', async () => {
    const script = join(dir, 'echo.mjs');
    writeFileSync(
      script,
      `import { writeFileSync } from 'node:fs';
       const [out, ...rest] = process.argv.slice(2);
       writeFileSync(out, JSON.stringify({ arenas: process.env.MALLOC_ARENA_MAX, rest }));
       process.exit(3);`,
    );
    const out = join(dir, 'out.json');
    expect(await runWithArenaCap([out, 'index', 'a b'], script)).toBe(3);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ arenas: ARENA_MAX, rest: ['index', 'a b'] });
  });

  it('reports a child ended by a signal as 128 + its number, and leaves no handler behind', async () => {
    const script = join(dir, 'killed.mjs');
    writeFileSync(script, `process.kill(process.pid, 'SIGTERM');\nsetTimeout(() => {}, 5000);`);
    const before = process.listenerCount('SIGTERM');
    expect(await runWithArenaCap([], script)).toBe(143);
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('passes a SIGTERM sent to it on to the command', async () => {
    const script = join(dir, 'waits.mjs');
    const ready = join(dir, 'ready');
    writeFileSync(
      script,
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(ready)}, '1');\nsetTimeout(() => {}, 20000);`,
    );
    const running = runWithArenaCap([], script);
    for (let i = 0; i < 200 && !existsSync(ready); i++) await new Promise((r) => setTimeout(r, 25));
    process.emit('SIGTERM');
    expect(await running).toBe(143);
  });
});
