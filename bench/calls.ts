/**
 * CALLS edges scored against the TypeScript compiler: indexes a TypeScript/JavaScript project with
 * the indexer (no database: the pipeline's rows are collected as they would be written), then has
 * the compiler's type checker resolve every call and `new` in the same files, and compares.
 *
 *   pnpm bench:calls <project-dir> [--show 20] [--json]
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
 * - both per `CALLS.resolution`, and the first `--show` false edges with their source line.
 * Caller attribution is not scored (closures and top-level code differ by design).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { MemorySink, runPipeline } from '../packages/indexer/src/index.js';

const args = process.argv.slice(2);
const root = realpathSync(
  resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--show') ?? '.'),
);
const showAt = args.indexOf('--show');
const show = showAt >= 0 ? Number(args[showAt + 1]) : 20;

// --- the indexer's edges ------------------------------------------------------------------
const sink = new MemorySink();
const run = await runPipeline(root, sink, { storeSource: false, workers: 2 });
const fnKey = new Map<string, string>(); // node id -> "path:line"
for (const label of ['Function', 'Class']) {
  for (const row of sink.all(label)) fnKey.set(String(row.id), `${row.path}:${row.line_number}`);
}
const rel = (p: unknown) => {
  const s = String(p);
  return s.startsWith('/') ? relative(root, s) : s;
};
for (const [id, key] of fnKey)
  fnKey.set(id, rel(key.slice(0, key.lastIndexOf(':'))) + key.slice(key.lastIndexOf(':')));
interface Edge {
  readonly site: string; // "path:line"
  readonly target: string; // "path:line"
  readonly resolution: string;
}
const edges: Edge[] = [];
const SCRIPT = /\.(m|c)?[jt]sx?$/;
const callerPath = new Map<string, string>();
for (const label of ['Function', 'File']) {
  for (const row of sink.all(label)) callerPath.set(String(row.id), rel(row.path));
}
for (const r of sink.rels) {
  if (r.type !== 'CALLS') continue;
  const target = fnKey.get(r.to);
  const path = callerPath.get(r.from);
  if (!target || !path || !SCRIPT.test(path)) continue;
  const lines = (r.properties?.lines as number[] | undefined) ?? [Number(r.properties?.line_number)];
  for (const line of lines) {
    edges.push({ site: `${path}:${line}`, target, resolution: String(r.properties?.resolution) });
  }
}

// --- the compiler's calls -----------------------------------------------------------------
const files = [...new Set([...callerPath.values()].filter((p) => SCRIPT.test(p)))].map((p) =>
  resolve(root, p),
);
const program = ts.createProgram(files, {
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowJs: true,
  checkJs: false,
  jsx: ts.JsxEmit.Preserve,
  noEmit: true,
  skipLibCheck: true,
  strict: true,
  experimentalDecorators: true,
});
const checker = program.getTypeChecker();
type Kind = 'project' | 'abstract' | 'library' | 'unresolved';
interface Truth {
  readonly kind: Kind;
  readonly target?: string;
}
const truth = new Map<string, Truth[]>(); // site -> what the compiler resolves there
const inProject = (sf: ts.SourceFile) => !sf.isDeclarationFile && files.includes(sf.fileName);
const lineOf = (n: ts.Node) => n.getSourceFile().getLineAndCharacterOfPosition(n.getStart()).line + 1;
const keyOf = (n: ts.Node) => `${relative(root, n.getSourceFile().fileName)}:${lineOf(n)}`;

/** The declaration with a body that a resolved declaration stands for (overloads → implementation). */
function implementation(decl: ts.Declaration): ts.Node | undefined {
  const body = (d: ts.Node) =>
    (ts.isFunctionLike(d) && 'body' in d && d.body !== undefined) || ts.isClassLike(d);
  if (body(decl)) return decl;
  const sym = (decl as { symbol?: ts.Symbol }).symbol;
  return sym?.declarations?.find(body);
}

