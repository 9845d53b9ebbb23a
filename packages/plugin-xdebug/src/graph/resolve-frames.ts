import type { GraphStore } from '@cgc/core';
import type { FrameInfo } from '../capture/chain-builder.js';
import { num } from './counts.js';
import { mapPath, type PathMapping } from './path-mapping.js';
import { traitMethods } from './trait-methods.js';

/** A frame to resolve, with where it runs when known. */
export interface FrameToResolve {
  readonly frame: FrameInfo;
  readonly ownFile: string;
  readonly ownLine: number;
}

/** The code a frame runs (a Function, or the File of a script's top-level code), and how it was found. */
export interface FrameResolution {
  readonly functionId: string;
  /** `File` for `{main}` and include frames (top-level code), else `Function`. */
  readonly label: 'Function' | 'File';
  readonly matchType: 'fqn' | 'closure' | 'line' | 'trait' | 'file';
  readonly confidence: number;
}

const CHUNK = 2_000;

/**
 * Resolves frames: by PHP FQN (`Ns\Cls::m`, `Ns\fn`; when several Functions
 * share it, the one in the frame's file wins), closures by their definition
 * place, anything else by file + line (through path mappings) to the innermost
 * Function whose [line_number, end_line] contains the line. A trait method runs
 * as `UsingCls->m` (Xdebug names the class that uses the trait): without a
 * position it resolves to the trait's method of that name. `{main}` and
 * include frames resolve to the File whose top-level code they run.
 */
export async function resolveFrames(
  store: GraphStore,
  frames: readonly FrameToResolve[],
  mappings: readonly PathMapping[],
): Promise<Map<string, FrameResolution>> {
  const out = new Map<string, FrameResolution>();
  const fqns = [...new Set(frames.map((f) => f.frame.name.fqn).filter(Boolean))];
  const byFqn = new Map<string, { id: string; path: string }[]>();
  for (let i = 0; i < fqns.length; i += CHUNK) {
    const rows = await store.read(
      'MATCH (f:Function) WHERE f.fqn IN $fqns RETURN f.id AS id, f.fqn AS fqn, f.path AS path ORDER BY f.id',
      { fqns: fqns.slice(i, i + CHUNK) },
    );
    for (const r of rows) {
      const list = byFqn.get(String(r.fqn)) ?? [];
      list.push({ id: String(r.id), path: String(r.path ?? '') });
      byFqn.set(String(r.fqn), list);
    }
  }
  const traitless: FrameToResolve[] = [];
  for (const f of frames) {
    const name = f.frame.name;
    const own = f.ownFile ? mapPath(f.ownFile, mappings) : '';
    const candidates = name.fqn ? byFqn.get(name.fqn) : undefined;
    if (candidates?.length) {
      const best = candidates.find((c) => own && c.path === own) ?? candidates[0]!;
      out.set(f.frame.id, {
        functionId: best.id,
        label: 'Function',
        matchType: 'fqn',
        confidence: candidates.length === 1 || own ? 1 : 0.8,
      });
      continue;
    }
    if (f.frame.internal) continue;
    if (name.kind === 'main' || name.kind === 'include') {
      const id = own ? await fileAt(store, own) : undefined;
      if (id) out.set(f.frame.id, { functionId: id, label: 'File', matchType: 'file', confidence: 1 });
      continue;
    }
    const place = name.closure
      ? { file: mapPath(name.closure.file, mappings), line: name.closure.start, type: 'closure' as const }
      : own && f.ownLine > 0
        ? { file: own, line: f.ownLine, type: 'line' as const }
        : undefined;
    const id = place ? await functionAtLine(store, place.file, place.line) : undefined;
    if (id && place) {
      out.set(f.frame.id, {
        functionId: id,
        label: 'Function',
        matchType: place.type,
        confidence: place.type === 'closure' ? 0.95 : 0.7,
      });
    } else if (name.className && !name.closure) traitless.push(f);
  }
  if (traitless.length) {
    const found = await traitMethods(
      store,
      traitless.map((f) => ({ className: f.frame.name.className, method: f.frame.name.method })),
    );
    for (const f of traitless) {
      const id = found.get(`${f.frame.name.className}::${f.frame.name.method}`);
      if (id) out.set(f.frame.id, { functionId: id, label: 'Function', matchType: 'trait', confidence: 0.8 });
    }
  }
  return out;
}

/** The innermost Function of a file (by absolute path) whose line range contains `line`. */
export async function functionAtLine(
  store: GraphStore,
  path: string,
  line: number,
): Promise<string | undefined> {
  const rows = await store.read(
    'MATCH (f:Function) WHERE f.path = $path AND f.line_number <= $line AND f.end_line >= $line ' +
      'RETURN f.id AS id, f.line_number AS first_line, f.end_line AS last_line',
    { path, line },
  );
  let best: { id: string; span: number } | undefined;
  for (const r of rows) {
    const span = num(r.last_line) - num(r.first_line);
    if (!best || span < best.span) best = { id: String(r.id), span };
  }
  return best?.id;
}

async function fileAt(store: GraphStore, path: string): Promise<string | undefined> {
  const row = await store.one('MATCH (f:File) WHERE f.path = $path RETURN f.id AS id ORDER BY id LIMIT 1', {
    path,
  });
  return row?.id === undefined || row.id === null ? undefined : String(row.id);
}
