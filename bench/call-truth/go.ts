import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTruth, type Truth, type TruthMap } from './truth.js';

/**
 * go/types' targets for every call in the Go packages under `root` (go/main.go, run with the Go
 * toolchain on PATH), and the files it read (test files and other platforms' files are not).
 */
export function goTruth(root: string): { truth: TruthMap; files: Set<string> } {
  const here = join(dirname(fileURLToPath(import.meta.url)), 'go');
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' };
  // Built, then run from the project's directory: go/build finds imports with `go list` in the
  // working directory, and from the truth's own module the project's packages (`cobra/doc`
  // importing `github.com/spf13/cobra`) would come from the module cache, a library.
  const bin = join(mkdtempSync(join(tmpdir(), 'cgc-call-truth-go-')), 'calltruth');
  let text: string;
  try {
    execFileSync('go', ['build', '-o', bin, '.'], { cwd: here, env, stdio: 'inherit' });
    text = execFileSync(bin, [root], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, env });
  } finally {
    rmSync(dirname(bin), { recursive: true, force: true });
  }
  const truth: TruthMap = new Map();
  const files = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [site, field, target] = line.split('\t') as [string, string, string];
    // `#file<TAB>path`: a file the truth scored; else `site<TAB>kind<TAB>target`.
    if (site === '#file') files.add(field);
    else {
      const kind = field as Truth['kind'];
      addTruth(truth, site, target ? { kind, target } : { kind });
    }
  }
  return { truth, files };
}
