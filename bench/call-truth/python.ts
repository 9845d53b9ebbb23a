import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTruth, type TruthMap } from './truth.js';

/**
 * Jedi's targets for every call in the Python files under `root` (python_truth.py, run with the
 * `python3` on PATH, which needs `jedi`: `pip install jedi`). Jedi is a static analyser, not a
 * compiler: where it cannot infer a receiver the call counts as unresolved.
 */
export function pythonTruth(root: string): TruthMap {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'python_truth.py');
  const text = execFileSync('python3', [script, root], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return parseTruth(text);
}
