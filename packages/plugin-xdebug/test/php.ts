import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BatchSink, CaptureBatch } from '../src/capture/recorder.js';

/** The repository's examples folder. */
export const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');

/** True when php with the xdebug extension is installed (infra/php/install.sh). */
export const HAVE_PHP_XDEBUG = (() => {
  try {
    return /^xdebug$/im.test(execFileSync('php', ['-m'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
})();

/** Runs a PHP script with Xdebug's debugger connecting to `port`; resolves with exit code and stdout. */
export function runPhpDebug(
  script: string,
  port: number,
  args: string[] = [],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string }> } {
  const child = spawn(
    'php',
    [
      '-d',
      'xdebug.mode=debug',
      '-d',
      'xdebug.start_with_request=yes',
      '-d',
      'xdebug.client_host=127.0.0.1',
      '-d',
      `xdebug.client_port=${port}`,
      '-d',
      'xdebug.connect_timeout_ms=2000',
      script,
      ...args,
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  child.stdout!.on('data', (d) => {
    stdout += String(d);
  });
  const done = new Promise<{ code: number | null; stdout: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout })),
  );
  return { child, done };
}

/** Runs a PHP script writing a machine-readable trace into `dir`; resolves with the trace path. */
export function runPhpTrace(script: string, dir: string, args: string[] = [], gzip = false): string {
  execFileSync(
    'php',
    [
      '-d',
      'xdebug.mode=trace',
      '-d',
      'xdebug.start_with_request=yes',
      '-d',
      'xdebug.trace_format=1',
      '-d',
      `xdebug.output_dir=${dir}`,
      '-d',
      'xdebug.trace_output_name=trace.%p.%u',
      '-d',
      `xdebug.use_compression=${gzip ? 1 : 0}`,
      script,
      ...args,
    ],
    { stdio: 'ignore' },
  );
  const out = execFileSync('ls', ['-t', dir], { encoding: 'utf8' }).split('\n').filter(Boolean);
  return join(dir, out[0]!);
}

/** A sink keeping every batch (to assert on what the capture produced, without a database). */
export class CollectingSink implements BatchSink {
  readonly batches: CaptureBatch[] = [];
  async write(b: CaptureBatch): Promise<void> {
    this.batches.push(b);
  }
  /** Chain counts keyed by the frame names joined with ' > '. */
  chains(): Map<string, number> {
    const m = new Map<string, number>();
    for (const b of this.batches) {
      for (const c of b.chains.values()) {
        const k = c.frames.map((f) => f.where).join(' > ');
        m.set(k, (m.get(k) ?? 0) + c.delta);
      }
    }
    return m;
  }
}
