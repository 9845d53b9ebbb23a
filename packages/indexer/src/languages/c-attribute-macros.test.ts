import { describe, expect, it } from 'vitest';
import { blankAttributeMacros } from './c-attribute-macros.js';

describe('attribute macros before a (void) function name', () => {
  it('blanks them, positions unchanged', () => {
    const src = [
      'int __init setup(void)',
      'static void __exit cleanup(void) {}',
      'static int __init __cold late(void);',
      'uLong ZEXPORT zlibCompileFlags(void) {',
      'static unsigned int __cold cold(void)',
      'static struct page *__init first(void)',
    ].join('\n');
    const out = blankAttributeMacros(src);
    expect(out).toHaveLength(src.length);
    expect(out.split('\n')).toEqual([
      'int        setup(void)',
      'static void        cleanup(void) {}',
      'static int               late(void);',
      'uLong         zlibCompileFlags(void) {',
      'static unsigned int        cold(void)',
      'static struct page *       first(void)',
    ]);
  });

  it('leaves types, modifiers, parameters and other shapes alone', () => {
    for (const src of [
      'static BOOL IsOk(void)', // a storage class, then the type
      'unsigned __int64 ticks(void)', // a sign modifier, then the type
      'LIBBPF_API __u32 libbpf_major_version(void);', // the macro comes first
      'CURL_EXTERN CURLU *curl_url(void);', // pointer after the capitals: which is the type is unclear
      'int notrace traced(int x)', // named parameters: the grammar copes
      'struct FOO BAR(void)',
      '  return FOO bar(void);',
      '#define X int __init f(void)',
    ])
      expect(blankAttributeMacros(src)).toBe(src);
  });
});
