import type { FileIR } from '../ir.js';
import { Conditionals } from './c-conditionals.js';
import { firstDirectiveMatch } from './c-directive-lines.js';
import { lineIndex } from './c-macro-aliases.js';

// `#ifndef X` with `#define X` as the next line: an include guard, or a copy of one.
const GUARD_PAIR = /^[ \t]*#[ \t]*ifndef[ \t]+(\w+)[ \t]*\r?\n[ \t]*#[ \t]*define[ \t]+\1\b/m;

/**
 * Records a C/C++ file's guard blocks in `FileIR.guards`: a header's include guard, and in a source
 * file a header's body pasted under that header's guard (zstd's `legacy/zstd_v02.c` carries its own
 * `ERR_isError` under `#ifndef ERROR_H_MODULE` after including `error_private.h`, which defines it).
 */
export function recordGuards(ir: FileIR, text: string): void {
  if (!firstDirectiveMatch(text, GUARD_PAIR)) return;
  const guards = new Conditionals(text, lineIndex(text)).guards;
  if (guards.length > 0) ir.guards = guards;
}
