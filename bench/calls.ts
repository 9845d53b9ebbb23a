/**
 * CALLS edges scored against a compiler: indexes a project with the indexer (no database: the
 * pipeline's rows are collected as they would be written), then has the compiler resolve every
 * call in the same files, and compares. TypeScript/JavaScript projects are checked by the
 * TypeScript compiler's type checker (call-truth/typescript.ts), Java projects (more .java files
 * than scripts) by javac (call-truth/CallTruth.java, needs a JDK 17+ on PATH), Go projects by
 * go/types (call-truth/go, needs the Go toolchain on PATH; test files and other platforms' files
 * are not scored), C projects by GCC's -fcallgraph-info (call-truth/c.ts; `--cflags "-D… -I…"`
 * passes what the project's build would), Python projects by Jedi (call-truth/python_truth.py,
 * needs `python3` with `jedi`; a static analyser, not a compiler: what it cannot infer counts as
 * unresolved, and it follows `super()` through the first base only), Rust crates by rustc's MIR
 * (call-truth/rust.ts: `cargo rustc -- -Zunpretty=mir` with RUSTC_BOOTSTRAP=1, the crate's library
 * as compiled for its unit tests; dependencies come from crates.io or the cargo cache), PHP projects by
 * what ran (call-truth/php.ts: `--php-run <driver.php>`, a script exercising the project, runs under
 * Xdebug's function trace; only lines that ran are scored, and a call to a method counts as linked
 * when the edge names the method that ran or a declaration it overrides or implements).
 *
 *   pnpm bench:calls <project-dir> [--show 20] [--json] [--cflags "<gcc flags>"] [--max-file-mb 2] [--php-run <driver.php>] [--exact-lines]
 *
 * A call site is (file, line of the call, target). The compiler's target is the declaration its
 * resolved signature comes from (an overload signature counts as its implementation; `new C()`
 * targets C's constructor, or C when it declares none). Printed:
 * - precision: of the indexer's CALLS edges, how many the compiler confirms at that file and line;
 *   the others are split by what the compiler says is called there (another project function,
 *   an interface or abstract member — a dispatch the indexer bound to one implementation —, a
 *   library function, nothing resolvable, no call on that line);
 * - recall: of the calls whose target the compiler finds in the project with a body, how many
 *   the indexer linked;
 * - both per `CALLS.resolution`, the first `--show` false edges with their source line, and the first
 *   `--show` compiler calls the indexer did not link.
 * Caller attribution is not scored (closures and top-level code differ by design).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { MemorySink, runPipeline } from '../packages/indexer/src/index.js';
import { cTruth } from './call-truth/c.js';
import { outerCallLines } from './call-truth/c-outer-calls.js';
import { goTruth } from './call-truth/go.js';
import { javaTruth } from './call-truth/java.js';
import { phpTruth } from './call-truth/php.js';
import { pythonTruth } from './call-truth/python.js';
import { rustTruth } from './call-truth/rust.js';
import { typescriptTruth } from './call-truth/typescript.js';

const args = process.argv.slice(2);
const root = realpathSync(
  resolve(
    args.find(
      (a, i) =>
        !a.startsWith('--') &&
        !['--show', '--cflags', '--max-file-mb', '--php-run', '--classpath'].includes(args[i - 1]!),
    ) ?? '.',
  ),
);
const showAt = args.indexOf('--show');
const show = showAt >= 0 ? Number(args[showAt + 1]) : 20;

// --- the indexer's edges ------------------------------------------------------------------
const sink = new MemorySink();
// `--max-file-mb`: the indexer skips files over 2 MB by default (SQLite's amalgamation is 9 MB).
const maxAt = args.indexOf('--max-file-mb');
const maxFileBytes = maxAt >= 0 ? Number(args[maxAt + 1]) * 1024 * 1024 : undefined;
const run = await runPipeline(root, sink, {
  storeSource: false,
  workers: 2,
  ...(maxFileBytes ? { maxFileBytes } : {}),
});
const rel = (p: unknown) => {
  const s = String(p);
  return s.startsWith('/') ? relative(root, s) : s;
};
const fnKey = new Map<string, string>(); // node id -> "path:line"
const fnLines = new Map<string, [number, number]>(); // node id -> first and last line
const byName = new Map<string, string>(); // "path:line" -> "path#name"
// node id -> "path#name": a one-line local class and its method share "path:line" (`struct funcs { static bool f() {…} };`)
const nameById = new Map<string, string>();
for (const label of ['Function', 'Class']) {
  for (const row of sink.all(label)) {
    fnKey.set(String(row.id), `${row.path}:${row.line_number}`);
    fnLines.set(String(row.id), [Number(row.line_number), Number(row.end_line ?? row.line_number)]);
    // GCC's truth names every C++ operator `operator` (call-truth/c.ts simpleName)
    const name = String(row.name).replace(/^operator(?!\w).*$/s, 'operator');
    byName.set(`${rel(row.path)}:${row.line_number}`, `${rel(row.path)}#${name}`);
    nameById.set(String(row.id), `${rel(row.path)}#${name}`);
  }
}
for (const [id, key] of fnKey)
  fnKey.set(id, rel(key.slice(0, key.lastIndexOf(':'))) + key.slice(key.lastIndexOf(':')));
interface Edge {
  readonly site: string; // "path:line"
  readonly target: string; // "path:line"
  readonly targetId: string; // node id
  readonly resolution: string;
  readonly caller: string; // node id
}
const edges: Edge[] = [];
const callerPath = new Map<string, string>();
for (const label of ['Function', 'File']) {
  for (const row of sink.all(label)) callerPath.set(String(row.id), rel(row.path));
}
// The language scored: the one with the most files.
const PATTERNS = {
  typescript: /\.(m|c)?[jt]sx?$/,
  java: /\.java$/,
  go: /\.go$/,
  c: /\.[ch]$/,
  cpp: /\.(cc|cpp|cxx|h|hh|hpp|hxx)$/,
  python: /\.py$/,
  rust: /\.rs$/,
  php: /\.php$/,
} as const;
const counts = { typescript: 0, java: 0, go: 0, c: 0, cpp: 0, python: 0, rust: 0, php: 0 };
for (const p of callerPath.values())
  for (const [lang, re] of Object.entries(PATTERNS)) if (re.test(p)) counts[lang as keyof typeof counts]++;
const language = (Object.keys(counts) as (keyof typeof counts)[]).reduce((a, b) =>
  counts[b] > counts[a] ? b : a,
);
const SCRIPT = PATTERNS[language];
for (const r of sink.rels) {
  if (r.type !== 'CALLS') continue;
  const target = fnKey.get(r.to);
  const path = callerPath.get(r.from);
  if (!target || !path || !SCRIPT.test(path)) continue;
  const lines = (r.properties?.lines as number[] | undefined) ?? [Number(r.properties?.line_number)];
  for (const line of lines) {
    edges.push({
      site: `${path}:${line}`,
      target,
      targetId: r.to,
      resolution: String(r.properties?.resolution),
      caller: r.from,
    });
  }
}

// --- the compiler's calls -----------------------------------------------------------------
const files = [...new Set([...callerPath.values()].filter((p) => SCRIPT.test(p)))].map((p) =>
  resolve(root, p),
);
const fromGo = language === 'go' ? goTruth(root) : undefined;
const cflagsAt = args.indexOf('--cflags');
const fromC =
  language === 'c' || language === 'cpp'
    ? cTruth(root, cflagsAt >= 0 ? args[cflagsAt + 1]!.split(/\s+/).filter(Boolean) : [], language === 'cpp')
    : undefined;
const fromRust = language === 'rust' ? rustTruth(root) : undefined;
const phpRunAt = args.indexOf('--php-run');
if (language === 'php' && phpRunAt < 0) {
  console.error(
    'PHP has no compiler to ask: pass --php-run <script.php>, a driver that exercises the project',
  );
  process.exit(2);
}
const fromPhp = language === 'php' ? phpTruth(root, args[phpRunAt + 1]!) : undefined;
const truth = fromRust
  ? fromRust.truth
  : fromPhp
    ? fromPhp.truth
    : language === 'java'
      ? javaTruth(root, args.indexOf('--classpath') >= 0 ? args[args.indexOf('--classpath') + 1] : undefined)
      : language === 'python'
        ? pythonTruth(root)
        : fromGo
          ? fromGo.truth
          : fromC
            ? fromC.truth
            : typescriptTruth(root, files);
// PHP: reflection places a method with attributes at its `function` line, the indexer at its first attribute.
if (fromPhp) {
  const indexedAt = new Set(fnKey.values());
  const above = (t: string) => {
    const at = t.lastIndexOf(':');
    for (let l = Number(t.slice(at + 1)); l >= Number(t.slice(at + 1)) - 3; l--)
      if (indexedAt.has(`${t.slice(0, at)}:${l}`)) return `${t.slice(0, at)}:${l}`;
    return t;
  };
  for (const [site, list] of truth)
    truth.set(
      site,
      list.map((t) => (t.target ? { ...t, target: above(t.target), accepts: t.accepts?.map(above) } : t)),
    );
}
// C and C++: GCC places a function at its name, the indexer at its first line: targets compare as "path#name".
if (fromC) {
  for (const e of edges)
    (e as { target: string }).target = nameById.get(e.targetId) ?? byName.get(e.target) ?? e.target;
  for (const [id, key] of fnKey) fnKey.set(id, nameById.get(id) ?? byName.get(key) ?? key);
  // GCC emits a header's template or inline function (C's `static inline` too) only where a unit uses
  // it; the calls of one it never emitted are unknown to it, not absent: in headers, only emitted
  // callers, or sites where the compiler saw a call (a caller the indexer misnamed), are scored.
  const { emitted } = fromC;
  // GCC places a function at its name: the caller was emitted when a function of its name was,
  // at a line within the caller (another overload's emission says nothing of it).
  const wasEmitted = (all: Map<string, Set<number>>, caller: string) => {
    const [first, last] = fnLines.get(caller) ?? [0, Number.MAX_SAFE_INTEGER];
    return [...(all.get(fnKey.get(caller) ?? '') ?? [])].some((l) => l >= first && l <= last);
  };
  const header = /\.(h|hh|hpp|hxx)$/;
  if (emitted)
    edges.splice(
      0,
      edges.length,
      ...edges.filter(
        (e) =>
          !header.test(callerPath.get(e.caller) ?? '') || wasEmitted(emitted, e.caller) || truth.has(e.site),
      ),
    );
}
// C, C++ and Rust: only lines the compiler compiled are scored (other platforms' code, `#if 0`, cfg'd-out items);
// PHP: only lines that made a call while the driver ran.
const compiled = fromC?.compiled ?? fromRust?.compiled ?? fromPhp?.executed;
if (compiled)
  edges.splice(
    0,
    edges.length,
    ...edges.filter((e) => {
      const at = e.site.lastIndexOf(':');
      return compiled.get(e.site.slice(0, at))?.has(Number(e.site.slice(at + 1))) === true;
    }),
  );
// Go: only the files go/build selects for this platform, without tests, are scored.
if (fromGo)
  edges.splice(
    0,
    edges.length,
    ...edges.filter((e) => fromGo.files.has(e.site.slice(0, e.site.lastIndexOf(':')))),
  );

// --- scoring --------------------------------------------------------------------------------
// C++: GCC places a call whose arguments build temporaries at its closing parenthesis, lines below
// where the call starts (where the indexer places it): the same target a few lines on confirms it.
const below = language === 'cpp' ? 8 : 0;
const confirmedBelow = (e: Edge): boolean => {
  const at = e.site.lastIndexOf(':');
  const line = Number(e.site.slice(at + 1));
  for (let l = line + 1; l <= line + below; l++)
    if (truth.get(`${e.site.slice(0, at)}:${l}`)?.some((t) => t.target === e.target)) return true;
  return false;
};
const source = new Map<string, string[]>();
const rawLine = (site: string) => {
  const at = site.lastIndexOf(':');
  const path = site.slice(0, at);
  if (!source.has(path)) source.set(path, readFileSync(resolve(root, path), 'utf8').split('\n'));
  return source.get(path)![Number(site.slice(at + 1)) - 1] ?? '';
};
const lineText = (site: string) => rawLine(site).trim().slice(0, 100);
// A runtime truth (PHP) sees only what ran: a call in a branch of its line that did not run, or a `new`
// of a class without a constructor (no call to trace), can be neither confirmed nor refuted.
const classKeys = new Set(sink.all('Class').map((row) => fnKey.get(String(row.id))));
const BRANCHY = /\?|&&|\|\||\b(and|or|fn|function)\b/;
const UNSEEN = ['not run: a branch on its line', 'not traced: new of a class without constructor'];
// C: GCC places a call written in another call's arguments at the line where the outer call starts
// (call-truth/c-outer-calls.ts); `--exact-lines` scores every call at its own line only.
const outer = new Set<string>();
const confirmedOuter = (e: Edge): boolean => {
  if (language !== 'c' || args.includes('--exact-lines')) return false;
  const at = e.site.lastIndexOf(':');
  const path = e.site.slice(0, at);
  if (!source.has(path)) rawLine(e.site);
  const name = e.target.slice(e.target.lastIndexOf('#') + 1);
  for (const l of outerCallLines(source.get(path)!, Number(e.site.slice(at + 1)), name)) {
    if (!truth.get(`${path}:${l}`)?.some((t) => t.target === e.target)) continue;
    outer.add(`${path}:${l}>${e.target}`);
    return true;
  }
  return false;
};
const verdict = (e: Edge): string => {
  const at = truth.get(e.site);
  if (at?.some((t) => t.target === e.target || t.accepts?.includes(e.target)) || confirmedBelow(e))
    return 'confirmed';
  if (!at?.some((t) => t.kind === 'project' && t.target !== e.target) && confirmedOuter(e))
    return 'confirmed';
  if (fromPhp && classKeys.has(e.target)) return UNSEEN[1]!;
  if (fromPhp && BRANCHY.test(rawLine(e.site))) return UNSEEN[0]!;
  if (!at) return 'no call on that line';
  if (at.some((t) => t.kind === 'abstract')) return 'dispatch (interface/abstract target)';
  if (at.some((t) => t.kind === 'project')) return 'another project function';
  if (at.some((t) => t.kind === 'library')) return 'library function';
  return 'unresolvable by the compiler';
};
const byVerdict = new Map<string, number>();
const byResolution = new Map<string, { all: number; ok: number }>();
const wrong: Edge[] = [];
for (const e of edges) {
  const v = verdict(e);
  byVerdict.set(v, (byVerdict.get(v) ?? 0) + 1);
  const r = byResolution.get(e.resolution) ?? { all: 0, ok: 0 };
  r.all++;
  if (v === 'confirmed') r.ok++;
  else if (!UNSEEN.includes(v)) wrong.push(e);
  byResolution.set(e.resolution, r);
}
const linked = new Set(edges.map((e) => `${e.site}>${e.target}`));
const indexed = new Set(fnKey.values());
let due = 0;
let found = 0;
let notIndexed = 0;
const missing: string[] = [];
const unlinked: string[] = [];
for (const [site, list] of truth) {
  for (const t of list) {
    if (t.kind !== 'project') continue;
    if (!indexed.has(t.target!)) {
      if (notIndexed++ < show) missing.push(t.target!);
      continue;
    }
    due++;
    const key = `${site}>${t.target}`;
    if (linked.has(key) || outer.has(key) || t.accepts?.some((a) => linked.has(`${site}>${a}`))) found++;
    else if (unlinked.length < show) unlinked.push(`${site} -> ${t.target}`);
  }
}
const confirmed = byVerdict.get('confirmed') ?? 0;
const unseen = UNSEEN.reduce((n, v) => n + (byVerdict.get(v) ?? 0), 0);
const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-');
const result = {
  root,
  files: files.length,
  compilerCalls: [...truth.values()].reduce((n, l) => n + l.length, 0),
  edges: edges.length,
  precision: Number(pct(confirmed, edges.length - unseen)),
  recall: Number(pct(found, due)),
  verdicts: Object.fromEntries(byVerdict),
  perResolution: Object.fromEntries(
    [...byResolution].map(([k, v]) => [k, { edges: v.all, precision: Number(pct(v.ok, v.all)) }]),
  ),
  compilerTargetsNotIndexed: notIndexed,
  parseWarnings: run.warningCount,
};
if (args.includes('--json')) {
  console.log(JSON.stringify(result));
} else {
  console.log(`\n${root}: ${result.files} files, ${result.compilerCalls} calls the compiler sees`);
  console.log(`  CALLS edge sites  ${edges.length}`);
  console.log(
    `  precision         ${result.precision} % (${confirmed} confirmed by the compiler${unseen ? `; ${unseen} edges where nothing ran are not counted` : ''})`,
  );
  console.log(`  recall            ${result.recall} % (${found} of ${due} project calls with a body)`);
  console.log(`  not indexed       ${notIndexed} compiler targets have no Function/Class at that line`);
  if (fromPhp)
    console.log(
      `  implicit          ${fromPhp.implicit} runtime calls not spelled at their line (not scored)`,
    );
  console.log('  verdicts');
  for (const [v, n] of [...byVerdict].sort((a, b) => b[1] - a[1]))
    console.log(`    ${String(n).padStart(7)}  ${v}`);
  console.log('  per resolution    edges  precision');
  for (const [k, v] of [...byResolution].sort((a, b) => b[1].all - a[1].all)) {
    console.log(`    ${k.padEnd(16)} ${String(v.all).padStart(6)}  ${pct(v.ok, v.all)} %`);
  }
  if (missing.length) console.log(`  first compiler targets not indexed: ${missing.join(', ')}`);
  if (unlinked.length) {
    console.log(`  first ${unlinked.length} compiler calls the indexer did not link`);
    for (const u of unlinked) console.log(`    ${u}\n      ${lineText(u.slice(0, u.indexOf(' ')))}`);
  }
  if (show > 0 && wrong.length)
    console.log(`  first ${Math.min(show, wrong.length)} edges the compiler does not confirm`);
  for (const e of wrong.slice(0, show)) {
    const t =
      truth
        .get(e.site)
        ?.map((x) => x.target ?? x.kind)
        .join(', ') ?? '-';
    console.log(`    ${e.site} [${e.resolution}] -> ${e.target} (compiler: ${t})\n      ${lineText(e.site)}`);
  }
}
