import type { Node } from 'web-tree-sitter';
import { named } from '../extract/helpers.js';
import { isHeader } from './c-macro-aliases.js';

const INLINE = new Set(['inline', '__inline', '__inline__', '__forceinline']);

/**
 * Whether a C++ free function defined in a source file is `inline`: C++ requires an inline function
 * to be defined in every translation unit that uses it, so no other file's call reaches it through
 * the linker, as for a `static` one (python-rapidjson's `inline void PutUnsafe(PyWriteStreamWrapper&,
 * char)` in `rapidjson.cpp` is not the `PutUnsafe` rapidjson's headers call). `n` is a free
 * function's definition; a header's functions (seen by every includer) are not concerned.
 */
export function sourceInline(n: Node, path: string): boolean {
  if (isHeader(path)) return false;
  return named(n).some((c) => c.type === 'storage_class_specifier' && INLINE.has(c.text));
}
