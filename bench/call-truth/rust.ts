import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { calleeOf, last, parseImpl, splitAs, stripGenerics } from './rust-paths.js';
import { addTruth, type Truth, type TruthMap } from './truth.js';

const SPAN = /at ([^:\s<>]+\.rs):(\d+):(\d+): (\d+):(\d+)/;
const IMPL = /^(?:(.*)::)?<impl at ([^:]+\.rs):(\d+):(\d+): (\d+):(\d+)>::(\w+)$/;
const IMPL_IN = /<impl at ([^:]+\.rs):(\d+):(\d+): (\d+):(\d+)>/;
// Traits whose calls the source spells as operators, derefs, indexing, `?` or scope ends.
const IMPLICIT =
  /^(Deref|DerefMut|Index|IndexMut|Drop|Try|FromResidual|Neg|Not|(Add|Sub|Mul|Div|Rem|BitAnd|BitOr|BitXor|Shl|Shr)(Assign)?)$/;
const PRIMITIVE = /^(bool|char|str|[iu](8|16|32|64|128|size)|f(32|64))$/;

interface Impl {
  /** The self type as the impl's module path and the type's last segment (`ast::parse::Parser`). */
  readonly type: string;
  readonly at: string;
}

interface Body {
  readonly header: string;
  readonly lines: string[];
}

/**
 * rustc's own resolution of every call in the crate at `root` (its library, compiled as for its
 * unit tests, or else its binaries): the MIR that `-Zunpretty=mir` prints (`RUSTC_BOOTSTRAP=1`,
 * no nightly toolchain needed) names each call's callee by its full path (`a::S::get`,
 * `<a::S as a::T>::t`, `<dyn a::T as a::T>::t`) with the call's span. A path is bound to the
 * body rustc printed for it: a free function by its path, an inherent or trait method through
 * its `impl` block (read from the source at the span the body names), a trait's own default
 * method when the impl does not override it. A call through `dyn Trait`, `Self` or a type
 * parameter dispatches (`abstract`, to the trait's declaration when the project declares it); a
 * closure or function pointer is unresolved; anything else is a library's. Targets are
 * "path:line" of the `fn`. Only lines where some MIR statement starts are scored (cfg'd-out code,
 * other platforms' modules and macro definitions are not scored); operator, deref, index and `?`
 * calls (`a + b`, `*x`, `v[i]`) are left out, as the source spells no call there.
 */
