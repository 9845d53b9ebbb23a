import type { CommandIO } from '@cgc/core';
import { SingleBar } from 'cli-progress';
import type { IndexProgress } from './pipeline.js';

/** Progress output: a bar on a TTY, a plain line per phase and every 10% of it otherwise. */
export function createProgress(io: CommandIO, enabled: boolean) {
  let bar: SingleBar | undefined;
  let phase = '';
  let lastTenth = -1;
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  const update = (p: IndexProgress) => {
    if (!enabled) return;
    if (io.isTTY) {
      if (p.phase !== phase) {
        stop();
        phase = p.phase;
        bar = new SingleBar({
          format: `${p.phase.padEnd(8)} [{bar}] {value}/{total} {file}`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
        });
        bar.start(Math.max(p.total, 1), p.done, { file: '' });
      } else bar?.update(p.done, { file: p.file ?? '' });
      return;
    }
    const tenth = p.total ? Math.floor((p.done / p.total) * 10) : 0;
    if (p.phase !== phase || (p.total > 1 && tenth !== lastTenth)) {
      phase = p.phase;
      lastTenth = tenth;
      process.stderr.write(`${p.phase}: ${p.done}/${p.total}\n`);
    }
  };
  return { update, stop };
}
