import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { lineOf, named, unquote } from '../extract/helpers.js';

/** Express-style router methods (`app.get('/x', handler)`). */
export const HTTP = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'head', 'options']);

/** `app.get('/path', …, handler)`: an HTTP route, with its handler when it is named. */
export function route(node: Node, method: string, args: Node, b: FileBuilder): void {
  const list = named(args);
  const path = list[0];
  if (path?.type !== 'string' && path?.type !== 'template_string') return;
  const p = unquote(path.text);
  if (!p.startsWith('/')) return;
  const last = list.length > 1 ? list[list.length - 1] : undefined;
  const handler =
    last && (last.type === 'identifier' || last.type === 'member_expression') ? last.text : undefined;
  b.route({
    method: method === 'all' ? 'ANY' : method.toUpperCase(),
    path: p,
    framework: 'express',
    line: lineOf(node),
    ...(handler ? { handler } : {}),
  });
}
