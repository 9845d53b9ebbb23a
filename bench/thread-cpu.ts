import { readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) of one thread from its Linux `/proc` stat file
 * (`/proc/self/task/<tid>/stat`, `/proc/thread-self/stat`); undefined where there is none.
 */
export function threadCpuSeconds(statPath: string): number | undefined {
  try {
    const stat = readFileSync(statPath, 'utf8');
    // After the command name (which may hold spaces): utime and stime at 11 and 12, in USER_HZ ticks.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}
