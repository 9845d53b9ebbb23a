import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { baseType, cleanComment, isArrayType, lineOf } from '../extract/helpers.js';
import type { ParamIR } from '../ir.js';

// `@typedef {import("./Chunk")} Chunk`, `@typedef {import("./x.js").Option} Option`.
const TYPEDEF =
  /@typedef\s*\{\s*import\(\s*["']([^"']+)["']\s*\)(?:\.([\w$]+))?\s*(?:<[^{}]*>)?\s*\}\s*([\w$]+)/g;
const PARAM = /@param\s*\{([^{}]+)\}\s*\[?([\w$]+)/g;
const RETURNS = /@returns?\s*\{([^{}]+)\}/;

/**
 * JavaScript: a JSDoc type the TypeScript checker reads, as one class name (`{Chunk=}`, `{?Chunk}`,
 * `{Chunk | undefined}`); none for arrays, unions of classes, functions and inline `import(…)`.
 */
export function jsDocType(text: string): string | undefined {
  const t = text
    .trim()
    .replace(/^[?!]/, '')
    .replace(/=$/, '')
    .replace(/^\((.*)\)$/, '$1')
    .trim();
  if (isArrayType(t) || /[(){}[\]:]|^Array</.test(t)) return undefined;
  return baseType(t);
}

/** JavaScript: parameters without a type get the JSDoc `@param {Type} name` of their function's comment. */
export function withDocTypes(params: ParamIR[], doc: string | undefined): ParamIR[] {
  if (!doc?.includes('@param') || params.every((p) => p.type)) return params;
  const types = new Map<string, string>();
  for (const m of doc.matchAll(PARAM)) {
    const t = jsDocType(m[1]!);
    if (t) types.set(m[2]!, t);
  }
  return params.map((p) => (p.type || !types.has(p.name) ? p : { ...p, type: types.get(p.name)! }));
}

/** JavaScript: the JSDoc `@returns {Type}` of a function's comment. */
export function docReturnType(doc: string | undefined): string | undefined {
  const m = doc?.includes('@return') ? RETURNS.exec(doc) : null;
  return m ? jsDocType(m[1]!) : undefined;
}

/**
 * The JSDoc block of a declaration: its doc comment, else a `/** … *\/` block right before it
 * with blank lines between (the checker reads that one too).
 */
export function jsDocOf(node: Node, doc: string | undefined): string | undefined {
  if (doc) return doc;
  const target = node.parent?.type === 'export_statement' ? node.parent : node;
  const prev = target.previousNamedSibling;
  return prev?.type === 'comment' && prev.text.startsWith('/**') ? cleanComment(prev.text) : undefined;
}

/**
 * JavaScript: a top-level comment's `@typedef {import("./x")} X` binds X as a type imported from
 * ./x (what `@param {X}` then names), as `import type` does in TypeScript.
 */
export function onTypedefs(node: Node, b: FileBuilder): void {
  if (b.ir.lang !== 'javascript' || b.currentFunction) return;
  const text = node.text;
  if (!text.includes('@typedef')) return;
  const line = lineOf(node);
  for (const m of text.matchAll(TYPEDEF))
    b.import({
      source: m[1]!,
      name: m[2] ?? '*',
      ...(m[2] === m[3] ? {} : { alias: m[3] }),
      line,
      kind: 'import',
    });
}
