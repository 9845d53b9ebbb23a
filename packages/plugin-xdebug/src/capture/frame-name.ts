/** What kind of code a PHP stack frame runs. */
export type FrameKind = 'main' | 'function' | 'method' | 'static' | 'closure' | 'include' | 'internal';

/** A PHP frame name (`where` in DBGp, the function column in traces) split into parts. */
export interface FrameName {
  readonly kind: FrameKind;
  /** Class part of a method (`Ns\Cls`), or '' */
  readonly className: string;
  /** Method or function name without namespace/class, or the raw name for `{main}`. */
  readonly method: string;
  /** Fully qualified name as the indexer writes Function.fqn (`Ns\Cls::m`, `Ns\fn`), or '' */
  readonly fqn: string;
  /** Where a closure is defined (`{closure:/path.php:4-6}`), else undefined. */
  readonly closure?: { readonly file: string; readonly start: number; readonly end: number };
}

const INCLUDES = new Set(['include', 'include_once', 'require', 'require_once']);
const CLOSURE = /\{closure:(.+):(\d+)-(\d+)\}$/;

/**
 * Splits a frame name: `Ns\Cls->m` and `Ns\Cls::m` both give fqn `Ns\Cls::m`
 * (instance and static calls resolve to the same Function), `Ns\fn` stays
 * `Ns\fn`, closures keep their definition place, `{main}` has no fqn.
 */
export function parseFrameName(where: string, internal = false): FrameName {
  if (where === '{main}') return { kind: 'main', className: '', method: where, fqn: '' };
  const c = CLOSURE.exec(where);
  if (c || where.endsWith('{closure}')) {
    const closure = c ? { file: c[1]!, start: Number(c[2]), end: Number(c[3]) } : undefined;
    return closure
      ? { kind: 'closure', className: '', method: '{closure}', fqn: '', closure }
      : { kind: 'closure', className: '', method: '{closure}', fqn: '' };
  }
  const head = where.split(' ', 1)[0]!;
  if (INCLUDES.has(head)) return { kind: 'include', className: '', method: head, fqn: '' };
  const arrow = where.lastIndexOf('->');
  const colons = where.lastIndexOf('::');
  const at = Math.max(arrow, colons);
  if (at > 0) {
    const className = where.slice(0, at).replace(/^\\/, '');
    const method = where.slice(at + 2);
    return { kind: arrow > colons ? 'method' : 'static', className, method, fqn: `${className}::${method}` };
  }
  const fqn = where.replace(/^\\/, '');
  return {
    kind: internal ? 'internal' : 'function',
    className: '',
    method: fqn.slice(fqn.lastIndexOf('\\') + 1),
    fqn,
  };
}
