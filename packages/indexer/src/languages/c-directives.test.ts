import { describe, expect, it } from 'vitest';
import { extractSource } from '../extract/extract.js';
import { loadGrammar } from '../grammars.js';
import { directivesOnly } from './c-directives.js';
import { c } from './c-family.js';

const REGISTERS = `/* SPDX-License-Identifier: MIT */
#ifndef __NBIO_OFFSET_H__
#define __NBIO_OFFSET_H__

// block 0
#define mmBIF_BX_PF0_MM_INDEX                          0x0000 /* base */
#define mmBIF_BX_PF0_MM_INDEX_BASE_IDX                 2
#define MASK(x) \\
  ((x) & 0xff)
#define SWAP(a, b) swap_bytes(a, b)
#if 0
#define OLD "a // \\" not a comment"
#endif
/* a comment
   over lines */ #define AFTER_COMMENT 1
#endif
`;

describe('directivesOnly', () => {
  it('takes files of directives, continuations, comments and blank lines', () => {
    expect(directivesOnly(REGISTERS)).toBe(true);
    expect(directivesOnly('')).toBe(true);
    expect(directivesOnly('#define A 1')).toBe(true);
  });

  it('refuses anything else, and includes', () => {
    expect(directivesOnly('#define A 1\nint x;\n')).toBe(false);
    expect(directivesOnly('#define A 1\n#include "b.h"\n')).toBe(false);
    expect(directivesOnly('  #  include_next <b.h>\n')).toBe(false);
    expect(directivesOnly('#define A 1 /* open\n')).toBe(false);
    expect(directivesOnly('#define A 1 /* x */ int y;\n')).toBe(true); // part of A's value
    expect(directivesOnly('#define A 1\n/* x */ int y;\n')).toBe(false);
    expect(directivesOnly('#define A \\\n  1\nstatic int f(void) { return A; }\n')).toBe(false);
  });
});

describe('treeless extraction', () => {
  it('gives the IR the tree gives, macros included', async () => {
    const lang = (await loadGrammar(c, () => undefined))!;
    const ctx = { path: 'include/nbio_offset.h' };
    const fast = extractSource(c, lang, REGISTERS, ctx);
    const parsed = extractSource({ ...c, treeless: undefined }, lang, REGISTERS, ctx);
    expect(fast).toEqual({ ...parsed, errors: [] });
    expect(fast.macroAliases).toEqual(parsed.macroAliases);
    const noNewline = REGISTERS.trimEnd();
    expect(extractSource(c, lang, noNewline, ctx).lines).toBe(
      extractSource({ ...c, treeless: undefined }, lang, noNewline, ctx).lines,
    );
  });
});
