import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { EXIT } from './exit-codes.js';
import { commandOf } from './globals.js';

/**
 * glibc gives each thread that allocates an arena of its own (up to eight per core) and keeps what
 * is freed there for that arena. Indexing allocates on many threads (parse workers, libuv's pool,
 * Kuzu's copy threads): on the Linux kernel ~0.45 GB of the peak RSS of `cgc index` was memory
 * freed into arenas and never reused (docs/indexer.md). Two arenas keep it. glibc reads
 * `MALLOC_ARENA_MAX` once, when the process starts, so the commands that index run themselves again
 * with it set; other C libraries ignore it.
 */
export const ARENA_MAX = '2';

// The commands that index: `cgc index`, `cgc watch`.
const HEAVY = new Set(['index', 'watch']);

/** True when this process should run the command again with {@link ARENA_MAX} arenas. */
export function wantsArenaCap(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): boolean {
  return platform === 'linux' && env.MALLOC_ARENA_MAX === undefined && HEAVY.has(commandOf(argv) ?? '');
}

/**
 * Runs this CLI again with `MALLOC_ARENA_MAX` set, with the same terminal, and resolves to its exit
 * code. A terminal's Ctrl-C reaches both processes (they share the foreground process group), so the
 * parent passes SIGINT on only when no terminal is attached; SIGTERM and SIGHUP it always passes on.
 */
export function runWithArenaCap(argv: readonly string[], script: string = process.argv[1]!): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, script, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, MALLOC_ARENA_MAX: ARENA_MAX },
  });
  const tty = process.stdin.isTTY || process.stdout.isTTY || process.stderr.isTTY;
  const handlers: [NodeJS.Signals, () => void][] = [
    ['SIGINT', () => void (tty || child.kill('SIGINT'))],
    ['SIGTERM', () => void child.kill('SIGTERM')],
    ['SIGHUP', () => void child.kill('SIGHUP')],
  ];
  for (const [sig, h] of handlers) process.on(sig, h);
  return new Promise((resolve) => {
    const done = (code: number) => {
      for (const [sig, h] of handlers) process.off(sig, h);
      resolve(code);
    };
    child.once('error', (err) => {
      process.stderr.write(`cgc: could not start the indexing process (${err.message})\n`);
      done(EXIT.internal);
    });
    // A child ended by a signal exits as shells report it: 128 + the signal's number.
    child.once('exit', (code, signal) => done(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)));
  });
}
