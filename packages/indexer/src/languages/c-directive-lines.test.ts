import { describe, expect, it } from 'vitest';
import { directiveLineStarts, directiveMatches, firstDirectiveMatch } from './c-directive-lines.js';

const TEXT = [
  '#ifndef A_H',
  '#define A_H',
  '  # define TWO(a, b) \\',
  '#define HIDDEN 1',
  'const char *s = "#define NOT 1";',
  'x = a # b;',
  '\t#undef TWO\r',
  '#if X\r#define CR_ONLY 2',
  '#endif',
].join('\n');

const all = (re: RegExp) => [...TEXT.matchAll(re)].map((m) => [m.index, ...m]);
const ours = (re: RegExp) => [...directiveMatches(TEXT, re)].map((m) => [m.index, ...m]);

describe('directive lines', () => {
  it('finds the lines that start with # after blanks, after \\n, \\r\\n or a lone \\r', () => {
    const lines = directiveLineStarts(TEXT).map((at) => TEXT.slice(at, TEXT.indexOf('#', at) + 8));
    expect(lines).toEqual([
      '#ifndef ',
      '#define ',
      '  # define',
      '#define ',
      '\t#undef T',
      '#if X\r#d',
      '#define ',
      '#endif',
    ]);
  });

  it('matches as matchAll does, a continued line hiding the directive it runs into', () => {
    const patterns = [
      /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)/gm,
      /^[ \t]*#[ \t]*(\w+)((?:[^\n]*\\\r?\n)*[^\n]*)/gm,
      /^[ \t]*#[ \t]*undef[ \t]+(\w+)/gm,
    ];
    for (const re of patterns) expect(ours(re)).toEqual(all(re));
    expect(ours(patterns[1]!).map((m) => m[2])).not.toContain('define HIDDEN 1');
    expect(ours(patterns[0]!).map((m) => m[2])).toEqual(['A_H', 'TWO', 'HIDDEN', 'CR_ONLY']);
  });

  it('gives the first match of a pattern spanning lines', () => {
    const guard = /^[ \t]*#[ \t]*ifndef[ \t]+(\w+)[ \t]*\r?\n[ \t]*#[ \t]*define[ \t]+\1\b/m;
    expect(firstDirectiveMatch(TEXT, guard)?.[1]).toBe('A_H');
    expect(firstDirectiveMatch('int x;\n', guard)).toBeUndefined();
  });
});
