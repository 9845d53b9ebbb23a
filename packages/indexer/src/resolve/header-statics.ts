import { isHeader } from '../languages/c-macro-aliases.js';
import type { IncludedDefinitions } from './c-included.js';
import type { FileEntry, Sym } from './symbols.js';

/**
 * C/C++: whether the one definition of a name is a header's `static` function that the caller's
 * `#include`s never reach. Such a function exists only in the files that include its header
 * (xz's `range_encoder.h` `rc_bit`, beside the `rc_bit` macro of `range_decoder.h` that the decoder
 * includes): elsewhere the name means something else (a macro of another header, a library
 * function), so the call is not linked to it. When the walk cannot tell (an include several files
 * could satisfy, or more headers than it reads), the definition stays a candidate.
 */
export function unseenHeaderStatic(
  included: IncludedDefinitions,
  file: FileEntry,
  syms: readonly Sym[],
): boolean {
  const only = syms.length === 1 ? syms[0] : undefined;
  if (only?.type !== 'function' || !only.ir.isStatic || only.file === file || !isHeader(only.file.rel))
    return false;
  return included.visible(file, syms)?.length === 0;
}