export function rustTruth(root: string): { truth: TruthMap; compiled: Map<string, Set<number>> } {
  const target = mkdtempSync(join(tmpdir(), 'cgc-call-truth-rs-'));
  try {
    const meta = JSON.parse(
      execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1'], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      }),
    ) as { packages: { manifest_path: string; targets: { kind: string[]; name: string }[] }[] };
    const pkg = meta.packages.find((p) => resolve(p.manifest_path) === resolve(root, 'Cargo.toml'));
    const targets = pkg?.targets ?? [];
    const lib = targets.some((t) => t.kind.some((k) => /lib/.test(k) || k === 'proc-macro'));
    const runs = lib
      ? [['--lib', '--profile', 'test']]
      : targets.filter((t) => t.kind.includes('bin')).map((t) => ['--bin', t.name]);
    const bodies: Body[] = [];
    for (const run of runs) {
      const text = execFileSync(
        'cargo',
        [
          'rustc',
          '-q',
          ...run,
          '--',
          '-Zunpretty=mir',
          '-Zmir-include-spans=yes',
          '-Ztrim-diagnostic-paths=false',
        ],
        {
          cwd: root,
          encoding: 'utf8',
          maxBuffer: 1 << 30,
          env: { ...process.env, RUSTC_BOOTSTRAP: '1', CARGO_TARGET_DIR: target },
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      bodies.push(...splitBodies(text));
    }
    return resolveCalls(root, bodies);
  } finally {
    rmSync(target, { recursive: true, force: true });
  }
}

function splitBodies(text: string): Body[] {
  const out: Body[] = [];
  let cur: Body | undefined;
  for (const line of text.split('\n')) {
    // a body opens at column 0 with a line ending in `{` (one-line constants have none)
    if (!cur && /^\S.*\{$/.test(line)) cur = { header: line, lines: [] };
    else if (cur && line === '}') {
      out.push(cur);
      cur = undefined;
    } else cur?.lines.push(line);
  }
  return out;
}

function resolveCalls(root: string, bodies: Body[]) {
  const sources = new Map<string, string[]>();
  const src = (file: string) => {
    if (!sources.has(file)) sources.set(file, readFileSync(resolve(root, file), 'utf8').split('\n'));
    return sources.get(file)!;
  };
  const local = (file: string) => !file.startsWith('/') && !file.startsWith('<');
  // --- definitions: path → "file:line" -----------------------------------------------------
  const byPath = new Map<string, string>(); // a::helper, a::T::d (default methods)
  // "S::get" / "S|T::t" / "*|T::t" (a blanket impl) → the impls' module paths and targets
  const inherent = new Map<string, Impl[]>();
  const traitImpl = new Map<string, Impl[]>();
  const compiled = new Map<string, Set<number>>();
  const nestedIn = new Map<string, string[]>(); // "method::f" → functions nested in trait impl methods
  for (const b of bodies) {
    for (const l of b.lines) {
      const m = SPAN.exec(l);
      if (!m || !local(m[1]!)) continue;
      const set = compiled.get(m[1]!) ?? new Set<number>();
      compiled.set(m[1]!, set);
      // where a statement starts (a span's later lines may hold code the build leaves out)
      set.add(Number(m[2]));
    }
    const head = /^fn ([^(]+)\(/.exec(b.header);
    if (!head || /\{closure|\{coroutine|promoted\[/.test(head[1]!)) continue;
    const path = head[1]!.trim();
    const first = b.lines.map((l) => SPAN.exec(l)).find((m) => m && local(m[1]!));
    if (!first) continue;
    const name = last(path);
    const at = `${first[1]}:${fnLine(src(first[1]!), Number(first[2]), name)}`;
    const implOf = (file: string, l1: string, c1: string, l2: string, c2: string) =>
      parseImpl(spanText(src(file), +l1, +c1, +l2, +c2));
    const im = IMPL.exec(path);
    if (!im) {
      // a function nested in a method is called by the type's path: `glob::Parser::parse_class::f`
      const named = path.replace(IMPL_IN, (whole, file, l1, c1, l2, c2) => {
        const p = implOf(file, l1, c1, l2, c2);
        return p && !p.trait ? p.self : whole;
      });
      byPath.set(named, at);
      // in a trait impl's method it is called as `<T as Tr>::method::f`: found by `method::f`
      const nested = /<impl at [^>]+>::(\w+::\w+)$/.exec(named);
      if (nested) nestedIn.set(nested[1]!, [...(nestedIn.get(nested[1]!) ?? []), at]);
      continue;
    }
    const [, mod, file, l1, c1, l2, c2] = im;
    const parsed = implOf(file!, l1!, c1!, l2!, c2!);
    if (!parsed) continue; // a derive's impl (its span is the attribute)
    const key = parsed.trait
      ? `${parsed.generic ? '*' : parsed.self}|${parsed.trait}::${name}`
      : `${parsed.self}::${name}`;
    const map = parsed.trait ? traitImpl : inherent;
    const list = map.get(key) ?? [];
    map.set(key, list);
    // a `const fn` has two bodies (run time and compile time): one target
    if (!list.some((x) => x.at === at)) list.push({ type: mod ? `${mod}::${parsed.self}` : parsed.self, at });
  }
  const traitDecls = traitMethods(root, [...compiled.keys()], src);
  // First segments of the crate's own paths (its modules): `hashbrown::…::get` is another crate's
  // even where the crate has a type of the same name.
  const roots = new Set<string>(['crate', 'self', 'super', 'Self']);
  for (const b of bodies) {
    const head = /^\S+ ([\w]+)::/.exec(b.header);
    if (head) roots.add(head[1]!);
  }
  const foreign = (path: string) => {
    const p = stripGenerics(path.replace(/^&(mut )?/, '').replace(/^(dyn|impl) /, ''));
    return p.includes('::') && !roots.has(p.slice(0, p.indexOf('::')));
  };
  const types = declaredTypes([...compiled.keys()].map((f) => src(f).join('\n')));
  // --- calls ---------------------------------------------------------------------------------
  const truth: TruthMap = new Map();
  for (const b of bodies) {
    for (const l of b.lines) {
      if (!/\) -> (\[return|unwind|bb\d)/.test(l)) continue; // a call of a `-> !` function: `-> bbN`
      const m = SPAN.exec(l);
      if (!m || !local(m[1]!)) continue;
      const stmt = l.trim().replace(/^[^=(]*= /, '');
      if (/^(drop|assert)\(/.test(stmt)) continue;
      const site = `${m[1]}:${m[2]}`;
      const t = target(calleeOf(stmt));
      if (t) addTruth(truth, site, t);
    }
  }
  return { truth, compiled };

  // undefined: an operator's or deref's call the source does not spell (`a + b`, `*x`, `v[i]`, `?`)
  function target(callee: string): Truth | undefined {
    if (/^(move |copy |_\d)/.test(callee)) return { kind: 'unresolved' };
    // `raw_entry::<impl map::HashMap<K, V>>::raw_entry_mut`: an inherent impl in another module than its type
    const elsewhere = /^(?:([\w:]+)::)?<impl (.+)>::(\w+)(?:::<.*>)?$/.exec(callee);
    if (elsewhere && !/ as /.test(stripGenerics(elsewhere[2]!))) {
      const [, mod, self, method] = elsewhere;
      if (mod && foreign(mod)) return { kind: 'library' };
      const list = inherent.get(`${last(self!)}::${method}`);
      const found = pick(list, mod ? `${mod}::${last(self!)}` : last(self!));
      return found ? { kind: 'project', target: found } : list ? { kind: 'unresolved' } : { kind: 'library' };
    }
    const inMethod = /^<.*>::(\w+::\w+)$/.exec(callee);
    if (inMethod) {
      const found = [...new Set(nestedIn.get(inMethod[1]!) ?? [])];
      return found.length === 1 ? { kind: 'project', target: found[0]! } : { kind: 'unresolved' };
    }
    const qualified = /^<(.*)>::(\w+)(::<.*>)?$/.exec(callee);
    if (qualified) {
      const [self, trait] = splitAs(qualified[1]!);
      const method = qualified[2]!;
      if (!trait) return { kind: 'library' };
      if (/^(std|core|alloc)::ops::/.test(trait) && IMPLICIT.test(last(trait))) return undefined;
      const tr = last(trait);
      if (self.startsWith('{closure') || self.startsWith('{coroutine')) return { kind: 'unresolved' };
      const s = self.replace(/^&(mut )?/, '');
      if (foreign(s)) return { kind: 'library' };
      const abstract =
        /^(dyn|impl) /.test(s) || s === 'Self' || (/^\w+$/.test(s) && !types.has(s) && !PRIMITIVE.test(s));
      const decl = pickDecl(traitDecls.get(`${tr}::${method}`), trait);
      if (abstract) return decl ? { kind: 'abstract', target: decl } : { kind: 'library' };
      const found =
        pick(traitImpl.get(`${last(s)}|${tr}::${method}`), s) ??
        pick(traitImpl.get(`*|${tr}::${method}`), s) ??
        byPathLast(`${tr}::${method}`);
      if (found) return { kind: 'project', target: found };
      // a type parameter that shares a name with a type declared somewhere (`C: ToUsize`, `struct C`)
      if (decl && /^\w+$/.test(s) && !PRIMITIVE.test(s)) return { kind: 'abstract', target: decl };
      return decl ? { kind: 'unresolved' } : { kind: 'library' };
    }
    const path = stripGenerics(callee);
    const direct = byPath.get(path);
    if (direct) return { kind: 'project', target: direct };
    const at = path.lastIndexOf('::');
    if (at > 0 && !foreign(path.slice(0, at))) {
      const list = inherent.get(`${last(path.slice(0, at))}::${path.slice(at + 2)}`);
      const found = pick(list, path.slice(0, at));
      if (found) return { kind: 'project', target: found };
      if (list) return { kind: 'unresolved' };
    }
    return { kind: 'library' };
  }

  function byPathLast(key: string): string | undefined {
    const hits = [...byPath].filter(([p]) => p === key || p.endsWith(`::${key}`)).map(([, t]) => t);
    return hits.length === 1 ? hits[0] : undefined;
  }

  // The one impl of that name, or the one in the module the type's path names.
  function pick(list: Impl[] | undefined, type: string): string | undefined {
    if (list?.length === 1) return list[0]!.at;
    const t = stripGenerics(type.replace(/^&(mut )?/, ''));
    const hits = list?.filter((x) => x.type === t) ?? [];
    return hits.length === 1 ? hits[0]!.at : undefined;
  }
}

/** The `fn name` line at or above `line` (a body's first span is in its signature). */
function fnLine(lines: string[], line: number, name: string): number {
  const re = new RegExp(`\\bfn\\s+${name}\\b`);
  for (let l = line; l > 0 && l > line - 40; l--) if (re.test(lines[l - 1] ?? '')) return l;
  return line;
}

function spanText(lines: string[], l1: number, c1: number, l2: number, c2: number): string {
  if (l1 === l2) return lines[l1 - 1]!.slice(c1 - 1, c2 - 1);
  return [lines[l1 - 1]!.slice(c1 - 1), ...lines.slice(l1, l2 - 1), lines[l2 - 1]!.slice(0, c2 - 1)].join(
    ' ',
  );
}

/** Names of structs, enums, unions and type aliases declared in the sources. */
function declaredTypes(texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts)
    for (const m of t.matchAll(/\b(?:struct|enum|union|type|trait)\s+(\w+)/g)) out.add(m[1]!);
  return out;
}

/** The declaration of the trait `path` names when several traits share its name (by the file's module). */
function pickDecl(decls: Impl[] | undefined, path: string): string | undefined {
  if (!decls || decls.length === 0) return undefined;
  if (decls.length === 1) return decls[0]!.at;
  const p = stripGenerics(path);
  return (decls.find((d) => d.type === p) ?? decls[0])!.at;
}

/** The module path of a crate file: `src/ast/visitor.rs` → `ast::visitor`. */
const moduleOf = (file: string) =>
  file
    .replace(/^src\//, '')
    .replace(/\.rs$/, '')
    .split('/')
    .filter((x) => x !== 'mod' && x !== 'lib' && x !== 'main')
    .join('::');

/** "Trait::method" → the trait's path (module of its file + name) and "file:line" of each declaring trait. */
function traitMethods(root: string, files: string[], src: (f: string) => string[]): Map<string, Impl[]> {
  const out = new Map<string, Impl[]>();
  const all = new Set(files);
  for (const f of readdirSync(root, { recursive: true }) as string[])
    if (f.endsWith('.rs') && !f.startsWith('target/')) all.add(f);
  for (const f of all) {
    const lines = src(f);
    let trait: string | undefined;
    let depth = 0;
    let base = 0;
    lines.forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '').replace(/"(\\.|[^"\\])*"/g, '""');
      const t = /^\s*(?:pub(?:\([^)]*\))? )?(?:unsafe )?trait (\w+)/.exec(code);
      if (!trait && t) {
        trait = t[1];
        base = depth;
      }
      const fn = /\bfn\s+(\w+)/.exec(code);
      if (trait && fn && depth === base + 1) {
        const key = `${trait}::${fn[1]}`;
        const mod = moduleOf(f);
        out.set(key, [
          ...(out.get(key) ?? []),
          { type: mod ? `${mod}::${trait}` : trait, at: `${f}:${i + 1}` },
        ]);
      }
      for (const c of code) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
      if (trait && depth <= base && /}/.test(code)) trait = undefined;
    });
  }
  return out;
}
