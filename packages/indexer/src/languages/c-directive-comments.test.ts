import { describe, expect, it } from 'vitest';
import { blankDirectiveComments } from './c-directive-comments.js';

describe('blankDirectiveComments', () => {
  it('blanks the comments of a directive with continuation lines, positions kept', () => {
    const text = '#define A(m) \\\n  do { /* x */ \\\n    f(m); // y \\\n  } while (0)\nint g; /* z */\n';
    const out = blankDirectiveComments(text);
    expect(out).toBe(
      '#define A(m) \\\n  do {         \\\n    f(m);      \\\n             \nint g; /* z */\n',
    );
    expect(out.length).toBe(text.length);
  });

  it('leaves one-line directives and comment markers in strings alone', () => {
    const one = '#define B 1 /* one line */\n';
    expect(blankDirectiveComments(one)).toBe(one);
    const str = '#define C(s) \\\n  puts("/* no */")\n';
    expect(blankDirectiveComments(str)).toBe(str);
  });

  it('blanks a comment opened on the last line through its close', () => {
    const text = '#define D(m) \\\n  f(m) /* a\n  b */\nint h;\n';
    expect(blankDirectiveComments(text)).toBe('#define D(m) \\\n  f(m)     \n      \nint h;\n');
  });
});
