import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { declareLocal, declareWhole, useLocal } from './go-scopes.js';

/**
 * A callback's parameter (`cmd.commands.filter((cmd) => cmd.hidden())` in a method whose `cmd` is a
 * `Command`): in force on the callback's lines only, so the function's own `cmd` keeps its type on
 * the others (see go-scopes.ts, whose line-scoped locals these are). An untyped parameter of the
 * function counts as a local of unknown type there.
 */
export function declareCallbackParam(b: FileBuilder, name: string, type: string, callback: Node): void {
  const fn = b.currentFunction;
  if (!fn) return;
  if (!Object.hasOwn(fn.locals, name) && fn.params.some((p) => p.name === name)) fn.locals[name] = '';
  declareLocal(b, name, type, { index: callback.startIndex, row: callback.startPosition.row }, callback);
}

/** A JS/TS local declared in a function (its block not tracked): see FileBuilder.local and declareWhole. */
export function declareJsLocal(b: FileBuilder, name: string, type: string | undefined): void {
  if (!declareWhole(b, name, type)) b.local(name, type);
}

/** A call whose receiver starts with a name (`cmd.commands.filter(…)`): tells which declaration its line means. */
export function useReceiver(b: FileBuilder, receiver: string | undefined, node: Node): void {
  const name = receiver && /^[\w$]+/.exec(receiver)?.[0];
  if (name && name !== 'this' && b.currentFunction) useLocal(b, name, node);
}
