import { describe, expect, it } from 'vitest';
import { blankVariance, repairTypeScript, separateCallSignatures } from './ts-repair.js';

const sameShape = (a: string, b: string) => {
  expect(b).toHaveLength(a.length);
  expect(b.split('\n').length).toBe(a.split('\n').length);
};

describe('TypeScript repairs', () => {
  it('blanks variance annotations of type parameters, nothing else', () => {
    const src =
      'interface Cache<in out Key, out Value = never, in\n  E extends X> {}\nfor (const k in obj) out(k);';
    const out = blankVariance(src);
    sameShape(src, out);
    expect(out).toBe(
      'interface Cache<       Key,     Value = never,   \n  E extends X> {}\nfor (const k in obj) out(k);',
    );
    // zod: `/** @ts-ignore Cast variance */ out Shape extends …`
    expect(blankVariance('interface O<\n  /** c */\n  out S extends X = Y,\n> {}')).toBe(
      'interface O<\n  /** c */\n      S extends X = Y,\n> {}',
    );
    // `i < out.length`, `[a, out]`: no type parameter follows
    expect(blankVariance('if (i < out.length) f([a, out], in_)')).toBe(
      'if (i < out.length) f([a, out], in_)',
    );
  });

  it('separates a generic call signature from the member above, past comments', () => {
    const src = [
      'export const match: {',
      '  <A>(o: Options<A>): (value: boolean) => A | B',
      '  /**',
      '   * Data-first. */',
      '  // a note',
      '  <A, B>(',
      '    value: boolean',
      '  ): A | B',
      '  <',
      '    A,',
      '    B',
      '  >(x: A): B',
      '} = dual(2, f)',
    ].join('\n');
    const out = separateCallSignatures(src);
    sameShape(src, out);
    expect(out.split('\n')[5]).toBe(' ;<A, B>(');
    expect(out.split('\n')[8]).toBe(' ;<');
    expect(out.split('\n')[1]).toBe('  <A>(o: Options<A>): (value: boolean) => A | B');
  });

  it('leaves a generic arrow function after `=>` alone', () => {
    const src = 'const run = (f) =>\n  <A>(x: A) => f(x)';
    expect(separateCallSignatures(src)).toBe(src);
  });

  it('reads a line of slashes as one comment (no exponential backtracking)', () => {
    // zod's schemas.ts: banners of `//////////` lines after a `,` made each rewrite run for hours.
    const banner = `${'/'.repeat(45)}\n`.repeat(7);
    const src = `type T = Map<string,\n${banner}number>;\nconst run = (f) =>\n${banner}  <A>(x: A) => f(x)\n`;
    expect(blankVariance(src)).toBe(src);
    expect(separateCallSignatures(src)).toBe(src);
    const typed = `interface I<A,\n${banner}  out B> {}`;
    expect(blankVariance(typed)).toBe(typed.replace('out B', '    B'));
  });

  it('never reads past the end of a comment', () => {
    // The `<` of `dual<` ends its line: the comment before the code must not join the two.
    const src =
      'const a = b.c\n\n/** doc */\nexport const d = dual<\n  /** more */\n  <I>(x: I) => I\n>(2, f)';
    expect(separateCallSignatures(src)).toBe(src);
  });

  it('does both for .ts files', () => {
    const src = 'interface F<out A> {\n  (a: A): A\n  <B>(b: B): B\n}';
    expect(repairTypeScript(src)).toBe('interface F<    A> {\n  (a: A): A\n ;<B>(b: B): B\n}');
  });
});