function heldFunction(callee: ts.Expression): ts.Declaration | undefined {
  const at = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  let sym = checker.getSymbolAtLocation(at);
  if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  const d = sym?.valueDeclaration;
  const init =
    d && (ts.isVariableDeclaration(d) || ts.isPropertyAssignment(d) || ts.isPropertyDeclaration(d))
      ? d.initializer
      : undefined;
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
}

function classify(call: ts.CallExpression | ts.NewExpression): Truth {
  const sig = checker.getResolvedSignature(call);
  let decl: ts.Declaration | undefined = sig?.declaration;
  if (ts.isNewExpression(call) && (!decl || !inProject(decl.getSourceFile()))) {
    // `new C()` where neither C nor a project base declares a constructor: the class itself.
    let sym = checker.getSymbolAtLocation(call.expression);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    const cls = sym?.declarations?.find(ts.isClassLike);
    if (cls && inProject(cls.getSourceFile())) decl = cls;
  }
  // A function held by a typed variable (`const f: Fn = (…) => …`): the signature is the type's,
  // the code that runs is the initializer.
  const held = heldFunction(call.expression);
  if (held) decl = held;
  if (!decl || ts.isJSDocSignature(decl)) return { kind: 'unresolved' };
  if (!inProject(decl.getSourceFile())) return { kind: 'library' };
  const impl = implementation(decl);
  if (!impl) return { kind: 'abstract', target: keyOf(decl) };
  // A function assigned to a variable or property is indexed under that name, at its own line.
  return { kind: 'project', target: keyOf(impl) };
}

for (const sf of program.getSourceFiles()) {
  if (!inProject(sf)) continue;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      if (n.expression.kind !== ts.SyntaxKind.ImportKeyword) {
        const site = keyOf(n);
        const list = truth.get(site) ?? [];
        list.push(classify(n));
        truth.set(site, list);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}

// --- scoring --------------------------------------------------------------------------------
const verdict = (e: Edge): string => {
  const at = truth.get(e.site);
  if (!at) return 'no call on that line';
  if (at.some((t) => t.target === e.target)) return 'confirmed';
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
  else wrong.push(e);
  byResolution.set(e.resolution, r);
}
const linked = new Set(edges.map((e) => `${e.site}>${e.target}`));
const indexed = new Set(fnKey.values());
let due = 0;
let found = 0;
let notIndexed = 0;
for (const [site, list] of truth) {
  for (const t of list) {
    if (t.kind !== 'project') continue;
    if (!indexed.has(t.target!)) {
      notIndexed++;
      continue;
    }
    due++;
    if (linked.has(`${site}>${t.target}`)) found++;
  }
}
const confirmed = byVerdict.get('confirmed') ?? 0;
const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-');
const result = {
  root,
  files: files.length,
  compilerCalls: [...truth.values()].reduce((n, l) => n + l.length, 0),
  edges: edges.length,
  precision: Number(pct(confirmed, edges.length)),
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
  console.log(`  precision         ${result.precision} % (${confirmed} confirmed by the compiler)`);
  console.log(`  recall            ${result.recall} % (${found} of ${due} project calls with a body)`);
  console.log(`  not indexed       ${notIndexed} compiler targets have no Function/Class at that line`);
  console.log('  verdicts');
  for (const [v, n] of [...byVerdict].sort((a, b) => b[1] - a[1]))
    console.log(`    ${String(n).padStart(7)}  ${v}`);
  console.log('  per resolution    edges  precision');
  for (const [k, v] of [...byResolution].sort((a, b) => b[1].all - a[1].all)) {
    console.log(`    ${k.padEnd(16)} ${String(v.all).padStart(6)}  ${pct(v.ok, v.all)} %`);
  }
  const source = new Map<string, string[]>();
  const lineText = (site: string) => {
    const at = site.lastIndexOf(':');
    const path = site.slice(0, at);
    if (!source.has(path)) source.set(path, readFileSync(resolve(root, path), 'utf8').split('\n'));
    return source.get(path)![Number(site.slice(at + 1)) - 1]?.trim().slice(0, 100) ?? '';
  };
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
