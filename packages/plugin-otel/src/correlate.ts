import { fqnParts, spanFqn } from './fqn.js';
import type { FunctionIndex } from './function-index.js';
import { mapPath, type PathMapping } from './path-mapping.js';
import type { SpanRecord } from './span-record.js';

/** How a span was linked to a function. */
export type Strategy = 'fqn' | 'fqn_suffix' | 'file_line' | 'file_function' | 'route';

/** A span → function match. */
export interface Correlation {
  readonly functionId: string;
  readonly strategy: Strategy;
  readonly confidence: number;
}

/** The code facts a span's attributes carry (current and older semantic conventions). */
export interface SpanCode {
  readonly fqn?: string;
  readonly file?: string;
  readonly line?: number;
  readonly route?: string;
  readonly method?: string;
}

/** Reads the code location, route and method of a span. */
export function spanCode(span: SpanRecord): SpanCode {
  const a = span.attributes;
  const fqn = spanFqn(a);
  const file = text(a['code.file.path']) ?? text(a['code.filepath']);
  const line = num(a['code.line.number']) ?? num(a['code.lineno']);
  const route = text(a['http.route']);
  const method = text(a['http.request.method']) ?? text(a['http.method']);
  const code: { -readonly [K in keyof SpanCode]: SpanCode[K] } = {};
  if (fqn) code.fqn = fqn;
  if (file) code.file = file;
  if (line !== undefined) code.line = line;
  if (route) code.route = route;
  if (method) code.method = method;
  return code;
}

/**
 * Finds the function a span ran, trying the most certain evidence first: an exact
 * fqn, the function whose lines contain the span's file and line, a unique fqn
 * suffix, and for SERVER spans the handler of the matched route.
 */
export function correlate(
  span: SpanRecord,
  index: FunctionIndex,
  mappings: readonly PathMapping[],
): Correlation | undefined {
  const code = spanCode(span);
  const parts = code.fqn ? fqnParts(code.fqn) : [];
  if (parts.length > 0) {
    const exact = index.exact(parts);
    if (exact.length === 1) return { functionId: exact[0]!, strategy: 'fqn', confidence: 1 };
  }
  const file = code.file ? index.file(mapPath(code.file, mappings)) : undefined;
  if (file && code.line !== undefined) {
    const f = index.at(file.path, code.line);
    if (f)
      return {
        functionId: f.id,
        strategy: 'file_line',
        confidence: file.exact ? 0.95 : file.segments >= 2 ? 0.85 : 0.7,
      };
  }
  if (parts.length > 0) {
    const candidates =
      parts.length > 1 ? index.suffix(parts) : [...index.exact(parts), ...index.suffix(parts)];
    const inFile = file ? candidates.filter((id) => index.get(id)?.path === file.path) : [];
    if (inFile.length === 1) return { functionId: inFile[0]!, strategy: 'fqn_suffix', confidence: 0.9 };
    if (candidates.length === 1) {
      return { functionId: candidates[0]!, strategy: 'fqn_suffix', confidence: parts.length > 1 ? 0.8 : 0.5 };
    }
    if (file) {
      const byName = index.inFile(file.path, parts[parts.length - 1]!);
      if (byName.length === 1)
        return { functionId: byName[0]!.id, strategy: 'file_function', confidence: 0.8 };
    }
  }
  if (span.kind === 'SERVER' && code.route) {
    const handlers = index.route(code.method ?? 'GET', code.route);
    if (handlers.length === 1) return { functionId: handlers[0]!, strategy: 'route', confidence: 0.9 };
  }
  return undefined;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}
