import { fqnParts, normaliseRoute, partsKey } from './fqn.js';
import { normalisePath } from './path-mapping.js';

/** A Function node as correlation needs it. */
export interface IndexedFunction {
  readonly id: string;
  readonly fqn: string;
  readonly name: string;
  readonly path: string;
  readonly line: number;
  readonly end: number;
}

/** A Route → handler pair from the indexer. */
export interface IndexedRoute {
  readonly method: string;
  readonly path: string;
  readonly functionId: string;
}

/** Lookup structures over the graph's Function and Route nodes, rebuilt on refresh. */
export class FunctionIndex {
  readonly size: number;
  readonly #byId = new Map<string, IndexedFunction>();
  readonly #exact = new Map<string, string[]>();
  readonly #suffix = new Map<string, string[]>();
  readonly #byPath = new Map<string, IndexedFunction[]>();
  readonly #byBase = new Map<string, string[]>();
  readonly #routes = new Map<string, string[]>();

  constructor(functions: readonly IndexedFunction[], routes: readonly IndexedRoute[] = []) {
    this.size = functions.length;
    for (const f of functions) {
      this.#byId.set(f.id, f);
      if (f.fqn) {
        const parts = fqnParts(f.fqn);
        push(this.#exact, partsKey(parts), f.id);
        for (let i = 1; i < parts.length; i++) push(this.#suffix, partsKey(parts.slice(i)), f.id);
      }
      if (f.path) {
        const p = normalisePath(f.path);
        const list = this.#byPath.get(p);
        if (list) list.push(f);
        else {
          this.#byPath.set(p, [f]);
          push(this.#byBase, basename(p), p);
        }
      }
    }
    for (const r of routes) {
      for (const m of r.method
        .toUpperCase()
        .split(/[|,\s]+/)
        .filter(Boolean)) {
        push(this.#routes, `${m} ${normaliseRoute(r.path)}`, r.functionId);
      }
    }
  }

  /** The function with this id. */
  get(id: string): IndexedFunction | undefined {
    return this.#byId.get(id);
  }

  /** Functions whose fqn equals the given one part for part. */
  exact(parts: readonly string[]): string[] {
    return this.#exact.get(partsKey(parts)) ?? [];
  }

  /** Functions whose fqn ends with the given parts (and is longer). */
  suffix(parts: readonly string[]): string[] {
    return this.#suffix.get(partsKey(parts)) ?? [];
  }

  /**
   * The indexed file for a runtime path: the exact path, else the indexed path sharing
   * the longest tail of segments (unique), with how many segments matched.
   */
  file(path: string): { path: string; exact: boolean; segments: number } | undefined {
    const p = normalisePath(path);
    if (this.#byPath.has(p)) return { path: p, exact: true, segments: Infinity };
    const candidates = this.#byBase.get(basename(p));
    if (!candidates) return undefined;
    const want = p.split('/').reverse();
    let best: string | undefined;
    let bestN = 0;
    let tie = false;
    for (const c of candidates) {
      const have = c.split('/').reverse();
      let n = 0;
      while (n < want.length && n < have.length && want[n] === have[n]) n++;
      if (n > bestN) {
        best = c;
        bestN = n;
        tie = false;
      } else if (n === bestN) tie = true;
    }
    return best && !tie ? { path: best, exact: false, segments: bestN } : undefined;
  }

  /** The innermost function of a file whose line range contains the line. */
  at(path: string, line: number): IndexedFunction | undefined {
    let best: IndexedFunction | undefined;
    for (const f of this.#byPath.get(path) ?? []) {
      if (line >= f.line && line <= (f.end || f.line) && (!best || f.end - f.line < best.end - best.line))
        best = f;
    }
    return best;
  }

  /** Functions of a file with the given simple name. */
  inFile(path: string, name: string): IndexedFunction[] {
    return (this.#byPath.get(path) ?? []).filter((f) => f.name === name);
  }

  /** Handlers of a route for a method (or for any method). */
  route(method: string, route: string): string[] {
    const r = normaliseRoute(route);
    const m = method.toUpperCase();
    const direct = this.#routes.get(`${m} ${r}`) ?? [];
    if (direct.length > 0) return direct;
    return [...(this.#routes.get(`ANY ${r}`) ?? []), ...(this.#routes.get(`* ${r}`) ?? [])];
  }
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const list = m.get(k);
  if (!list) m.set(k, [v]);
  else if (!list.includes(v)) list.push(v);
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
