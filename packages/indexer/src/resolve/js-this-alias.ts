import { own } from './hierarchy.js';
import type { FnSym } from './symbols.js';

/** What a JS/TS receiver name is in the caller or a function around it. */
export type AliasOf =
  /** `var self = this` in `fn`: calls on the name are `this` calls made in `fn`. */
  | { readonly kind: 'this'; readonly fn: FnSym }
  /** A variable of the name declared otherwise (`const self = new Window()`). */
  | { readonly kind: 'variable' }
  | undefined;

/**
 * `var self = this; function next() { self.fail() }`: the checker reads `self` as the `this` of the
 * function declaring it, also inside nested functions and callbacks that bind their own `this`.
 * Undefined when no function up to the top declares the name.
 */
export function thisAlias(
  caller: FnSym | undefined,
  name: string,
  parent: (f: FnSym) => FnSym | undefined,
): AliasOf {
  for (let f = caller, i = 0; f && i < 20; f = parent(f), i++) {
    const type = own(f.ir.locals, name);
    if (type === 'this') return { kind: 'this', fn: f };
    if (type !== undefined || f.ir.params.some((p) => p.name === name)) return { kind: 'variable' };
  }
  return undefined;
}
