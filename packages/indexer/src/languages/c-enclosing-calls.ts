import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';

interface Open {
  readonly end: number;
  readonly name: string;
}

// Per file being extracted: the bare calls whose argument lists the walk is inside, outermost first.
const OPEN = new WeakMap<FileBuilder, Open[]>();

/**
 * The names of the bare calls whose arguments hold the call `n`, innermost first and space-separated
 * (see CallIR.within); `args` is `n`'s argument list, `name` its name when called bare. Both walkers
 * visit a call before the calls inside it, so a stack of argument-list ends is all it takes.
 */
export function enclosingCalls(
  n: Node,
  args: Node | null | undefined,
  name: string | undefined,
  b: FileBuilder,
): string | undefined {
  let open = OPEN.get(b);
  const start = n.startIndex;
  while (open?.length && open[open.length - 1]!.end <= start) open.pop();
  let within: string | undefined;
  for (let i = (open?.length ?? 0) - 1; i >= 0; i--) {
    const o = open![i]!;
    within = within === undefined ? o.name : `${within} ${o.name}`;
  }
  if (name && args && args.endIndex > start) {
    if (!open) {
      open = [];
      OPEN.set(b, open);
    }
    open.push({ end: args.endIndex, name });
  }
  return within;
}

/** `call` (read from the call expression `n`) with the bare calls around it, if any. */
export function withEnclosing<C extends { name: string; receiver?: string; form: string }>(
  n: Node,
  call: C | undefined,
  b: FileBuilder,
): C | undefined {
  const bare = call && call.receiver === undefined && call.form === 'call' ? call.name : undefined;
  const within = enclosingCalls(n, n.childForFieldName('arguments'), bare, b);
  return call && within !== undefined ? { ...call, within } : call;
}
