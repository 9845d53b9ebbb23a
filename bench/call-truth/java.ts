import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTruth, type TruthMap } from './truth.js';

/**
 * javac's targets for every call in the Java files under `root` (CallTruth.java, compiled with the
 * JDK on PATH). A default constructor resolves to its class. `classpath` (`--classpath a.jar:b.jar`)
 * holds the project's dependencies: without them javac picks overloads of unattributed arguments at random.
 */
export function javaTruth(root: string, classpath?: string): TruthMap {
  const classes = mkdtempSync(join(tmpdir(), 'cgc-call-truth-'));
  try {
    const here = dirname(fileURLToPath(import.meta.url));
    execFileSync('javac', ['-d', classes, join(here, 'CallTruth.java')], { stdio: 'inherit' });
    const text = execFileSync(
      'java',
      ['-cp', classpath ? `${classes}:${classpath}` : classes, 'CallTruth', root],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      },
    );
    return parseTruth(text);
  } finally {
    rmSync(classes, { recursive: true, force: true });
  }
}
