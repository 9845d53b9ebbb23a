/**
 * Cold start of `cgc --help`, with 0 and with 10 plugins installed in the project.
 * Each run is a fresh Node process; prints median, p95 and min wall-clock ms for the
 * built cli (dist/bin.js, when built) and for the sources run through tsx.
 *
 *   pnpm bench:startup [-- --runs 20 --only built|source]
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HELLO = join(ROOT, 'examples/plugin-hello');
const TARGET_MS = 300;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const runs = Number(arg('runs') ?? 15);
const only = arg('only');

/** A temp project whose node_modules holds @cgc/core and `count` copies of plugin-hello, each with its own names. */
function makeProject(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), `cgc-bench-${count}-`));
  mkdirSync(join(dir, 'node_modules/@cgc'), { recursive: true });
  mkdirSync(join(dir, 'home'));
  mkdirSync(join(dir, 'global'));
  symlinkSync(join(ROOT, 'packages/core'), join(dir, 'node_modules/@cgc/core'), 'dir');
  const source = readFileSync(join(HELLO, 'index.js'), 'utf8');
  const pkg = JSON.parse(readFileSync(join(HELLO, 'package.json'), 'utf8')) as Record<string, unknown>;
  for (let i = 1; i <= count; i++) {
    const name = `cgc-bench-plugin-${i}`;
    const to = join(dir, 'node_modules', name);
    cpSync(HELLO, to, { recursive: true, filter: (p) => !p.includes('node_modules') });
    writeFileSync(join(to, 'package.json'), JSON.stringify({ ...pkg, name }, null, 2));
    writeFileSync(
      join(to, 'index.js'),
      source
        .replace("const COMMAND = 'hello';", `const COMMAND = 'hello${i}';`)
        .replace("const TOOL = 'hello_world';", `const TOOL = 'hello_world_${i}';`),
    );
  }
  return dir;
}

/** CPU time (user + system, ms) of this process's waited-for children, from /proc (Linux); tick resolution. */
function childrenCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // After the command name: field 16 (cutime) and 17 (cstime) are at index 13 and 14, in clock ticks.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

function measure(label: string, argv: string[], project: string, plugins: number) {
  const env = {
    ...process.env,
    CGC_HOME: join(project, 'home'),
    CGC_GLOBAL_NODE_MODULES: join(project, 'global'),
  };
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const cpuBefore = childrenCpuMs();
    const started = process.hrtime.bigint();
    const res = spawnSync(process.execPath, [...argv, '--help'], { cwd: project, env, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const cpuAfter = childrenCpuMs();
    if (res.status !== 0) throw new Error(`${label}: cgc --help exited ${res.status}: ${res.stderr}`);
    const shown = (res.stdout.match(/\[plugin: /g) ?? []).length;
    if (shown !== plugins)
      throw new Error(`${label}: expected ${plugins} plugin commands in --help, saw ${shown}`);
    if (i >= 2) {
      // The first two runs warm the file cache.
      times.push(ms);
      if (cpuBefore !== undefined && cpuAfter !== undefined) cpu.push(cpuAfter - cpuBefore);
    }
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const cpuMedian = cpu.length ? cpu[Math.floor(cpu.length / 2)]! : Number.NaN;
  return { label, plugins, median: at(0.5), p95: at(0.95), min: times[0]!, cpuMedian };
}

const tsx = pathToFileURL(
  join(dirname(createRequire(join(ROOT, 'package.json')).resolve('tsx/package.json')), 'dist/loader.mjs'),
).href;
const variants: { label: string; argv: string[] }[] = [];
const built = join(ROOT, 'apps/cli/dist/bin.js');
if (only !== 'source') {
  if (existsSync(built) && existsSync(join(ROOT, 'packages/core/dist/index.js'))) {
    variants.push({ label: 'built (node dist/bin.js)', argv: [built] });
  } else
    console.log('built cli not found: run `pnpm --filter @cgc/cli... build` first; measuring sources only');
}
if (only !== 'built') {
  variants.push({
    label: 'source (tsx)',
    argv: ['--import', tsx, '--conditions=@cgc/source', join(ROOT, 'apps/cli/src/bin.ts')],
  });
}

const projects = new Map([0, 10].map((n) => [n, makeProject(n)]));
try {
  const rows = variants.flatMap((v) => [0, 10].map((n) => measure(v.label, v.argv, projects.get(n)!, n)));
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  console.log(`cgc --help cold start, ${runs} runs each, node ${process.version}, load average ${load}`);
  console.log(
    `target: median < ${TARGET_MS} ms; cpu ms is the child's user + system time, less sensitive to load`,
  );
  console.log('variant                     plugins  median ms  p95 ms  min ms  cpu ms (median)');
  for (const r of rows) {
    const flag = r.median < TARGET_MS ? '' : `  (over ${TARGET_MS} ms target)`;
    console.log(
      `${r.label.padEnd(28)}${String(r.plugins).padStart(7)}  ${r.median.toFixed(0).padStart(9)}  ${r.p95
        .toFixed(0)
        .padStart(6)}  ${r.min.toFixed(0).padStart(6)}  ${r.cpuMedian.toFixed(0).padStart(15)}${flag}`,
    );
  }
} finally {
  for (const dir of projects.values()) rmSync(dir, { recursive: true, force: true });
}
