import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { addTruth, type TruthMap } from './truth.js';

const NODE = /^node: \{ title: "([^"]+)" label: "([^\\"]+)\\n([^"]+):(\d+):\d+"( shape : ellipse)? \}/;
const EDGE = /^edge: \{ sourcename: "[^"]+" targetname: "([^"]+)" label: "([^"]+):(\d+):\d+" \}/;

/**
 * GCC's call graph (`-fcallgraph-info`, at -O0 so nothing is inlined) of every .c file under
 * `root`, compiled one by one with `cflags`. A call to a static function goes to its file's
 * definition, any other to the one non-static definition of that name, as the linker binds it.
 * Targets are "path#name" (GCC places a definition at its name, the indexer at its first line).
 * Files that do not compile are counted and left out.
 */
export function cTruth(root: string, cflags: readonly string[]): { truth: TruthMap; failed: number } {
  const out = mkdtempSync(join(tmpdir(), 'cgc-call-truth-c-'));
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.c'));
  let failed = 0;
  try {
    files.forEach((f, i) => {
      const src = resolve(root, f);
      try {
        execFileSync(
          'gcc',
          [
            '-O0',
            '-w',
            '-fcallgraph-info',
            '-c',
            src,
            '-o',
            join(out, `${i}.o`),
            '-dumpbase',
            `${i}.c`,
            '-dumpdir',
            `${out}/`,
            `-I${dirname(src)}`,
            `-I${root}`,
            ...cflags,
          ],
          { stdio: 'ignore' },
        );
      } catch {
        failed++;
      }
    });
    const rel = (p: string) => relative(root, resolve(root, p));
    const globals = new Map<string, string[]>();
    const units: string[][] = [];
    for (const ci of readdirSync(out).filter((n) => n.endsWith('.ci'))) {
      const lines = readFileSync(join(out, ci), 'utf8').split('\n');
      units.push(lines);
      for (const line of lines) {
        const m = NODE.exec(line);
        if (m && !m[5] && !m[1]!.includes(':')) {
          const list = globals.get(m[1]!) ?? [];
          list.push(`${rel(m[3]!)}#${m[2]}`);
          globals.set(m[1]!, list);
        }
      }
    }
    const truth: TruthMap = new Map();
    for (const lines of units) {
      const local = new Map<string, string>();
      for (const line of lines) {
        const m = NODE.exec(line);
        if (m && !m[5] && m[1]!.includes(':')) local.set(m[1]!, `${rel(m[3]!)}#${m[2]}`);
      }
      for (const line of lines) {
        const e = EDGE.exec(line);
        if (!e) continue;
        const site = `${rel(e[2]!)}:${e[3]}`;
        const name = e[1]!;
        const defs = local.has(name) ? [local.get(name)!] : (globals.get(name) ?? []);
        if (name === '__indirect_call') addTruth(truth, site, { kind: 'unresolved' });
        else if (defs.length === 1) addTruth(truth, site, { kind: 'project', target: defs[0]! });
        else addTruth(truth, site, { kind: defs.length ? 'unresolved' : 'library' });
      }
    }
    return { truth, failed };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
