import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { field } from '../extract/helpers.js';
import type { CallIR } from '../ir.js';
import { destructuredParams } from './js-bindings.js';
import { declareCallbackParam, useReceiver } from './js-callback-locals.js';
import { declareGlobalParams } from './js-globals.js';
import { params } from './js-params.js';
import { ownThis, startsWithThis } from './js-this.js';

// Each file's call sites by node id: a function passed as an argument finds the call it is passed to.
const callsByNode = new WeakMap<FileBuilder, Map<number, CallIR>>();

/** Records a call site, remembered by node for the functions passed to it. */
export function recordCall(node: Node, b: FileBuilder, c: Omit<CallIR, 'caller' | 'line'>): void {
  const call = b.call(node, c);
  useReceiver(b, c.receiver, node);
  let m = callsByNode.get(b);
  if (!m) {
    m = new Map();
    callsByNode.set(b, m);
  }
  m.set(node.id, call);
}

/**
 * An anonymous function passed to a call (`doc.indented((d) => d.write(…))`): its calls belong to
 * the enclosing function, so its parameters become that function's locals — typed as declared, or
 * else as "parameter j of the function passed as argument k of that call", which resolution reads
 * from the callee's declared callback type. Each is in force on the callback's lines (see js-callback-locals.ts).
 */
export function onCallback(node: Node, b: FileBuilder): void {
  const args = node.parent;
  const fn = b.currentFunction;
  const call = args?.type === 'arguments' ? callsByNode.get(b)?.get(args.parent?.id ?? -1) : undefined;
  if (!fn) {
    // Top-level code's callback (a test's `it('…', (done) => …)`): its names hide the file's globals.
    const single = field(node, 'parameter');
    const names = single ? [single.text] : params(field(node, 'parameters')).map((p) => p.name);
    declareGlobalParams(b, [...names, ...destructuredParams(field(node, 'parameters'))], node);
    return;
  }
  if (!call) return;
  // Typed through a call on a `function` expression's own `this`: no type the resolver could read.
  const untyped = startsWithThis(call.receiver) && ownThis(node, b);
  let arg = 0;
  for (let s = node.previousNamedSibling; s; s = s.previousNamedSibling) if (s.type !== 'comment') arg++;
  const single = field(node, 'parameter');
  const list = single ? [{ name: single.text }] : params(field(node, 'parameters'));
  list
    .filter((p) => p.name !== 'this')
    .forEach((p, j) => {
      if (!/^[\w$]+$/.test(p.name)) return;
      const type =
        p.type ?? (untyped ? '' : `(arg)${arg}.${j}|${call.form}|${call.receiver ?? ''}|${call.name}`);
      declareCallbackParam(b, p.name, type, node);
    });
  for (const n of destructuredParams(field(node, 'parameters'))) declareCallbackParam(b, n, '', node);
}
