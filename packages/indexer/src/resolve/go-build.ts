import type { FnSym } from './symbols.js';

/**
 * Go build constraints (`//go:build` lines and `_windows.go`-style file names, kept as a
 * `go:build <expr>` decorator on each function of the file): of several definitions of one name,
 * the one a default build on linux/amd64 compiles is the one a call runs.
 */
const GOOS = new Set(
  'aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos'.split(
    ' ',
  ),
);
const GOARCH = new Set(
  '386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm'.split(
    ' ',
  ),
);
/** The newest Go release whose `go1.N` tag a build is taken to satisfy. */
const GO_MINOR = 26;

/** The tags a file's name implies (`x_linux_arm64.go`: `linux && arm64`), as a constraint; '' for none. */
export function fileNameConstraint(path: string): string {
  const parts = (path.slice(path.lastIndexOf('/') + 1).replace(/(?:_test)?\.go$/, '') || '').split('_');
  const last = parts.at(-1)!;
  const before = parts.at(-2);
  if (parts.length < 2) return '';
  if (GOARCH.has(last)) return parts.length > 2 && before && GOOS.has(before) ? `${before} && ${last}` : last;
  return GOOS.has(last) ? last : '';
}

/** Whether a tag is set on a default linux/amd64 build: undefined when that depends on the machine. */
function tag(t: string): boolean | undefined {
  if (t === 'linux' || t === 'unix' || t === 'amd64' || t === 'gc') return true;
  if (t === 'cgo') return undefined;
  const v = /^go1\.(\d+)$/.exec(t);
  if (v) return Number(v[1]) <= GO_MINOR ? true : undefined;
  return false; // other systems, `ignore`, and custom tags no default build sets
}

/** A `//go:build` expression on linux/amd64: true, false, or undefined (not known here). */
export function builds(expr: string): boolean | undefined {
  const tokens = expr.match(/\|\||&&|!|\(|\)|[\w.]+/g) ?? [];
  let i = 0;
  const or = (): boolean | undefined => {
    let v = and();
    while (tokens[i] === '||') {
      i++;
      const w = and();
      v = v === true || w === true ? true : v === false && w === false ? false : undefined;
    }
    return v;
  };
  const and = (): boolean | undefined => {
    let v = not();
    while (tokens[i] === '&&') {
      i++;
      const w = not();
      v = v === false || w === false ? false : v === true && w === true ? true : undefined;
    }
    return v;
  };
  const not = (): boolean | undefined => {
    const t = tokens[i++];
    if (t === '!') {
      const v = not();
      return v === undefined ? undefined : !v;
    }
    if (t === '(') {
      const v = or();
      i++;
      return v;
    }
    return t === undefined ? undefined : tag(t);
  };
  const v = or();
  return i === tokens.length ? v : undefined;
}

const cache = new Map<string, boolean | undefined>();

/** Whether `f`'s file is built on linux/amd64 (true when it has no constraint). */
export function goBuilds(f: FnSym): boolean | undefined {
  const d = f.ir.decorators.find((x) => x.startsWith('go:build '));
  if (!d) return true;
  if (!cache.has(d)) cache.set(d, builds(d.slice(9)));
  return cache.get(d);
}

/** Of Go definitions sharing a name, the one built on linux/amd64 when it is the only one known to be. */
export function builtVariant(fns: readonly FnSym[]): FnSym | undefined {
  const live = fns.filter((f) => goBuilds(f) !== false);
  return live.length === 1 && goBuilds(live[0]!) === true ? live[0] : undefined;
}
