import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTruth, type Truth, type TruthMap } from './truth.js';

/**
 * go/types' targets for every call in the Go packages under `root` (go/main.go, run with the Go
 * toolchain on PATH), and the files it read (test files and other platforms' files are not).
 */
export function goTruth(root: string): { truth: TruthMap; files: Set<string> } {
  const here = join(dirname(fileURLToPath(import.meta.url)), 'go');
  const text = execFileSync('go', ['run', '.', root], {
    cwd: here,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' },
  });
  const truth: TruthMap = new Map();
  const files = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [site, kind, target] = line.split('\t') as [string, Truth['kind'] | '#file', string];
    if (site === '#file') files.add(kind);
    else addTruth(truth, site, target ? { kind, target } : { kind });
  }
  return { truth, files };
}
